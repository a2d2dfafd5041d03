package org.stellaops.connectors.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stellaops.connectors.DocumentException;
import org.stellaops.schemas.sbom.Component;

/** Maps one SPDX 2.x package (a JSON object) onto a {@link Component}. */
final class SpdxPackages {
  private static final Set<String> NO_LICENSE = Set.of("NOASSERTION", "NONE");

  private SpdxPackages() {}

  /**
   * The package as a component: purl from the first {@code purl} external reference, licenses from
   * licenseConcluded then licenseDeclared (NOASSERTION and NONE skipped), type from
   * primaryPackagePurpose lower-cased, else {@code library}. SPDX has no scope or layer.
   */
  static Component toComponent(String source, String path, JsonNode pkg) throws DocumentException {
    String name = JsonDocuments.text(pkg, "name")
        .map(String::trim)
        .orElseThrow(() -> new DocumentException(source, path + ".name",
            "package " + pkg.path("SPDXID").asText("without SPDXID") + " has no name"));
    return new Component(
        purl(pkg),
        name,
        JsonDocuments.text(pkg, "versionInfo").map(String::trim),
        JsonDocuments.text(pkg, "primaryPackagePurpose").map(p -> p.toLowerCase(Locale.ROOT)).orElse("library"),
        licenses(pkg),
        checksums(pkg),
        Optional.empty(),
        Optional.empty());
  }

  /** True for a package that stands for a container image rather than something inside one. */
  static boolean isImage(JsonNode pkg) {
    return ImageDigests.isImagePurl(purl(pkg).orElse(null))
        || "CONTAINER".equalsIgnoreCase(pkg.path("primaryPackagePurpose").asText(""));
  }

  /** The digest of an image package: from its purl, else its SHA256 checksum. */
  static Optional<String> imageDigest(JsonNode pkg) {
    return ImageDigests.fromImagePurl(purl(pkg).orElse(null))
        .or(() -> Optional.ofNullable(checksums(pkg).get("SHA256"))
            .flatMap(hex -> ImageDigests.fromDigest("sha256:" + hex)));
  }

  private static Optional<String> purl(JsonNode pkg) {
    for (JsonNode reference : pkg.path("externalRefs")) {
      if ("purl".equals(reference.path("referenceType").asText())) {
        return JsonDocuments.text(reference, "referenceLocator").map(String::trim);
      }
    }
    return Optional.empty();
  }

  private static List<String> licenses(JsonNode pkg) {
    Set<String> licenses = new LinkedHashSet<>();
    for (String field : List.of("licenseConcluded", "licenseDeclared")) {
      JsonDocuments.text(pkg, field)
          .map(String::trim)
          .filter(license -> !NO_LICENSE.contains(license))
          .ifPresent(licenses::add);
    }
    return List.copyOf(licenses);
  }

  /** Algorithm (SHA1, SHA256, ...) to value; the first value wins if an algorithm repeats. */
  private static Map<String, String> checksums(JsonNode pkg) {
    Map<String, String> checksums = new LinkedHashMap<>();
    for (JsonNode checksum : pkg.path("checksums")) {
      JsonDocuments.text(checksum, "algorithm").ifPresent(algorithm ->
          JsonDocuments.text(checksum, "checksumValue").ifPresent(value -> checksums.putIfAbsent(algorithm, value)));
    }
    return checksums;
  }
}
