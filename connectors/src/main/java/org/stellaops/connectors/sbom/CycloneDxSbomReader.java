package org.stellaops.connectors.sbom;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.Parser;
import org.cyclonedx.parsers.XmlParser;
import org.stellaops.connectors.DocumentException;
import org.stellaops.schemas.sbom.Component;
import org.stellaops.schemas.sbom.Sbom;
import org.stellaops.schemas.sbom.SbomFormat;

/**
 * Reads CycloneDX 1.x JSON and XML with cyclonedx-core-java. The library's model stops at 1.6 but
 * does not look at the version while parsing, so newer 1.x documents (1.7) are read the same way
 * and keep their declared {@code specVersion}. Because the library mishandles fields it does not
 * know, it parses a pruned copy ({@link CycloneDxJsonPruner}, {@link CycloneDxXmlPruner}), and its
 * result is checked, component by component, against the names in that copy.
 *
 * <p>Components are the entries of {@code components}, nested ones flattened in document order,
 * those without a name left out. {@code metadata.component} is not a component: it describes the
 * image or application the SBOM is about, and gives the SBOM's name and image digest instead;
 * components nested inside it are not read.
 */
final class CycloneDxSbomReader {
  private static final Pattern SPEC_VERSION = Pattern.compile("1\\.\\d+");

  private final Parser jsonParser = new JsonParser();
  private final Parser xmlParser = new XmlParser();

  Sbom readJson(String source, JsonNode root, String documentSha256) throws DocumentException {
    JsonNode declared = root.path("specVersion");
    if (!declared.isTextual()) {
      throw new DocumentException(
          source, "specVersion", "a CycloneDX document must declare its specVersion as a string");
    }
    String specVersion = checkedSpecVersion(source, declared.asText());
    PrunedBom pruned = CycloneDxJsonPruner.prune(source, root, specVersion);
    return toSbom(source, parse(source, jsonParser, pruned), pruned, documentSha256, SbomFormat.CYCLONEDX_JSON);
  }

  Sbom readXml(String source, byte[] bytes, String documentSha256) throws DocumentException {
    PrunedBom pruned = CycloneDxXmlPruner.prune(source, bytes);
    checkedSpecVersion(source, pruned.specVersion());
    return toSbom(source, parse(source, xmlParser, pruned), pruned, documentSha256, SbomFormat.CYCLONEDX_XML);
  }

  private static String checkedSpecVersion(String source, String specVersion) throws DocumentException {
    if (!SPEC_VERSION.matcher(specVersion).matches()) {
      throw new DocumentException(
          source, "specVersion", "unsupported CycloneDX specVersion \"" + specVersion + "\"; this reader reads 1.x");
    }
    return specVersion;
  }

  private static Bom parse(String source, Parser parser, PrunedBom pruned) throws DocumentException {
    try {
      return parser.parse(pruned.bytes());
    } catch (ParseException e) {
      if (e.getCause() instanceof JsonMappingException mapping) {
        throw JsonDocuments.unmappable(source, mapping);
      }
      throw new DocumentException(source, "", "the CycloneDX library cannot read the document: " + e.getMessage(), e);
    }
  }

  private static Sbom toSbom(String source, Bom bom, PrunedBom pruned, String documentSha256, SbomFormat format)
      throws DocumentException {
    List<org.cyclonedx.model.Component> flat = new ArrayList<>();
    flatten(bom.getComponents(), flat);
    checkAgainstDocument(source, flat, pruned.componentNames());
    List<Component> components = new ArrayList<>();
    for (org.cyclonedx.model.Component component : flat) {
      CycloneDxComponents.toComponent(component).ifPresent(components::add);
    }
    org.cyclonedx.model.Component subject = bom.getMetadata() == null ? null : bom.getMetadata().getComponent();
    return new Sbom(
        documentSha256,
        format,
        pruned.specVersion(),
        CycloneDxComponents.imageDigest(subject),
        CycloneDxComponents.sbomName(subject),
        components);
  }

  private static void flatten(
      List<org.cyclonedx.model.Component> components, List<org.cyclonedx.model.Component> into) {
    if (components == null) {
      return;
    }
    for (org.cyclonedx.model.Component component : components) {
      into.add(component);
      flatten(component.getComponents(), into);
    }
  }

  /** Refuses a parse that lost, invented or reordered components rather than return a wrong inventory. */
  private static void checkAgainstDocument(
      String source, List<org.cyclonedx.model.Component> parsed, List<String> expectedNames) throws DocumentException {
    for (int i = 0; i < Math.max(parsed.size(), expectedNames.size()); i++) {
      String expected = i < expectedNames.size() ? expectedNames.get(i) : null;
      String actual = i < parsed.size() ? Optional.ofNullable(parsed.get(i).getName()).orElse("").trim() : null;
      if (expected == null || !expected.equals(actual)) {
        throw new DocumentException(source, "components", "the CycloneDX library read " + parsed.size()
            + " components where the document has " + expectedNames.size() + " (first difference at component "
            + (i + 1) + ": expected \"" + expected + "\", read \"" + actual + "\")");
      }
    }
  }
}
