package org.stellaops.engine.match;

import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * What the matcher needs of an SBOM component: its purl when it has one, its name, type and
 * version as the SBOM gives them (for components without a purl, and for the operating system),
 * the layer it came from, and the distro source package it was built from ({@code name} or
 * {@code name@version}) when the SBOM says.
 */
public record ComponentRef(Optional<String> purl, String name, String type, Optional<String> version,
    Optional<String> layer, Optional<String> sourcePackage) {
  public ComponentRef {
    Objects.requireNonNull(purl, "purl is null");
    Checks.requireText(name, "name");
    Checks.requireText(type, "type");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(layer, "layer is null");
    Objects.requireNonNull(sourcePackage, "sourcePackage is null");
  }

  /** A library component known by its purl alone. */
  public ComponentRef(String purl, Optional<String> layer) {
    this(Optional.of(Checks.requireText(purl, "purl")), purl, "library", Optional.empty(), layer, Optional.empty());
  }

  /** The purl, else the name: how reports name the component. */
  public String label() {
    return purl.orElse(name);
  }
}
