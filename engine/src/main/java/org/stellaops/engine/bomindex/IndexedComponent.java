package org.stellaops.engine.bomindex;

import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * What the BOM-Index keeps of a component: its purl, the distro source package when the SBOM
 * names one, and whether the image's entrypoint uses it, when the SBOM says (empty: unknown).
 */
public record IndexedComponent(String purl, Optional<String> sourcePackage, Optional<Boolean> usedByEntrypoint) {
  public IndexedComponent {
    Checks.requireText(purl, "purl");
    Objects.requireNonNull(sourcePackage, "sourcePackage is null");
    Objects.requireNonNull(usedByEntrypoint, "usedByEntrypoint is null");
  }
}
