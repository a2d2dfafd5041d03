package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic RPM EVR strings aimed at rpmvercmp's corners: tildes and carets next to the end
 * and to further segments, letters against numbers, leading zeros, separators that only
 * separate, epochs with leading zeros, and distribution release tags.
 */
final class RpmSamples {

  private static final String[] EPOCHS = {"0", "1", "2", "10", "00", "01"};
  private static final String[] VERSION_TOKENS = {"0", "1", "2", "9", "10", "01", "007", "20230101", ".", ".", "_", "+",
      "~", "~", "^", "^", "a", "b", "z", "A", "Z", "rc", "beta", "git", "post", "el8", "..", "~rc1", "^20230101git"};
  private static final String[] RELEASE_TOKENS = {"1", "0", "2", "10", ".el8", ".el9", "el8_4", ".1", "_1", ".fc38",
      "mga9", "~", "^", "a", "Z", ".module+el8.4.0+1234", "+", "0.1", ".amzn2"};
  private static final String[] FIRST = {"0", "1", "2", "9", "10", "01", "1", "1", "a", "~", "^", ".", "Z"};

  private final Random random;

  RpmSamples(long seed) {
    this.random = new Random(seed);
  }

  /** One EVR; all pass {@link RpmScheme#validate}. */
  String version() {
    StringBuilder version = new StringBuilder();
    if (random.nextInt(4) == 0) {
      version.append(pick(EPOCHS)).append(':');
    }
    version.append(pick(FIRST));
    appendTokens(version, VERSION_TOKENS, random.nextInt(6));
    if (random.nextInt(5) < 3) {
      version.append('-').append(pick(FIRST));
      appendTokens(version, RELEASE_TOKENS, random.nextInt(3));
    }
    return version.toString();
  }

  /** Pairs: the same version, neighbours differing in one token, unrelated versions. */
  List<String[]> pairs(int count) {
    List<String[]> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String left = version();
      String right = switch (random.nextInt(4)) {
        case 0 -> left;
        case 1 -> version();
        default -> neighbour(left);
      };
      pairs.add(random.nextBoolean() ? new String[] {left, right} : new String[] {right, left});
    }
    return pairs;
  }

  private String neighbour(String version) {
    String token = pick(VERSION_TOKENS);
    return switch (random.nextInt(4)) {
      case 0 -> version + token;
      case 1 -> version.indexOf('-') < 0 ? version + "-" + pick(FIRST) : version + pick(RELEASE_TOKENS);
      case 2 -> version.indexOf(':') < 0 ? "0:" + version : version.substring(version.indexOf(':') + 1);
      default -> version.replaceFirst("[0-9]+", pick(FIRST));
    };
  }

  private void appendTokens(StringBuilder out, String[] tokens, int count) {
    for (int i = 0; i < count; i++) {
      out.append(pick(tokens));
    }
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
