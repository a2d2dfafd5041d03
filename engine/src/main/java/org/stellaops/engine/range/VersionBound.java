package org.stellaops.engine.range;

import static java.util.Objects.requireNonNull;

/** One end of a {@link VersionInterval}: a version and whether the interval includes it. */
public record VersionBound(String version, boolean inclusive) {
  public VersionBound {
    requireNonNull(version, "version is null");
    if (version.isBlank()) {
      throw new IllegalArgumentException("bound version is blank");
    }
  }

  /** A bound that includes {@code version} ({@code >=} or {@code <=}). */
  public static VersionBound inclusive(String version) {
    return new VersionBound(version, true);
  }

  /** A bound that excludes {@code version} ({@code >} or {@code <}). */
  public static VersionBound exclusive(String version) {
    return new VersionBound(version, false);
  }
}
