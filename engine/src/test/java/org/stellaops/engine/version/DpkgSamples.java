package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic Debian version strings aimed at the corners of dpkg's order: epochs (some
 * malformed), tildes, pluses, letters against symbols, hyphens inside the upstream version,
 * Debian security and backport revisions, blanks, and a few characters dpkg only warns about (non-ASCII, control characters).
 */
final class DpkgSamples {

  private static final String[] EPOCHS = {"0", "1", "2", "10", "00", "01", "+1", "-0", "a", "", "-1", "2147483648",
      "1.0", "\n1", "\u000B+2"};
  private static final String[] UPSTREAM_TOKENS = {"0", "1", "2", "9", "10", "01", "007", "20230101", ".", ".", "+", "~",
      "~", "-", "a", "b", "z", "A", "Z", "rc", "beta", "dfsg", "ds", "git", "~bpo", "+deb12u1", "+b1", "+really", ":",
      "_", "\u00E9", "%", "\r", "\u0001"};
  private static final String[] REVISION_TOKENS = {"1", "0", "2", "10", "ubuntu", "ubuntu0.1", "deb12u1", "+deb12u1",
      "~deb12u1", "~bpo11+1", "+b2", "~", ".", "build1", "a", "Z", "+", "~22.04.1"};
  private static final String[] FIRST = {"0", "1", "2", "9", "10", "01", "1", "1", "a", "~", "+", ".", "A"};

  private final Random random;

  DpkgSamples(long seed) {
    this.random = new Random(seed);
  }

  /** One version; most are valid, some are errors for dpkg. */
  String version() {
    StringBuilder version = new StringBuilder();
    if (random.nextInt(4) == 0) {
      version.append(pick(EPOCHS)).append(':');
    }
    version.append(pick(FIRST));
    appendTokens(version, UPSTREAM_TOKENS, random.nextInt(6));
    if (random.nextInt(5) < 3) {
      version.append('-');
      appendTokens(version, REVISION_TOKENS, random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(3));
    }
    return pad(version.toString());
  }

  /** Pairs: the same version, neighbours differing in one token, unrelated versions. */
  List<String[]> pairs(int count) {
    List<String[]> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String left = version();
      String right = switch (random.nextInt(4)) {
        case 0 -> left.strip();
        case 1 -> version();
        default -> neighbour(left.strip());
      };
      // dpkg reads an empty argument as "no version" rather than as an error, so none is generated.
      right = right.isEmpty() ? "0" : right;
      pairs.add(random.nextBoolean() ? new String[] {left, right} : new String[] {right, left});
    }
    return pairs;
  }

  private String neighbour(String version) {
    int at = random.nextInt(version.length() + 1);
    String token = pick(random.nextBoolean() ? UPSTREAM_TOKENS : REVISION_TOKENS);
    return switch (random.nextInt(4)) {
      case 0 -> version.substring(0, at) + token + version.substring(at);
      case 1 -> version + token;
      case 2 -> at < version.length() ? version.substring(0, at) + version.substring(at + 1) : version + "0";
      default -> version.startsWith("0:") ? version.substring(2) : "0:" + version;
    };
  }

  private void appendTokens(StringBuilder out, String[] tokens, int count) {
    for (int i = 0; i < count; i++) {
      out.append(pick(tokens));
    }
  }

  /** Blanks around a version are ignored by dpkg; inside one they are an error. */
  private String pad(String version) {
    return switch (random.nextInt(40)) {
      case 0 -> " " + version;
      case 1 -> version + "\t";
      case 2 -> version.length() > 1 ? version.charAt(0) + " " + version.substring(1) : version;
      default -> version;
    };
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
