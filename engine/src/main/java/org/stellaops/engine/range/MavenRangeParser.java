package org.stellaops.engine.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads Maven's version range notation (as {@code VersionRange.createFromVersionSpec} does). */
final class MavenRangeParser {
  private final String text;
  private int position;

  MavenRangeParser(String text) {
    this.text = text;
  }

  VersionRange parse() {
    skipWhitespace();
    if (position == text.length()) {
      throw error(position, "empty range");
    }
    if (text.charAt(position) != '[' && text.charAt(position) != '(') {
      return softRequirement();
    }
    List<VersionInterval> intervals = new ArrayList<>();
    while (true) {
      intervals.add(interval());
      skipWhitespace();
      if (position == text.length()) {
        return VersionRange.of(intervals);
      }
      if (text.charAt(position) != ',') {
        throw error(position, "expected ',' between intervals or the end, found '" + text.charAt(position) + "'");
      }
      position++;
      skipWhitespace();
      if (position == text.length()) {
        throw error(position, "expected an interval after ','");
      }
    }
  }

  private VersionRange softRequirement() {
    String version = text.strip();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == ']' || c == '(' || c == ')' || c == ',' || Character.isWhitespace(c) && !isPadding(i)) {
        throw error(i, "unexpected '" + c + "' in a bare version; intervals start with '[' or '('");
      }
    }
    return VersionRange.of(List.of(VersionInterval.exactly(version)));
  }

  private boolean isPadding(int index) {
    return text.substring(0, index).isBlank() || text.substring(index).isBlank();
  }

  private VersionInterval interval() {
    int open = position;
    char opening = text.charAt(position++);
    if (opening != '[' && opening != '(') {
      throw error(open, "expected '[' or '(' to open an interval, found '" + opening + "'");
    }
    int close = firstOf("])", position);
    if (close < 0) {
      throw error(open, "interval opened here is not closed with ']' or ')'");
    }
    boolean lowerInclusive = opening == '[';
    boolean upperInclusive = text.charAt(close) == ']';
    String body = text.substring(position, close);
    position = close + 1;
    int comma = body.indexOf(',');
    if (comma < 0) {
      return exact(body.strip(), open, lowerInclusive && upperInclusive);
    }
    if (body.indexOf(',', comma + 1) >= 0) {
      throw error(open + 1 + body.indexOf(',', comma + 1), "an interval has at most two versions");
    }
    Optional<VersionBound> lower = bound(body.substring(0, comma).strip(), lowerInclusive);
    Optional<VersionBound> upper = bound(body.substring(comma + 1).strip(), upperInclusive);
    if (lower.isEmpty() && upper.isEmpty()) {
      throw error(open, "an interval needs at least one version");
    }
    return new VersionInterval(lower, upper);
  }

  private VersionInterval exact(String version, int open, boolean bothInclusive) {
    if (version.isEmpty()) {
      throw error(open, "empty interval");
    }
    if (!bothInclusive) {
      throw error(open, "a single-version interval must be written [version]");
    }
    return VersionInterval.exactly(version);
  }

  private static Optional<VersionBound> bound(String version, boolean inclusive) {
    return version.isEmpty() ? Optional.empty() : Optional.of(new VersionBound(version, inclusive));
  }

  private int firstOf(String characters, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (characters.indexOf(c) >= 0) {
        return i;
      }
      if (c == '[' || c == '(') {
        return -1;
      }
    }
    return -1;
  }

  private void skipWhitespace() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private RangeSyntaxException error(int index, String reason) {
    return new RangeSyntaxException(text, RangeExpressions.Dialect.MAVEN, index, reason);
  }
}
