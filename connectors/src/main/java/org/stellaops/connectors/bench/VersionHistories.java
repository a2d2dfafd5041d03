package org.stellaops.connectors.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Invents release histories that are valid and strictly ascending in each ecosystem's grammar:
 * SemVer for npm, crates.io and Go (occasional {@code 1.2.0-rc.1}), PEP 440 for PyPI (occasional
 * {@code rc1} and {@code .post1}), and Maven's release forms ({@code 1.2.3}, {@code 1.0-beta-2},
 * {@code 2.0.0.Final}). Pre-releases only precede a {@code .0} release, so they sort after every
 * earlier release in all three orders.
 */
final class VersionHistories {
  private static final String[] PRE_KINDS = {"alpha", "beta", "rc"};

  private final SyntheticEcosystem ecosystem;
  private final SplittableRandom random;
  private final Style style;

  private enum Style {
    SEMVER,
    PEP440_THREE_PART,
    PEP440_SHORT,
    MAVEN_THREE_PART,
    MAVEN_SHORT,
    MAVEN_FINAL
  }

  private VersionHistories(SyntheticEcosystem ecosystem, SplittableRandom random) {
    this.ecosystem = ecosystem;
    this.random = random;
    this.style = style(ecosystem, random);
  }

  /** A history of exactly {@code length} versions, oldest first. */
  static List<String> history(SyntheticEcosystem ecosystem, int length, SplittableRandom random) {
    return new VersionHistories(ecosystem, random).generate(length);
  }

  private static Style style(SyntheticEcosystem ecosystem, SplittableRandom random) {
    int roll = random.nextInt(10);
    return switch (ecosystem) {
      case PYPI -> roll < 6 ? Style.PEP440_THREE_PART : Style.PEP440_SHORT;
      case MAVEN -> roll < 6 ? Style.MAVEN_THREE_PART : roll < 8 ? Style.MAVEN_SHORT : Style.MAVEN_FINAL;
      default -> Style.SEMVER;
    };
  }

  private List<String> generate(int length) {
    List<String> versions = new ArrayList<>(length);
    // Go modules stay below v2: a v2 would need a /v2 suffix in the module path.
    int major = ecosystem == SyntheticEcosystem.GO ? random.nextInt(2) : random.nextInt(5);
    int minor = random.nextInt(7);
    int patch = random.nextInt(4);
    versions.add(release(major, minor, patch));
    while (versions.size() < length) {
      double step = random.nextDouble();
      if (step < 0.07 && (ecosystem != SyntheticEcosystem.GO || major == 0)) {
        major++;
        minor = 0;
        patch = 0;
      } else if (step < 0.35) {
        minor++;
        patch = 0;
      } else {
        patch++;
      }
      if (patch == 0 && versions.size() < length - 1 && random.nextInt(4) == 0) {
        addPreReleases(versions, length - 1, major, minor);
      }
      versions.add(release(major, minor, patch));
      if (isPep440() && versions.size() < length && random.nextInt(16) == 0) {
        versions.add(release(major, minor, patch) + ".post1");
      }
    }
    return versions;
  }

  private void addPreReleases(List<String> versions, int room, int major, int minor) {
    String kind = PRE_KINDS[random.nextInt(PRE_KINDS.length)];
    int number = 1 + random.nextInt(2);
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count && versions.size() < room; i++) {
      versions.add(preRelease(major, minor, kind, number + i));
    }
  }

  private boolean isPep440() {
    return style == Style.PEP440_THREE_PART || style == Style.PEP440_SHORT;
  }

  private String release(int major, int minor, int patch) {
    return switch (style) {
      case SEMVER, PEP440_THREE_PART, MAVEN_THREE_PART -> major + "." + minor + "." + patch;
      case PEP440_SHORT, MAVEN_SHORT ->
          patch == 0 ? major + "." + minor : major + "." + minor + "." + patch;
      case MAVEN_FINAL -> major + "." + minor + "." + patch + ".Final";
    };
  }

  private String preRelease(int major, int minor, String kind, int number) {
    return switch (style) {
      case SEMVER -> major + "." + minor + ".0-" + kind + "." + number;
      case PEP440_THREE_PART -> major + "." + minor + ".0" + pep440(kind) + number;
      case PEP440_SHORT -> major + "." + minor + pep440(kind) + number;
      case MAVEN_THREE_PART -> major + "." + minor + ".0-" + kind + "-" + number;
      case MAVEN_SHORT -> major + "." + minor + "-" + kind + "-" + number;
      case MAVEN_FINAL -> major + "." + minor + ".0." + jboss(kind) + number;
    };
  }

  private static String pep440(String kind) {
    return switch (kind) {
      case "alpha" -> "a";
      case "beta" -> "b";
      default -> "rc";
    };
  }

  private static String jboss(String kind) {
    return switch (kind) {
      case "alpha" -> "Alpha";
      case "beta" -> "Beta";
      default -> "CR";
    };
  }
}
