package org.stellaops.connectors.bench;

/**
 * What a synthetic corpus holds: {@code images} CycloneDX SBOMs of {@code componentsPerImage}
 * components each, and {@code advisories} OSV records. The same spec always yields the same
 * bytes; {@code seed} selects one corpus among many of the same size.
 */
public record CorpusSpec(int images, int componentsPerImage, int advisories, long seed) {
  /** Packages in the shared pool across all ecosystems; an image lists each at most once. */
  public static final int PACKAGE_POOL_SIZE = PackagePool.PACKAGES_PER_ECOSYSTEM
      * SyntheticEcosystem.values().length;

  public CorpusSpec {
    requirePositive(images, "images");
    requirePositive(componentsPerImage, "componentsPerImage");
    requirePositive(advisories, "advisories");
    if (componentsPerImage > PACKAGE_POOL_SIZE) {
      throw new IllegalArgumentException("componentsPerImage must be at most " + PACKAGE_POOL_SIZE
          + " (the package pool size), was " + componentsPerImage);
    }
  }

  /** All components over all images. */
  public long components() {
    return (long) images * componentsPerImage;
  }

  private static void requirePositive(int value, String field) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }
}
