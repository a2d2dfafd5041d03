package org.stellaops.engine.match;

import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/** What the matcher needs of an SBOM component: its purl and the layer it came from. */
public record ComponentRef(String purl, Optional<String> layer) {
  public ComponentRef {
    Checks.requireText(purl, "purl");
    Objects.requireNonNull(layer, "layer is null");
  }
}
