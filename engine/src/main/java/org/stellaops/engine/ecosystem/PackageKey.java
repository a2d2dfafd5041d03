package org.stellaops.engine.ecosystem;

import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * A package as advisories name it: the OSV ecosystem (without a release suffix such as
 * {@code :12}), the name normalised for that ecosystem, the version when known, and for distro
 * packages the distribution release (normalised as {@link DistroReleases} does).
 */
public record PackageKey(String ecosystem, String name, Optional<String> version, Optional<String> release) {
  public PackageKey {
    Checks.requireText(ecosystem, "ecosystem");
    Checks.requireText(name, "name");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(release, "release is null");
  }

  /** A package of an ecosystem without releases. */
  public PackageKey(String ecosystem, String name, Optional<String> version) {
    this(ecosystem, name, version, Optional.empty());
  }

  /** {@code ecosystem/name}: the product key used in export deltas and indexes. */
  public String productKey() {
    return ecosystem + "/" + name;
  }
}
