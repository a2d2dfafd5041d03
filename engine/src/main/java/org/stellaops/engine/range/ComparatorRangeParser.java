package org.stellaops.engine.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads plain comparator ranges (GHSA, OSV {@code database_specific}, Trivy DB): groups joined by
 * {@code ||}; inside a group, comparators joined by commas and/or spaces. Versions are taken
 * verbatim, so they are checked only when the range is evaluated under a scheme.
 */
final class ComparatorRangeParser {
  private final String text;
  private final RangeExpressions.Dialect dialect;
  private int position;

  ComparatorRangeParser(String text, RangeExpressions.Dialect dialect) {
    this.text = text;
    this.dialect = dialect;
  }

  VersionRange parse() {
    List<VersionInterval> intervals = new ArrayList<>();
    while (true) {
      intervals.add(group());
      if (position == text.length()) {
        return VersionRange.of(intervals);
      }
      position += 2; // group() stops only at the end or at "||"
    }
  }

  private VersionInterval group() {
    int groupStart = position;
    Optional<VersionBound> lower = Optional.empty();
    Optional<VersionBound> upper = Optional.empty();
    skipSeparators();
    if (atGroupEnd()) {
      throw error(position, "expected a comparator such as '>= 1.2.0'");
    }
    while (!atGroupEnd()) {
      int start = position;
      String operator = operator();
      skipWhitespace();
      String version = version();
      if (operator.equals("=") || operator.equals("==") || operator.isEmpty()) {
        lower = only(lower, VersionBound.inclusive(version), start, "lower");
        upper = only(upper, VersionBound.inclusive(version), start, "upper");
      } else if (operator.startsWith(">")) {
        lower = only(lower, new VersionBound(version, operator.equals(">=")), start, "lower");
      } else {
        upper = only(upper, new VersionBound(version, operator.equals("<=")), start, "upper");
      }
      skipSeparators();
    }
    if (lower.isEmpty() && upper.isEmpty()) {
      throw error(groupStart, "empty comparator group");
    }
    return new VersionInterval(lower, upper);
  }

  private Optional<VersionBound> only(Optional<VersionBound> existing, VersionBound bound, int index, String side) {
    if (existing.isPresent()) {
      throw error(index, "a second " + side + " bound in one group; write one lower and one upper bound per group");
    }
    return Optional.of(bound);
  }

  private String operator() {
    int start = position;
    while (position < text.length() && "<>=!".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    String operator = text.substring(start, position);
    return switch (operator) {
      case "", "=", "==", ">", ">=", "<", "<=" -> operator;
      case "!=" -> throw error(start, "'!=' is not supported: an exclusion cannot be written as one interval");
      default -> throw error(start, "unknown operator '" + operator + "' (expected >=, >, <=, <, or =)");
    };
  }

  private String version() {
    int start = position;
    while (position < text.length() && !isSeparator(text.charAt(position)) && text.charAt(position) != '|'
        && "<>=!".indexOf(text.charAt(position)) < 0) {
      position++;
    }
    if (position == start) {
      String found = position == text.length() ? "the end" : "'" + text.charAt(position) + "'";
      throw error(start, "expected a version, found " + found);
    }
    return text.substring(start, position);
  }

  private boolean atGroupEnd() {
    if (position == text.length()) {
      return true;
    }
    if (text.charAt(position) != '|') {
      return false;
    }
    if (position + 1 < text.length() && text.charAt(position + 1) == '|') {
      return true;
    }
    throw error(position, "single '|'; use '||' between alternatives");
  }

  private void skipSeparators() {
    while (position < text.length() && isSeparator(text.charAt(position))) {
      position++;
    }
  }

  private void skipWhitespace() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private static boolean isSeparator(char c) {
    return c == ',' || Character.isWhitespace(c);
  }

  private RangeSyntaxException error(int index, String reason) {
    return new RangeSyntaxException(text, dialect, index, reason);
  }
}
