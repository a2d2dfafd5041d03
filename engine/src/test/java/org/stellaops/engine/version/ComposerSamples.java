package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic Packagist version strings aimed at Composer's normalisation and PHP's
 * {@code version_compare}: {@code v}/{@code V} prefixes, one to five numeric parts, stability
 * words in every case and abbreviation, numbers after them joined by {@code .}, {@code -} or
 * nothing, {@code -dev} tails, {@code x-dev} branches, dates, build metadata, aliases, stability
 * flags, whitespace and spellings just outside the grammar.
 */
final class ComposerSamples {

  private static final String[] PREFIXES = {"", "", "", "", "", "v", "v", "V", " ", "=", "vv"};
  private static final String[] NUMBERS = {"0", "1", "2", "10", "01", "00", "99999", "123456", "18446744073709551616"};
  private static final String[] STABILITIES = {
    "stable", "STABLE", "Stable", "beta", "BETA", "Beta", "b", "B", "RC", "rc", "Rc", "alpha", "ALPHA", "a", "A",
    "patch", "PATCH", "pl", "PL", "p", "P", "dev", "DEV", "foo", "c", "pre"
  };
  private static final String[] MODIFIER_SEPARATORS = {"", "-", "-", ".", "_"};
  private static final String[] TAILS = {"", "", "", "", "-dev", ".dev", "dev", "+build.1", "+1", "@stable", "@dev",
    " as 2.0.0", ".x-dev", ".*-dev", "-DEV", "  ", "-p1", "_"};

  private final Random random;

  ComposerSamples(long seed) {
    this.random = new Random(seed);
  }

  /** One string: usually a Composer version, sometimes a date, a branch or something invalid. */
  String version() {
    StringBuilder text = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]);
    if (random.nextInt(12) == 0) {
      text.append(date());
    } else {
      int parts = 1 + random.nextInt(random.nextInt(6) == 0 ? 5 : 4);
      for (int i = 0; i < parts; i++) {
        text.append(i == 0 ? "" : ".").append(NUMBERS[random.nextInt(random.nextInt(3) == 0 ? NUMBERS.length : 4)]);
      }
    }
    if (random.nextInt(3) == 0) {
      text.append(MODIFIER_SEPARATORS[random.nextInt(MODIFIER_SEPARATORS.length)])
          .append(STABILITIES[random.nextInt(STABILITIES.length)]);
      if (random.nextBoolean()) {
        text.append(MODIFIER_SEPARATORS[random.nextInt(3)]).append(random.nextInt(12));
      }
    }
    text.append(TAILS[random.nextInt(TAILS.length)]);
    return random.nextInt(40) == 0 ? "dev-" + text : text.toString();
  }

  private String date() {
    String separator = new String[] {"", "-", ".", ":"}[random.nextInt(4)];
    StringBuilder date = new StringBuilder("20" + (10 + random.nextInt(15)));
    int parts = 1 + random.nextInt(6);
    for (int i = 0; i < parts; i++) {
      date.append(separator).append(String.format("%02d", 1 + random.nextInt(28)));
    }
    return date.toString();
  }

  /** Pairs: unrelated versions and near neighbours (another case, an extra part, a stability). */
  List<String[]> pairs(int count) {
    List<String[]> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String left = version();
      String right = switch (random.nextInt(5)) {
        case 0 -> left.toUpperCase();
        case 1 -> left + ".0";
        case 2 -> left.startsWith("v") ? left.substring(1) : "v" + left;
        case 3 -> left + "-" + STABILITIES[random.nextInt(STABILITIES.length)];
        default -> version();
      };
      pairs.add(random.nextBoolean() ? new String[] {left, right} : new String[] {right, left});
    }
    return pairs;
  }
}
