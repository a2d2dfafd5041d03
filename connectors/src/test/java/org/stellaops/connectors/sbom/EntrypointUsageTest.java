package org.stellaops.connectors.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.sbom.Component;
import org.stellaops.schemas.sbom.Sbom;

/** Entrypoint use is read only where an SBOM states it, and is otherwise unknown. */
class EntrypointUsageTest {
  private final SbomReader reader = new SbomReader();

  @Test
  void cycloneDxStatesUseWithTheStellaopsProperty() throws Exception {
    String json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
          {"type": "library", "name": "lodash", "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20",
           "properties": [{"name": "stellaops:usedByEntrypoint", "value": "true"}]},
          {"type": "library", "name": "jest", "version": "29.0.0", "purl": "pkg:npm/jest@29.0.0",
           "properties": [{"name": "stellaops:usedByEntrypoint", "value": "FALSE"}]},
          {"type": "library", "name": "odd", "version": "1.0.0", "purl": "pkg:npm/odd@1.0.0",
           "properties": [{"name": "stellaops:usedByEntrypoint", "value": "maybe"}]},
          {"type": "library", "name": "quiet", "version": "1.0.0", "purl": "pkg:npm/quiet@1.0.0"}
        ]}""";
    Map<String, Optional<Boolean>> use = usage(reader.read("bom.json", json.getBytes(StandardCharsets.UTF_8)));
    assertThat(use).containsEntry("lodash", Optional.of(true)).containsEntry("jest", Optional.of(false))
        .containsEntry("odd", Optional.empty()).containsEntry("quiet", Optional.empty());
  }

  @Test
  void cycloneDxXmlReadsTheSameProperty() throws Exception {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
          <components>
            <component type="library"><name>lodash</name><version>4.17.20</version><purl>pkg:npm/lodash@4.17.20</purl>
              <properties><property name="stellaops:usedByEntrypoint">true</property></properties></component>
            <component type="library"><name>quiet</name><version>1.0.0</version><purl>pkg:npm/quiet@1.0.0</purl></component>
          </components>
        </bom>""";
    Map<String, Optional<Boolean>> use = usage(reader.read("bom.xml", xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(use).containsEntry("lodash", Optional.of(true)).containsEntry("quiet", Optional.empty());
  }

  @Test
  void spdxStatesUseWithDependencyRelationshipsToTheDescribedImage() throws Exception {
    String json = """
        {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "registry.example/app@sha256:%s",
         "packages": [
           {"SPDXID": "SPDXRef-image", "name": "app", "primaryPackagePurpose": "CONTAINER"},
           {"SPDXID": "SPDXRef-a", "name": "lodash", "versionInfo": "4.17.20",
            "externalRefs": [{"referenceType": "purl", "referenceLocator": "pkg:npm/lodash@4.17.20"}]},
           {"SPDXID": "SPDXRef-b", "name": "jest", "versionInfo": "29.0.0",
            "externalRefs": [{"referenceType": "purl", "referenceLocator": "pkg:npm/jest@29.0.0"}]},
           {"SPDXID": "SPDXRef-c", "name": "quiet", "versionInfo": "1.0.0",
            "externalRefs": [{"referenceType": "purl", "referenceLocator": "pkg:npm/quiet@1.0.0"}]},
           {"SPDXID": "SPDXRef-d", "name": "inner", "versionInfo": "1.0.0",
            "externalRefs": [{"referenceType": "purl", "referenceLocator": "pkg:npm/inner@1.0.0"}]}
         ],
         "relationships": [
           {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-image"},
           {"spdxElementId": "SPDXRef-a", "relationshipType": "RUNTIME_DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-image"},
           {"spdxElementId": "SPDXRef-b", "relationshipType": "DEV_DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-image"},
           {"spdxElementId": "SPDXRef-d", "relationshipType": "RUNTIME_DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-c"}
         ]}""".formatted("a".repeat(64));
    Map<String, Optional<Boolean>> use = usage(reader.read("image.spdx.json", json.getBytes(StandardCharsets.UTF_8)));
    assertThat(use).containsEntry("lodash", Optional.of(true)).containsEntry("jest", Optional.of(false))
        .as("no relationship to the image: unknown").containsEntry("quiet", Optional.empty())
        .as("a dependency of another package, not of the image: unknown").containsEntry("inner", Optional.empty());
  }

  private static Map<String, Optional<Boolean>> usage(Sbom sbom) {
    return sbom.components().stream().collect(Collectors.toMap(Component::name, Component::usedByEntrypoint));
  }
}
