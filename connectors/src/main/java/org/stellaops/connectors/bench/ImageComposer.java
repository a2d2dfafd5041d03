package org.stellaops.connectors.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Composes image number {@code n} from its own random stream, so images depend on the seed,
 * their number and the component count only, never on the advisories.
 *
 * <p>Each image leans towards one ecosystem (an npm-heavy web app, a Maven-heavy service) and
 * picks packages by fleet popularity, each at most once. Most components run the newest or the
 * previous release; a tail lags further behind.
 */
final class ImageComposer {
  private static final Instant SCAN_BASE = AdvisoryComposer.BASE_TIME.plus(Duration.ofDays(940));
  private static final long SCAN_SPREAD_SECONDS = Duration.ofDays(30).toSeconds();
  private static final int SHARED_BASE_LAYERS = 8;

  private final long seed;
  private final PackagePool pool;
  private final int componentsPerImage;

  ImageComposer(long seed, PackagePool pool, int componentsPerImage) {
    this.seed = seed;
    this.pool = requireNonNull(pool, "pool is null");
    this.componentsPerImage = componentsPerImage;
  }

  SyntheticImage compose(int number) {
    SplittableRandom random = Seeds.random(seed, "image", number);
    List<String> layers = layers(number, random);
    double[] weights = ecosystemMix(random);
    BitSet[] taken = new BitSet[SyntheticEcosystem.values().length];
    for (int i = 0; i < taken.length; i++) {
      taken[i] = new BitSet(PackagePool.PACKAGES_PER_ECOSYSTEM);
    }
    List<SyntheticImage.Component> components = new ArrayList<>(componentsPerImage);
    for (int slot = 0; slot < componentsPerImage; slot++) {
      SyntheticEcosystem preferred = SyntheticEcosystem.pick(weights, random.nextDouble());
      SyntheticPackage target = claim(taken, preferred, pool.fleetRank(random));
      int versionIndex = versionIndex(target.versions().size(), random);
      String layer = layers.get(random.nextInt(layers.size()));
      String sha256 = Seeds.fastHex256(
          Seeds.mix(seed, target.ecosystem().ordinal(), target.rank()), versionIndex);
      components.add(new SyntheticImage.Component(target, versionIndex, layer, sha256));
    }
    return new SyntheticImage(
        number,
        Seeds.sha256Hex(seed, "image-digest", number),
        Seeds.uuid(seed, "sbom-serial", number),
        SCAN_BASE.plusSeconds(random.nextLong(SCAN_SPREAD_SECONDS)),
        layers,
        components);
  }

  /** The first layer comes from a few base images shared across the fleet. */
  private List<String> layers(int number, SplittableRandom random) {
    int count = 3 + random.nextInt(5);
    List<String> layers = new ArrayList<>(count);
    layers.add("sha256:" + Seeds.sha256Hex(seed, "base-layer", random.nextInt(SHARED_BASE_LAYERS)));
    for (int layer = 1; layer < count; layer++) {
      layers.add("sha256:" + Seeds.sha256Hex(seed, "layer/" + number, layer));
    }
    return layers;
  }

  /** Fleet weights, with one ecosystem boosted in most images and some left out entirely. */
  private static double[] ecosystemMix(SplittableRandom random) {
    SyntheticEcosystem[] ecosystems = SyntheticEcosystem.values();
    double[] weights = new double[ecosystems.length];
    for (int i = 0; i < ecosystems.length; i++) {
      weights[i] = random.nextInt(10) < 3 ? 0 : ecosystems[i].fleetWeight();
    }
    double[] fleet = new double[ecosystems.length];
    for (int i = 0; i < ecosystems.length; i++) {
      fleet[i] = ecosystems[i].fleetWeight();
    }
    SyntheticEcosystem dominant = SyntheticEcosystem.pick(fleet, random.nextDouble());
    double boost = random.nextInt(4) == 0 ? 1 : 6 + random.nextInt(10);
    weights[dominant.ordinal()] = dominant.fleetWeight() * boost;
    return weights;
  }

  /**
   * The package at {@code rank}, or the next more obscure one not yet in the image; moves on to
   * the next ecosystem when one is used up. Terminates because the spec caps the component
   * count at the pool size.
   */
  private SyntheticPackage claim(BitSet[] taken, SyntheticEcosystem preferred, int rank) {
    SyntheticEcosystem[] ecosystems = SyntheticEcosystem.values();
    for (int step = 0; step < ecosystems.length; step++) {
      int ordinal = (preferred.ordinal() + step) % ecosystems.length;
      int free = taken[ordinal].nextClearBit(step == 0 ? rank : 0);
      if (free >= PackagePool.PACKAGES_PER_ECOSYSTEM) {
        free = taken[ordinal].nextClearBit(0);
      }
      if (free < PackagePool.PACKAGES_PER_ECOSYSTEM) {
        taken[ordinal].set(free);
        return pool.packageAt(ecosystems[ordinal], free);
      }
    }
    throw new IllegalStateException("package pool exhausted; CorpusSpec should have prevented this");
  }

  /** 60 % newest, 25 % previous, 8 % two behind, 7 % anywhere older. */
  private static int versionIndex(int versions, SplittableRandom random) {
    int newest = versions - 1;
    int roll = random.nextInt(100);
    int lag = roll < 60 ? 0
        : roll < 85 ? 1
        : roll < 93 ? 2
        : 3 + random.nextInt(Math.max(1, versions - 3));
    return Math.max(0, newest - lag);
  }
}
