package org.stellaops.connectors.bench;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Independent version orders for checking generated histories: SemVer 2.0 precedence, PEP 440
 * for the forms the generator writes (release, aN/bN/rcN, .postN), and Maven's own
 * {@link ComparableVersion}.
 */
final class VersionOrders {
  /** The regular expression suggested on semver.org. */
  static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
  static final Pattern PEP440 = Pattern.compile("(\\d+(?:\\.\\d+)*)(?:(a|b|rc)(\\d+))?(?:\\.post(\\d+))?");
  static final Pattern MAVEN = Pattern.compile(
      "\\d+\\.\\d+(\\.\\d+)?(-(alpha|beta|rc)-\\d+)?|\\d+\\.\\d+\\.\\d+\\.(Final|Alpha\\d+|Beta\\d+|CR\\d+)");

  private VersionOrders() {}

  static Pattern grammar(SyntheticEcosystem ecosystem) {
    return switch (ecosystem) {
      case PYPI -> PEP440;
      case MAVEN -> MAVEN;
      default -> SEMVER;
    };
  }

  static Comparator<String> order(SyntheticEcosystem ecosystem) {
    return switch (ecosystem) {
      case PYPI -> VersionOrders::comparePep440;
      case MAVEN -> Comparator.comparing(ComparableVersion::new);
      default -> VersionOrders::compareSemver;
    };
  }

  static int compareSemver(String left, String right) {
    Matcher a = matched(SEMVER, left);
    Matcher b = matched(SEMVER, right);
    for (int group = 1; group <= 3; group++) {
      int byNumber = Long.compare(Long.parseLong(a.group(group)), Long.parseLong(b.group(group)));
      if (byNumber != 0) {
        return byNumber;
      }
    }
    if (a.group(4) == null || b.group(4) == null) {
      return Boolean.compare(a.group(4) == null, b.group(4) == null);
    }
    String[] x = a.group(4).split("\\.");
    String[] y = b.group(4).split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int byIdentifier = compareIdentifier(x[i], y[i]);
      if (byIdentifier != 0) {
        return byIdentifier;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static int compareIdentifier(String x, String y) {
    boolean xNumeric = x.chars().allMatch(Character::isDigit);
    boolean yNumeric = y.chars().allMatch(Character::isDigit);
    if (xNumeric && yNumeric) {
      return Long.compare(Long.parseLong(x), Long.parseLong(y));
    }
    return xNumeric != yNumeric ? (xNumeric ? -1 : 1) : x.compareTo(y);
  }

  static int comparePep440(String left, String right) {
    Matcher a = matched(PEP440, left);
    Matcher b = matched(PEP440, right);
    String[] x = a.group(1).split("\\.");
    String[] y = b.group(1).split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int byPart = Long.compare(i < x.length ? Long.parseLong(x[i]) : 0, i < y.length ? Long.parseLong(y[i]) : 0);
      if (byPart != 0) {
        return byPart;
      }
    }
    int byPhase = Integer.compare(phase(a), phase(b));
    if (byPhase != 0) {
      return byPhase;
    }
    return Long.compare(number(a.group(3)) + number(a.group(4)), number(b.group(3)) + number(b.group(4)));
  }

  /** Pre-releases (a < b < rc) sort before the release, post-releases after it. */
  private static int phase(Matcher version) {
    if (version.group(2) != null) {
      return switch (version.group(2)) {
        case "a" -> 0;
        case "b" -> 1;
        default -> 2;
      };
    }
    return version.group(4) == null ? 3 : 4;
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static Matcher matched(Pattern grammar, String version) {
    Matcher matcher = grammar.matcher(version);
    if (!matcher.matches()) {
      throw new AssertionError("'" + version + "' does not match " + grammar);
    }
    return matcher;
  }
}
