package org.stellaops.engine.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stellaops.engine.version.SemVerScheme;
import org.stellaops.engine.version.UnparseableVersionException;
import org.stellaops.engine.version.VersionScheme;

/**
 * Reads node-semver ranges and expands them exactly as node-semver (non-loose) does: caret, tilde,
 * x-ranges and hyphen ranges become {@code >=}/{@code <} comparators, and each space-separated
 * comparator set is reduced to one interval under npm's version order.
 */
final class NpmRangeParser {
  private static final VersionScheme NPM = SemVerScheme.npm();
  private static final String OPERATOR_CHARACTERS = "<>=~^";

  private final String text;

  NpmRangeParser(String text) {
    this.text = text;
  }

  VersionRange parse() {
    List<VersionInterval> intervals = new ArrayList<>();
    int setStart = 0;
    while (true) {
      int bars = text.indexOf("||", setStart);
      int setEnd = bars < 0 ? text.length() : bars;
      intervals.add(comparatorSet(setStart, setEnd));
      if (bars < 0) {
        return new VersionRange(intervals, PrereleaseRule.NPM_SAME_TUPLE);
      }
      setStart = bars + 2;
    }
  }

  private VersionInterval comparatorSet(int start, int end) {
    List<int[]> tokens = tokens(start, end);
    if (tokens.size() == 3 && text.substring(tokens.get(1)[0], tokens.get(1)[1]).equals("-")) {
      return hyphen(tokens.get(0), tokens.get(2));
    }
    VersionInterval set = VersionInterval.all();
    for (int[] token : tokens) {
      set = set.intersect(comparator(token[0], token[1]), NPM);
    }
    return set;
  }

  /** Whitespace-separated tokens as [start, end); an operator alone is joined with the token after it. */
  private List<int[]> tokens(int start, int end) {
    List<int[]> tokens = new ArrayList<>();
    int i = start;
    while (true) {
      while (i < end && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i == end) {
        return tokens;
      }
      int tokenStart = i;
      while (i < end && OPERATOR_CHARACTERS.indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      if (i > tokenStart) {
        while (i < end && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
      }
      while (i < end && !Character.isWhitespace(text.charAt(i))) {
        if (text.charAt(i) == '|') {
          throw error(i, "single '|'; use '||' between alternatives");
        }
        i++;
      }
      tokens.add(new int[] {tokenStart, i});
    }
  }

  private VersionInterval comparator(int start, int end) {
    int i = start;
    while (i < end && OPERATOR_CHARACTERS.indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    String operator = text.substring(start, i);
    while (i < end && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    NpmPartialVersion partial = partial(i, end);
    return switch (operator) {
      case "~", "~>" -> tilde(partial);
      case "^" -> caret(partial);
      case "", "=", "<", "<=", ">", ">=" -> primitive(operator, partial);
      default -> throw error(start, "unknown operator '" + operator + "' (expected <, <=, >, >=, =, ~, ~> or ^)");
    };
  }

  private VersionInterval hyphen(int[] fromToken, int[] toToken) {
    NpmPartialVersion from = partial(fromToken[0], fromToken[1]);
    NpmPartialVersion to = partial(toToken[0], toToken[1]);
    Optional<VersionBound> lower = switch (from.known()) {
      case 0 -> Optional.empty();
      case 3 -> Optional.of(VersionBound.inclusive(from.full()));
      default -> Optional.of(VersionBound.inclusive(NpmPartialVersion.version(from.major(), from.minor(), 0)));
    };
    Optional<VersionBound> upper = switch (to.known()) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(VersionBound.exclusive(NpmPartialVersion.below(to.major() + 1, 0, 0)));
      case 2 -> Optional.of(VersionBound.exclusive(NpmPartialVersion.below(to.major(), to.minor() + 1, 0)));
      default -> Optional.of(VersionBound.inclusive(to.full()));
    };
    return new VersionInterval(lower, upper);
  }

  private static VersionInterval tilde(NpmPartialVersion v) {
    return switch (v.known()) {
      case 0 -> VersionInterval.all();
      case 1 -> between(NpmPartialVersion.version(v.major(), 0, 0), NpmPartialVersion.below(v.major() + 1, 0, 0));
      case 2 -> between(NpmPartialVersion.version(v.major(), v.minor(), 0), NpmPartialVersion.below(v.major(), v.minor() + 1, 0));
      default -> between(v.full(), NpmPartialVersion.below(v.major(), v.minor() + 1, 0));
    };
  }

  private static VersionInterval caret(NpmPartialVersion v) {
    if (v.known() == 0) {
      return VersionInterval.all();
    }
    if (v.known() == 1) {
      return between(NpmPartialVersion.version(v.major(), 0, 0), NpmPartialVersion.below(v.major() + 1, 0, 0));
    }
    String lower = v.known() == 2 ? NpmPartialVersion.version(v.major(), v.minor(), 0) : v.full();
    if (v.major() != 0) {
      return between(lower, NpmPartialVersion.below(v.major() + 1, 0, 0));
    }
    if (v.minor() != 0 || v.known() == 2) {
      return between(lower, NpmPartialVersion.below(0, v.minor() + 1, 0));
    }
    return between(lower, NpmPartialVersion.below(0, 0, v.patch() + 1));
  }

  /** {@code <}, {@code <=}, {@code >}, {@code >=}, {@code =} or none, with x-range expansion. */
  private static VersionInterval primitive(String operator, NpmPartialVersion v) {
    if (v.known() == 3) {
      return switch (operator) {
        case ">" -> atLeast(VersionBound.exclusive(v.full()));
        case ">=" -> atLeast(VersionBound.inclusive(v.full()));
        case "<" -> atMost(VersionBound.exclusive(v.full()));
        case "<=" -> atMost(VersionBound.inclusive(v.full()));
        default -> VersionInterval.exactly(v.full());
      };
    }
    if (v.known() == 0) {
      boolean nothing = operator.equals("<") || operator.equals(">");
      return nothing ? atMost(VersionBound.exclusive(NpmPartialVersion.below(0, 0, 0))) : VersionInterval.all();
    }
    boolean majorOnly = v.known() == 1;
    String floor = NpmPartialVersion.version(v.major(), v.minor(), 0);
    String nextStep = majorOnly ? NpmPartialVersion.version(v.major() + 1, 0, 0)
        : NpmPartialVersion.version(v.major(), v.minor() + 1, 0);
    return switch (operator) {
      case ">" -> atLeast(VersionBound.inclusive(nextStep));
      case ">=" -> atLeast(VersionBound.inclusive(floor));
      case "<" -> atMost(VersionBound.exclusive(floor + "-0"));
      case "<=" -> atMost(VersionBound.exclusive(nextStep + "-0"));
      default -> between(floor, nextStep + "-0");
    };
  }

  private static VersionInterval between(String inclusiveLower, String exclusiveUpper) {
    return new VersionInterval(Optional.of(VersionBound.inclusive(inclusiveLower)),
        Optional.of(VersionBound.exclusive(exclusiveUpper)));
  }

  private static VersionInterval atLeast(VersionBound lower) {
    return new VersionInterval(Optional.of(lower), Optional.empty());
  }

  private static VersionInterval atMost(VersionBound upper) {
    return new VersionInterval(Optional.empty(), Optional.of(upper));
  }

  /** Reads {@code [v]X[.X[.X[-pre][+build]]]} where X is digits or x, X, *; the whole [start, end) must be used. */
  private NpmPartialVersion partial(int start, int end) {
    int i = start;
    if (i < end && (text.charAt(i) == 'v' || text.charAt(i) == '=')) {
      i++;
    }
    if (i == end) {
      throw error(i, "expected a version");
    }
    long[] parts = new long[3];
    int known = 0;
    boolean wildcard = false;
    for (int part = 0; part < 3 && i < end; part++) {
      if (part > 0) {
        if (text.charAt(i) != '.') {
          break;
        }
        i++;
      }
      int partStart = i;
      if (i < end && "xX*".indexOf(text.charAt(i)) >= 0) {
        wildcard = true;
        i++;
        continue;
      }
      while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      parts[part] = number(partStart, i);
      if (!wildcard) {
        known++;
      } else {
        parts[part] = 0;
      }
    }
    String prerelease = null;
    if (i < end && text.charAt(i) == '-' && known == 3) {
      int preStart = ++i;
      while (i < end && text.charAt(i) != '+') {
        i++;
      }
      prerelease = text.substring(preStart, i);
      checkVersion(parts, prerelease, preStart);
    }
    if (i < end && text.charAt(i) == '+' && known == 3) {
      i = end; // build metadata never affects ranges
    }
    if (i < end) {
      throw error(i, "unexpected '" + text.charAt(i) + "' in version '" + text.substring(start, end) + "'");
    }
    return new NpmPartialVersion(known, parts[0], known > 1 ? parts[1] : 0, known > 2 ? parts[2] : 0, prerelease);
  }

  private long number(int start, int end) {
    if (start == end) {
      String found = start < text.length() ? "'" + text.charAt(start) + "'" : "the end";
      throw error(start, "expected digits, x or *, found " + found);
    }
    if (end - start > 1 && text.charAt(start) == '0') {
      throw error(start, "leading zero in '" + text.substring(start, end) + "'");
    }
    if (end - start > 15) {
      throw error(start, "number '" + text.substring(start, end) + "' is too large");
    }
    return Long.parseLong(text, start, end, 10);
  }

  private void checkVersion(long[] parts, String prerelease, int preStart) {
    try {
      NPM.validate(parts[0] + "." + parts[1] + "." + parts[2] + "-" + prerelease);
    } catch (UnparseableVersionException e) {
      throw error(preStart, "invalid pre-release '" + prerelease + "': " + e.reason());
    }
  }

  private RangeSyntaxException error(int index, String reason) {
    return new RangeSyntaxException(text, RangeExpressions.Dialect.NPM, index, reason);
  }
}
