package org.stellaops.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.PackageURL;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSbomsTest {
  private static final String HEX_64 = "[0-9a-f]{64}";
  private static final Set<String> PURL_TYPES = Set.of("npm", "pypi", "maven", "golang", "cargo");

  @TempDir
  static Path temp;

  private static List<JsonNode> sboms;

  @BeforeAll
  static void generate() throws IOException {
    CorpusSummary summary = new CorpusGenerator().generate(
        new CorpusSpec(20, 30, 10, 42), temp, ProgressListener.none());
    sboms = CorpusFiles.sboms(summary.sbomDirectory());
  }

  @Test
  void documentsAreCycloneDx16WithDerivedSerialNumbersAndImageDigests() {
    Set<String> serials = new HashSet<>();
    for (int i = 0; i < sboms.size(); i++) {
      JsonNode sbom = sboms.get(i);
      assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
      assertThat(sbom.path("specVersion").asText()).isEqualTo("1.6");
      assertThat(sbom.path("version").asInt()).isEqualTo(1);
      String serial = sbom.path("serialNumber").asText();
      assertThat(serial).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      serials.add(serial);
      JsonNode image = sbom.path("metadata").path("component");
      assertThat(image.path("type").asText()).isEqualTo("container");
      assertThat(image.path("name").asText()).isEqualTo("registry.example/app-" + (i + 1));
      PackageURL purl = GeneratedAdvisoriesTest.parse(image.path("purl").asText());
      assertThat(purl.getType()).isEqualTo("oci");
      assertThat(purl.getName()).isEqualTo("app-" + (i + 1));
      assertThat(purl.getVersion()).matches("sha256:" + HEX_64);
    }
    assertThat(serials).hasSameSizeAs(sboms);
  }

  @Test
  void componentsHaveVersionsPurlsHashesLicensesAndImageLayers() {
    for (JsonNode sbom : sboms) {
      Set<String> layers = new HashSet<>();
      sbom.path("metadata").path("component").path("properties").forEach(property -> {
        if (property.path("name").asText().equals("aquasecurity:trivy:LayerDigest")) {
          layers.add(property.path("value").asText());
        }
      });
      assertThat(layers).isNotEmpty().allSatisfy(layer -> assertThat(layer).matches("sha256:" + HEX_64));
      Set<String> references = new HashSet<>();
      for (JsonNode component : sbom.path("components")) {
        assertComponent(component, layers);
        assertThat(references.add(component.path("bom-ref").asText())).isTrue();
      }
    }
  }

  @Test
  void imagesLeanTowardsDifferentEcosystems() {
    Set<String> dominants = new HashSet<>();
    int skewed = 0;
    for (JsonNode sbom : sboms) {
      Map<String, Integer> perType = new HashMap<>();
      sbom.path("components").forEach(component ->
          perType.merge(GeneratedAdvisoriesTest.parse(component.path("purl").asText()).getType(), 1, Integer::sum));
      Map.Entry<String, Integer> largest = perType.entrySet().stream()
          .max(Map.Entry.comparingByValue()).orElseThrow();
      dominants.add(largest.getKey());
      skewed += largest.getValue() * 2 > sbom.path("components").size() ? 1 : 0;
    }
    assertThat(dominants).hasSizeGreaterThanOrEqualTo(3);
    assertThat(skewed).isGreaterThanOrEqualTo(sboms.size() / 2);
  }

  @Test
  void fewPackagesAreInMostImagesAndMostAreInFew() {
    Map<String, Integer> imagesPerPackage = new HashMap<>();
    for (JsonNode sbom : sboms) {
      sbom.path("components").forEach(component -> {
        String purl = component.path("purl").asText();
        imagesPerPackage.merge(purl.substring(0, purl.lastIndexOf('@')), 1, Integer::sum);
      });
    }
    List<Integer> counts = new ArrayList<>(imagesPerPackage.values());
    long inOneImage = counts.stream().filter(count -> count == 1).count();
    assertThat(counts.stream().mapToInt(Integer::intValue).max().orElseThrow())
        .isGreaterThanOrEqualTo(sboms.size() / 2);
    assertThat(inOneImage * 2).isGreaterThan(counts.size());
  }

  private static void assertComponent(JsonNode component, Set<String> layers) {
    String version = component.path("version").asText();
    assertThat(component.path("type").asText()).isEqualTo("library");
    assertThat(version).isNotBlank();
    PackageURL purl = GeneratedAdvisoriesTest.parse(component.path("purl").asText());
    assertThat(purl.getType()).isIn(PURL_TYPES);
    assertThat(purl.getVersion()).isEqualTo(version);
    assertThat(component.path("bom-ref").asText()).isEqualTo(component.path("purl").asText());
    if (purl.getType().equals("golang")) {
      assertThat(version).matches("v[01]\\.\\d+\\.\\d+(-[0-9A-Za-z.]+)?");
      assertThat(component.path("name").asText()).isEqualTo(purl.getNamespace() + "/" + purl.getName());
    } else {
      assertThat(component.path("name").asText()).isEqualTo(purl.getName());
    }
    if (purl.getType().equals("maven") || (purl.getType().equals("npm") && purl.getNamespace() != null)) {
      assertThat(component.path("group").asText()).isEqualTo(purl.getNamespace());
    }
    assertThat(component.path("hashes").path(0).path("alg").asText()).isEqualTo("SHA-256");
    assertThat(component.path("hashes").path(0).path("content").asText()).matches(HEX_64);
    assertThat(component.path("licenses").path(0).path("license").path("id").asText()).isNotBlank();
    JsonNode layer = component.path("properties").path(0);
    assertThat(layer.path("name").asText()).isEqualTo("aquasecurity:trivy:LayerDigest");
    assertThat(layer.path("value").asText()).isIn(layers);
  }
}
