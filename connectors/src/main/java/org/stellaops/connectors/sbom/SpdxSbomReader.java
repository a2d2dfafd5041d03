package org.stellaops.connectors.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.stellaops.connectors.DocumentException;
import org.stellaops.schemas.sbom.Component;
import org.stellaops.schemas.sbom.Sbom;
import org.stellaops.schemas.sbom.SbomFormat;

/**
 * Reads SPDX 2.x JSON (written for 2.3) with Jackson. Components are {@code packages[]} in
 * document order; every package must have a name.
 *
 * <p>A package the document DESCRIBES is left out when it stands for a container image (a
 * {@code pkg:oci} or {@code pkg:docker} purl, or primary purpose {@code CONTAINER}): it is the
 * subject, like CycloneDX's {@code metadata.component}, and gives the image digest. Any other
 * described package is kept, because SPDX lists it among the packages on an equal footing: the
 * spdx-maven-plugin's documents describe the project's own jar, which is a real artifact that
 * others depend on. Syft's image documents describe themselves (SPDXRef-DOCUMENT) and carry the
 * image reference, with its digest, as the document name.
 */
final class SpdxSbomReader {
  private static final String DOCUMENT_ID = "SPDXRef-DOCUMENT";

  Sbom read(String source, JsonNode root, String documentSha256) throws DocumentException {
    String specVersion = specVersion(source, root);
    JsonNode packages = root.path("packages");
    if (!packages.isMissingNode() && !packages.isArray()) {
      throw new DocumentException(source, "packages", "expected an array of packages");
    }
    Set<String> described = describedIds(root);
    java.util.Map<String, Boolean> usage = entrypointUsage(root, described);
    List<Component> components = new ArrayList<>();
    Optional<String> imageDigest = Optional.empty();
    for (int i = 0; i < packages.size(); i++) {
      JsonNode pkg = packages.get(i);
      if (!pkg.isObject()) {
        throw new DocumentException(source, "packages[" + i + "]", "expected a package object");
      }
      if (described.contains(pkg.path("SPDXID").asText()) && SpdxPackages.isImage(pkg)) {
        imageDigest = imageDigest.or(() -> SpdxPackages.imageDigest(pkg));
        continue;
      }
      Component component = SpdxPackages.toComponent(source, "packages[" + i + "]", pkg);
      Boolean used = usage.get(pkg.path("SPDXID").asText());
      components.add(used == null ? component : new Component(component.purl(), component.name(), component.version(),
          component.type(), component.licenses(), component.hashes(), component.scope(), component.layer(),
          component.sourcePackage(), Optional.of(used)));
    }
    Optional<String> name = JsonDocuments.text(root, "name");
    imageDigest = imageDigest.or(() -> name.flatMap(ImageDigests::fromReference));
    return new Sbom(documentSha256, SbomFormat.SPDX_JSON, specVersion, imageDigest, name, components);
  }

  /** {@code SPDX-2.3} is read as {@code 2.3}. */
  private static String specVersion(String source, JsonNode root) throws DocumentException {
    String declared = root.path("spdxVersion").asText("");
    if (!declared.matches("SPDX-2\\.\\d+")) {
      throw new DocumentException(
          source, "spdxVersion", "unsupported SPDX version \"" + declared + "\"; this reader reads SPDX-2.x JSON");
    }
    return declared.substring("SPDX-".length());
  }

  /**
   * Entrypoint use as the relationships state it, by package SPDXID: {@code RUNTIME_DEPENDENCY_OF}
   * an element the document describes (the image) says the image runs it; {@code DEV_}, {@code TEST_}
   * or {@code BUILD_DEPENDENCY_OF} one says it does not. A package named both ways counts as used.
   * Packages the relationships do not place are absent: their use is unknown.
   */
  private static java.util.Map<String, Boolean> entrypointUsage(JsonNode root, Set<String> described) {
    java.util.Map<String, Boolean> usage = new java.util.HashMap<>();
    for (JsonNode relationship : root.path("relationships")) {
      String type = relationship.path("relationshipType").asText("").toUpperCase(Locale.ROOT);
      String from = relationship.path("spdxElementId").asText("");
      String to = relationship.path("relatedSpdxElement").asText("");
      if (!described.contains(to)) {
        continue;
      }
      if (type.equals("RUNTIME_DEPENDENCY_OF")) {
        usage.put(from, true);
      } else if (type.equals("DEV_DEPENDENCY_OF") || type.equals("TEST_DEPENDENCY_OF") || type.equals("BUILD_DEPENDENCY_OF")) {
        usage.putIfAbsent(from, false);
      }
    }
    return usage;
  }

  /** The elements the document says it describes: documentDescribes, DESCRIBES and DESCRIBED_BY. */
  private static Set<String> describedIds(JsonNode root) {
    Set<String> ids = new HashSet<>();
    String documentId = root.path("SPDXID").asText(DOCUMENT_ID);
    for (JsonNode id : root.path("documentDescribes")) {
      ids.add(id.asText());
    }
    for (JsonNode relationship : root.path("relationships")) {
      String type = relationship.path("relationshipType").asText("").toUpperCase(Locale.ROOT);
      String from = relationship.path("spdxElementId").asText("");
      String to = relationship.path("relatedSpdxElement").asText("");
      if (type.equals("DESCRIBES") && from.equals(documentId)) {
        ids.add(to);
      } else if (type.equals("DESCRIBED_BY") && to.equals(documentId)) {
        ids.add(from);
      }
    }
    return ids;
  }
}
