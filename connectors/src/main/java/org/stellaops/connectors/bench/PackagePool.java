package org.stellaops.connectors.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The packages every image and advisory draws from: {@link #PACKAGES_PER_ECOSYSTEM} per
 * ecosystem, ranked by popularity. Depends on the seed only, never on the corpus size.
 */
final class PackagePool {
  static final int PACKAGES_PER_ECOSYSTEM = 3_000;

  /** Popularity in images: steep, so a few packages are in most images and most in few. */
  private static final double FLEET_EXPONENT = 1.1;

  /**
   * Popularity among advisories: the same order but flatter. With the fleet exponent the top
   * package would get a sixth of its ecosystem's advisories, thousands in a large corpus.
   */
  private static final double ADVISORY_EXPONENT = 0.7;

  private final Map<SyntheticEcosystem, List<SyntheticPackage>> packages;
  private final ZipfSampler fleetPopularity;
  private final ZipfSampler advisoryPopularity;

  private PackagePool(Map<SyntheticEcosystem, List<SyntheticPackage>> packages) {
    this.packages = packages;
    this.fleetPopularity = new ZipfSampler(PACKAGES_PER_ECOSYSTEM, FLEET_EXPONENT);
    this.advisoryPopularity = new ZipfSampler(PACKAGES_PER_ECOSYSTEM, ADVISORY_EXPONENT);
  }

  static int size() {
    return PACKAGES_PER_ECOSYSTEM * SyntheticEcosystem.values().length;
  }

  static PackagePool create(long seed) {
    Map<SyntheticEcosystem, List<SyntheticPackage>> packages = new EnumMap<>(SyntheticEcosystem.class);
    for (SyntheticEcosystem ecosystem : SyntheticEcosystem.values()) {
      packages.put(ecosystem, ecosystemPool(seed, ecosystem));
    }
    return new PackagePool(packages);
  }

  private static List<SyntheticPackage> ecosystemPool(long seed, SyntheticEcosystem ecosystem) {
    SplittableRandom random = Seeds.random(seed, "pool/" + ecosystem.osvName(), 0);
    PackageNames names = new PackageNames(ecosystem, random);
    List<SyntheticPackage> pool = new ArrayList<>(PACKAGES_PER_ECOSYSTEM);
    for (int rank = 0; rank < PACKAGES_PER_ECOSYSTEM; rank++) {
      PackageNames.Coordinates coordinates = names.next();
      // Popular packages are older and release more often, so their histories are longer.
      int length = 5 + random.nextInt(12) + (rank < 200 ? random.nextInt(20) : 0);
      List<String> versions = VersionHistories.history(ecosystem, length, random);
      String license = ecosystem.licenses().get(random.nextInt(ecosystem.licenses().size()));
      pool.add(new SyntheticPackage(
          ecosystem, rank, coordinates.namespace(), coordinates.name(), versions, license));
    }
    return List.copyOf(pool);
  }

  SyntheticPackage packageAt(SyntheticEcosystem ecosystem, int rank) {
    return packages.get(ecosystem).get(rank);
  }

  /** A rank drawn with the popularity of packages in images. */
  int fleetRank(SplittableRandom random) {
    return fleetPopularity.sample(random);
  }

  /** A rank drawn with the popularity of packages in advisories. */
  int advisoryRank(SplittableRandom random) {
    return advisoryPopularity.sample(random);
  }
}
