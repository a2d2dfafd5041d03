package org.stellaops.connectors.bench;

import java.util.SplittableRandom;

/**
 * Draws CVSS v3.1 base vectors with a realistic spread (network attacks common, physical rare)
 * and scores them with the specification's base-score formula, so that the severity words
 * written next to a vector agree with it.
 */
final class CvssV3Vectors {
  private CvssV3Vectors() {}

  /** A vector and its base score. */
  record ScoredVector(String vector, double baseScore) {}

  static ScoredVector draw(SplittableRandom random) {
    char attackVector = weighted(random, "NNNNNNALLP");
    char complexity = weighted(random, "LLLH");
    char privileges = weighted(random, "NNNLLH");
    char interaction = weighted(random, "NNR");
    char scope = weighted(random, "UUUUC");
    char confidentiality = weighted(random, "HHLN");
    char integrity = weighted(random, "HLNN");
    char availability = weighted(random, "HHLNN");
    if (confidentiality == 'N' && integrity == 'N' && availability == 'N') {
      availability = 'L';
    }
    String vector = "CVSS:3.1/AV:" + attackVector + "/AC:" + complexity + "/PR:" + privileges
        + "/UI:" + interaction + "/S:" + scope + "/C:" + confidentiality + "/I:" + integrity
        + "/A:" + availability;
    return new ScoredVector(vector, baseScore(vector));
  }

  /** The CVSS v3.1 base score of a vector in the form {@link #draw} writes. */
  static double baseScore(String vector) {
    String[] metrics = vector.split("/");
    boolean changed = value(metrics[5]) == 'C';
    double impactSubScore = 1 - (1 - cia(value(metrics[6])))
        * (1 - cia(value(metrics[7]))) * (1 - cia(value(metrics[8])));
    double impact = changed
        ? 7.52 * (impactSubScore - 0.029) - 3.25 * StrictMath.pow(impactSubScore - 0.02, 15)
        : 6.42 * impactSubScore;
    double exploitability = 8.22 * attackVector(value(metrics[1])) * complexity(value(metrics[2]))
        * privileges(value(metrics[3]), changed) * (value(metrics[4]) == 'N' ? 0.85 : 0.62);
    if (impact <= 0) {
      return 0;
    }
    double raw = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
    return roundUp(Math.min(raw, 10));
  }

  private static char weighted(SplittableRandom random, String choices) {
    return choices.charAt(random.nextInt(choices.length()));
  }

  private static char value(String metric) {
    return metric.charAt(metric.length() - 1);
  }

  private static double cia(char value) {
    return value == 'H' ? 0.56 : value == 'L' ? 0.22 : 0;
  }

  private static double attackVector(char value) {
    return switch (value) {
      case 'N' -> 0.85;
      case 'A' -> 0.62;
      case 'L' -> 0.55;
      default -> 0.2;
    };
  }

  private static double complexity(char value) {
    return value == 'L' ? 0.77 : 0.44;
  }

  private static double privileges(char value, boolean scopeChanged) {
    return switch (value) {
      case 'N' -> 0.85;
      case 'L' -> scopeChanged ? 0.68 : 0.62;
      default -> scopeChanged ? 0.5 : 0.27;
    };
  }

  /** CVSS v3.1 Roundup: the smallest one-decimal number not below the input, float-safe. */
  private static double roundUp(double value) {
    long scaled = Math.round(value * 100_000);
    return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.floor(scaled / 10_000.0) + 1) / 10.0;
  }
}
