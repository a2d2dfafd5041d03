package org.stellaops.schemas.sbom;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * A parsed SBOM document. {@code documentSha256} is the SHA-256 of the bytes as received;
 * {@code imageDigest} is the image digest the document itself declares, if any.
 */
public record Sbom(
    String documentSha256,
    SbomFormat format,
    String specVersion,
    Optional<String> imageDigest,
    Optional<String> name,
    List<Component> components) {
  public Sbom {
    Checks.requireText(documentSha256, "documentSha256");
    Objects.requireNonNull(format, "format is null");
    Objects.requireNonNull(specVersion, "specVersion is null");
    Objects.requireNonNull(imageDigest, "imageDigest is null");
    Objects.requireNonNull(name, "name is null");
    components = List.copyOf(components);
  }
}
