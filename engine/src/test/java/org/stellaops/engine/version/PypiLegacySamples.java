package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic pre-PEP 440 version strings of the kinds PyPI holds: words after a dash
 * ({@code 2.0.0-final}, {@code 0.9-eevee}), {@code pre}/{@code preview}/{@code rc}/{@code dev}
 * spellings, trailing zeros, dates with {@code T}, {@code :} and {@code +}, and odd characters.
 */
final class PypiLegacySamples {

  private static final String[] ATOMS = {
    "0", "00", "1", "2", "10", "010", "123456789", "a", "b", "c", "rc", "pre", "preview", "dev", "final", "eevee",
    "svn", "r2010", "fix", "p", "post", "git", "n653", "T", "Z", "x", "_", "+", ":", "~", "*", "é", "\u0663"
  };
  private static final String[] SEPARATORS = {".", ".", "-", "", "_", "+", ".."};

  private final Random random;

  PypiLegacySamples(long seed) {
    this.random = new Random(seed);
  }

  /** A string built from a number and random atoms; some happen to be PEP 440 versions. */
  String version() {
    StringBuilder text = new StringBuilder(random.nextInt(8) == 0 ? "" : String.valueOf(random.nextInt(3)));
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]).append(ATOMS[random.nextInt(ATOMS.length)]);
    }
    return text.toString();
  }

  /** Pairs: unrelated strings, a string and a neighbour (extra zero, dash word, upper case). */
  List<String[]> pairs(int count) {
    List<String[]> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String left = version();
      String right = switch (random.nextInt(4)) {
        case 0 -> version();
        case 1 -> left + ".0";
        case 2 -> left.replaceFirst("-", "");
        default -> left.toUpperCase();
      };
      pairs.add(random.nextBoolean() ? new String[] {left, right} : new String[] {right, left});
    }
    return pairs;
  }
}
