package org.stellaops.engine.ecosystem;

import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * A package as advisories name it: the OSV ecosystem (without a release suffix such as
 * {@code :12}), the name normalised for that ecosystem, and the version when known.
 */
public record PackageKey(String ecosystem, String name, Optional<String> version) {
  public PackageKey {
    Checks.requireText(ecosystem, "ecosystem");
    Checks.requireText(name, "name");
    Objects.requireNonNull(version, "version is null");
  }

  /** {@code ecosystem/name}: the product key used in export deltas and indexes. */
  public String productKey() {
    return ecosystem + "/" + name;
  }
}
