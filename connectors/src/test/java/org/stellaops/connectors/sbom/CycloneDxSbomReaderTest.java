package org.stellaops.connectors.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.stellaops.connectors.TestData;
import org.stellaops.schemas.sbom.Component;
import org.stellaops.schemas.sbom.Sbom;

/** CycloneDX JSON and XML, checked against values read from the fixture files by eye and on authored samples. */
class CycloneDxSbomReaderTest {
  private static final String FLUENTD_15 = "cyclonedx/cdx-1.5_image-fluentd_trivy_deb-gem.json";
  private static final String FLUENTD_16 = "cyclonedx/cdx-1.6_image-fluentd_trivy_deb-gem.json";
  private static final String FLUENTD_17 = "cyclonedx/cdx-1.7_image-fluentd_trivy_deb-gem.json";
  /** An authored sample: the reader's own behaviour is tested on it, so those tests need no ../shared. */
  private static final String SAMPLE_JSON = "cyclonedx/cdx-1.5_sample-image_trivy_deb-gem.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void trivyJsonComponentTakesLayerDigestBeforeDiffId() throws Exception {
    Sbom sbom = SbomFixtures.read(FLUENTD_16);

    Component bash = SbomFixtures.component(sbom, "bash", "5.0-4");
    assertThat(bash.purl()).contains("pkg:deb/debian/bash@5.0-4?arch=amd64&distro=debian-10.2");
    assertThat(bash.type()).isEqualTo("library");
    assertThat(bash.licenses()).containsExactly("GPL-3.0-only");
    assertThat(bash.layer()).contains("sha256:000eee12ec04cc914bf96e8f5dee7767510c2aca3816af6078bd9fbe3150920c");
    assertThat(bash.scope()).isEmpty();
    Component os = sbom.components().get(0);
    assertThat(os.name()).isEqualTo("debian");
    assertThat(os.type()).isEqualTo("operating-system");
    assertThat(os.purl()).isEmpty();
  }

  @Test
  void trivyJsonComponentHasHashesAndDiffIdLayer() throws Exception {
    Sbom sbom = SbomFixtures.read("cyclonedx/cdx-1.6_dt-issue4455_trivy-image.json");

    Component keys = SbomFixtures.component(sbom, "alpine-keys", "2.4-r1");
    assertThat(keys.purl()).contains("pkg:apk/alpine/alpine-keys@2.4-r1?arch=x86_64&distro=3.20.3");
    assertThat(keys.hashes()).isEqualTo(Map.of("SHA-1", "78ab5150a3919e474204e0f91972d1cf0a344f9d"));
    assertThat(keys.licenses()).containsExactly("MIT");
    assertThat(keys.layer()).contains("sha256:63ca1fbb43ae5034640e5e6cb3e083e05c290072c5366fcaa9d62435a4cced85");
    assertThat(sbom.name()).contains("trivy-test-image");
  }

  @Test
  void syftXmlComponentHasSyftLayer() throws Exception {
    Sbom sbom = SbomFixtures.read("cyclonedx/cdx-1.4_image-alpine_syft_apk.xml");

    Component baselayout = SbomFixtures.component(sbom, "alpine-baselayout", "3.4.0-r0");
    assertThat(baselayout.purl())
        .contains("pkg:apk/alpine/alpine-baselayout@3.4.0-r0?arch=x86_64&upstream=alpine-baselayout&distro=alpine-3.17.2");
    assertThat(baselayout.licenses()).containsExactly("GPL-2.0-only");
    assertThat(baselayout.layer()).contains("sha256:7cd52847ad775a5ddc4b58326cf884beee34544296402c6292ed76474c686d39");
    assertThat(baselayout.hashes()).isEmpty();
  }

  @Test
  void metadataComponentNamesTheSbomButIsNotAComponent() throws Exception {
    Sbom sbom = SbomFixtures.read("cyclonedx/cdx-1.4_image-alpine_syft_apk.xml");

    assertThat(sbom.name())
        .contains("alpine:latest@sha256:fd6275a37d2472b9d3be70c3261087b8d65e441c21342ae7313096312bcda2b3");
    assertThat(sbom.components()).extracting(Component::name).doesNotContain("alpine:latest");
    assertThat(sbom.components()).extracting(Component::type).doesNotContain("container");
  }

  @Test
  void jsonLicenseExpressionScopeAndRepeatedLicense() throws Exception {
    Sbom sbom = SbomFixtures.read("cyclonedx/cdx-1.4_juice-shop-flat_npm-1115comp.json");

    Component expandTemplate = SbomFixtures.component(sbom, "expand-template", "2.0.3");
    assertThat(expandTemplate.licenses()).containsExactly("(MIT OR WTFPL)");
    assertThat(expandTemplate.scope()).contains("optional");
    assertThat(SbomFixtures.component(sbom, "buffer-crc32", "0.2.13").licenses()).containsExactly("MIT");
  }

  @Test
  void mavenJsonComponentHasAllItsHashes() throws Exception {
    Sbom sbom = SbomFixtures.read("cyclonedx/cdx-1.2_dropwizard-1.3.15_maven.json");

    Component annotations = SbomFixtures.component(sbom, "jackson-annotations", "2.9.10");
    assertThat(annotations.purl()).contains("pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.9.10?type=jar");
    assertThat(annotations.licenses()).containsExactly("Apache-2.0");
    assertThat(annotations.hashes()).hasSize(8)
        .containsEntry("SHA-256", "c876f2e85d0f108a34cdd11ccc9d8d7875697367efc75bf10a89c2c26aee994c");
    assertThat(SbomFixtures.component(sbom, "osgi-resource-locator", "1.0.1").licenses())
        .containsExactly("(CDDL-1.0 OR GPL-2.0-with-classpath-exception)");
    assertThat(sbom.name()).contains("dropwizard-parent@1.3.15");
  }

  /** The two files differ in their data: only the XML has scopes, only the JSON has one license expression. */
  @Test
  void jsonAndXmlOfTheSameBomAgreeWhereTheirDataAgrees() throws Exception {
    Sbom json = SbomFixtures.read("cyclonedx/cdx-1.2_dropwizard-1.3.15_maven.json");
    Sbom xml = SbomFixtures.read("cyclonedx/cdx-1.2_dropwizard-1.3.15_maven.xml");

    assertThat(xml.components()).extracting(Component::scope).containsOnly(Optional.of("required"));
    assertThat(withoutScopeAndLicenses(xml.components())).isEqualTo(withoutScopeAndLicenses(json.components()));
    List<String> licensesDiffer = IntStream.range(0, json.components().size())
        .filter(i -> !json.components().get(i).licenses().equals(xml.components().get(i).licenses()))
        .mapToObj(i -> json.components().get(i).name())
        .toList();
    assertThat(licensesDiffer).containsExactly("osgi-resource-locator");
  }

  @Test
  void nestedXmlComponentsFollowTheirParent() throws Exception {
    Sbom sbom = SbomFixtures.read("cyclonedx/cdx-1.5_dt-issue2519_npm-maven-2185comp.xml");

    assertThat(sbom.components().subList(0, 3))
        .extracting(Component::name)
        .containsExactly("cyclonedx-npm", "commander", "cyclonedx-library");
    assertThat(sbom.components().get(1).purl()).contains("pkg:npm/commander@9.5.0");
  }

  @Test
  void sameImageAsCycloneDx15And16And17GivesTheSamePurls() throws Exception {
    List<String> purls15 = SbomFixtures.purls(SbomFixtures.read(FLUENTD_15));

    assertThat(SbomFixtures.purls(SbomFixtures.read(FLUENTD_16))).isEqualTo(purls15);
    assertThat(SbomFixtures.purls(SbomFixtures.read(FLUENTD_17))).isEqualTo(purls15);
  }

  @Test
  void cycloneDx17KeepsItsVersionAndEveryComponentOfTheFile() throws Exception {
    byte[] bytes = SbomFixtures.bytes(FLUENTD_17);

    Sbom sbom = new SbomReader().read(FLUENTD_17, bytes);

    assertThat(sbom.specVersion()).isEqualTo("1.7");
    assertThat(SbomFixtures.purls(sbom)).isEqualTo(purlsReadWithoutTheLibrary(JSON.readTree(bytes)));
  }

  @Test
  void fieldsTheLibraryDoesNotKnowDoNotCostComponents() throws Exception {
    Sbom original = new SbomReader().read("sample.json", sample(SAMPLE_JSON));
    byte[] extended = withUnknownFields(JSON.readTree(sample(SAMPLE_JSON)));

    Sbom sbom = new SbomReader().read("extended.json", extended);

    assertThat(sbom.components()).isEqualTo(original.components());
  }

  /** Why the reader prunes: the library alone silently loses every component of that same document. */
  @Test
  void libraryAloneLosesComponentsAfterAnUnknownObject() throws Exception {
    byte[] extended = withUnknownFields(JSON.readTree(sample(SAMPLE_JSON)));

    assertThat(new JsonParser().parse(extended).getComponents()).isNullOrEmpty();
  }

  @Test
  void xmlInANewerNamespaceWithForeignElementsReadsLikeTheOriginal() throws Exception {
    String file = "cyclonedx/cdx-1.4_sample-webapp_npm.xml";
    String xml = new String(sample(file), StandardCharsets.UTF_8)
        .replace("http://cyclonedx.org/schema/bom/1.4", "http://cyclonedx.org/schema/bom/1.7")
        .replace("</name>", "</name><x:note xmlns:x=\"urn:example:extension\"><x:detail>1</x:detail></x:note>");

    Sbom sbom = new SbomReader().read("webapp-1.7.xml", xml.getBytes(StandardCharsets.UTF_8));

    assertThat(sbom.specVersion()).isEqualTo("1.7");
    assertThat(sbom.components()).hasSize(6).isEqualTo(new SbomReader().read(file, sample(file)).components());
  }

  @Test
  void nestedJsonComponentsAreFlattenedAndNamelessOnesLeftOut() throws Exception {
    String json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
          {"type": "library", "name": "parent", "components": [
            {"type": "library", "name": "child", "components": [{"type": "library", "name": "grandchild"}]}]},
          {"type": "library", "version": "1.0"},
          {"type": "framework", "name": "sibling"}]}
        """;

    Sbom sbom = new SbomReader().read("nested.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(sbom.components()).extracting(Component::name).containsExactly("parent", "child", "grandchild", "sibling");
    assertThat(sbom.components().get(3).type()).isEqualTo("framework");
  }

  @Test
  void imageDigestFromOciPurlIsDecodedAndLowerCased() throws Exception {
    Sbom sbom = new SbomReader().read("oci.json", subject("""
        "purl": "pkg:oci/alpine@sha256%3ABC41182D7EF5FFC53A40B044E725193BC10142A1243F395EE852A8D9730FC2AD?arch=amd64",
        "properties": [{"name": "aquasecurity:trivy:ImageID",
          "value": "sha256:9c6f0724472873bb50a2ae67a9e7adcb57673a183cea8b06eb778dca859181b5"}]
        """));

    assertThat(sbom.imageDigest()).contains("sha256:bc41182d7ef5ffc53a40b044e725193bc10142a1243f395ee852a8d9730fc2ad");
  }

  @Test
  void imageDigestPrefersTrivyRepoDigestToImageId() throws Exception {
    Sbom sbom = new SbomReader().read("trivy.json", subject("""
        "properties": [
          {"name": "aquasecurity:trivy:ImageID",
           "value": "sha256:9c6f0724472873bb50a2ae67a9e7adcb57673a183cea8b06eb778dca859181b5"},
          {"name": "aquasecurity:trivy:RepoDigest",
           "value": "alpine@sha256:bc41182d7ef5ffc53a40b044e725193bc10142a1243f395ee852a8d9730fc2ad"}]
        """));

    assertThat(sbom.imageDigest()).contains("sha256:bc41182d7ef5ffc53a40b044e725193bc10142a1243f395ee852a8d9730fc2ad");
  }

  private static byte[] sample(String file) throws java.io.IOException {
    return java.nio.file.Files.readAllBytes(TestData.sample("sboms/" + file));
  }

  private static byte[] subject(String fields) {
    return ("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"metadata\": {\"component\": "
        + "{\"type\": \"container\", \"name\": \"alpine:3.16\", " + fields + "}}, \"components\": []}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<Component> withoutScopeAndLicenses(List<Component> components) {
    return components.stream()
        .map(c -> new Component(c.purl(), c.name(), c.version(), c.type(), List.of(), c.hashes(), Optional.empty(), c.layer()))
        .toList();
  }

  private static List<String> purlsReadWithoutTheLibrary(JsonNode bom) {
    return StreamSupport.stream(bom.path("components").spliterator(), false)
        .map(c -> c.has("purl") ? c.path("purl").asText() : "(no purl) " + c.path("name").asText())
        .toList();
  }

  /** The document with fields a newer spec could add: a top-level array before components, an object in each component. */
  private static byte[] withUnknownFields(JsonNode bom) throws Exception {
    ObjectNode extended = JSON.createObjectNode();
    extended.set("bomFormat", bom.get("bomFormat"));
    extended.set("specVersion", bom.get("specVersion"));
    extended.putArray("citations").addObject().putObject("source").put("note", "not in the 1.6 model");
    bom.properties().forEach(field -> extended.set(field.getKey(), field.getValue()));
    for (JsonNode component : extended.path("components")) {
      ((ObjectNode) component).putObject("vendorExtension").putArray("values").add(1).add(2);
    }
    return JSON.writeValueAsBytes(extended);
  }
}
