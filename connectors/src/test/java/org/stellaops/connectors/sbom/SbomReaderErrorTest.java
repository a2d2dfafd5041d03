package org.stellaops.connectors.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.TestData;

/** Documents that must be refused, each with a message that names the file, the place and the reason. */
class SbomReaderErrorTest {
  private final SbomReader reader = new SbomReader();

  @Test
  void truncatedJsonNamesTheLineAndColumnWhereItEnds() throws Exception {
    byte[] whole = Files.readAllBytes(TestData.sample("sboms/cyclonedx/cdx-1.5_sample-image_trivy_deb-gem.json"));
    byte[] half = Arrays.copyOf(whole, whole.length / 2);
    long lines = new String(half, StandardCharsets.UTF_8).lines().count();

    DocumentException e = failure("fluentd-half.json", half);

    assertThat(e.source()).isEqualTo("fluentd-half.json");
    assertThat(e.location()).matches("line " + lines + ", column \\d+");
    assertThat(e.getMessage())
        .startsWith("Cannot read fluentd-half.json at line " + lines + ", column ")
        .contains("the JSON ends too early, the file looks truncated");
  }

  @Test
  void truncatedXmlNamesTheLineAndColumnWhereItEnds() throws Exception {
    byte[] whole = Files.readAllBytes(TestData.sample("sboms/cyclonedx/cdx-1.6_sample-service_maven-apk.xml"));
    byte[] half = Arrays.copyOf(whole, whole.length / 2);
    long lines = new String(half, StandardCharsets.UTF_8).lines().count();

    DocumentException e = failure("postgres-half.xml", half);

    assertThat(e.location()).matches("line " + lines + ", column \\d+");
    assertThat(e.getMessage()).startsWith("Cannot read postgres-half.xml at line " + lines + ", column ")
        .endsWith(": malformed XML: XML document structures must start and end within the same entity.");
  }

  @Test
  void malformedJsonInTheMiddleNamesThePlace() {
    byte[] json = "{\"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",,\n  \"components\": []}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(failure("comma.json", json))
        .hasMessage("Cannot read comma.json at line 2, column 24: malformed JSON: Unexpected character "
            + "(',' (code 44)): was expecting double-quote to start field name");
  }

  @Test
  void jsonArrayAtTheRootIsRefused() {
    byte[] json = "[{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\"}]".getBytes(StandardCharsets.UTF_8);

    assertThat(failure("list.json", json))
        .hasMessage("Cannot read list.json: expected a JSON object at the root, found an array");
  }

  @Test
  void emptyAndBlankDocumentsAreRefused() {
    assertThat(failure("empty.json", new byte[0])).hasMessage("Cannot read empty.json: the document is empty");
    byte[] blank = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '\n', '\t'};
    assertThat(failure("blank.xml", blank)).hasMessage("Cannot read blank.xml: the document is empty");
  }

  @Test
  void xmlExternalEntityIsNeverResolved(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
    String xml = "<?xml version=\"1.0\"?>\n"
        + "<!DOCTYPE bom [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\" version=\"1\"><components>"
        + "<component type=\"library\"><name>&xxe;</name></component></components></bom>";

    DocumentException e = failure("xxe.xml", xml.getBytes(StandardCharsets.UTF_8));

    assertThat(e.location()).startsWith("line 2, column ");
    assertThat(e.reason()).isEqualTo(
        "the XML has a DOCTYPE declaration, which is refused: a DTD or entity could read local files or URLs");
    assertThat(e.getMessage()).startsWith("Cannot read xxe.xml at line 2").doesNotContain("TOP-SECRET-VALUE");
  }

  @Test
  void xmlEntityExpansionIsRefused() {
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components><component type=\"library\">"
        + "<name>&b;</name></component></components></bom>";

    assertThat(failure("laughs.xml", xml.getBytes(StandardCharsets.UTF_8)).reason()).contains("DOCTYPE");
  }

  @Test
  void spdxPackageWithoutNameIsRefusedNamingIt() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode document = (ObjectNode) json.readTree(
        Files.readAllBytes(TestData.sample("sboms/spdx/spdx-2.3_sample-image_syft_rpm-maven.spdx.json")));
    ((ObjectNode) document.path("packages").get(2)).remove("name");

    DocumentException e = failure("image-noname.spdx.json", json.writeValueAsBytes(document));

    assertThat(e).hasMessage(
        "Cannot read image-noname.spdx.json at packages[2].name: package SPDXRef-Package-rpm-bash-2 has no name");
  }

  @Test
  void jsonThatIsNoSbomSaysWhatWasExpected() throws Exception {
    Path osv;
    try (Stream<Path> files = Files.list(TestData.sample("osv/crates.io"))) {
      osv = files.sorted().findFirst().orElseThrow();
    }

    assertThat(failure(osv.getFileName().toString(), Files.readAllBytes(osv)))
        .hasMessage("Cannot read " + osv.getFileName() + ": " + SbomReader.UNKNOWN_FORMAT);
    assertThat(SbomReader.UNKNOWN_FORMAT).isEqualTo("not a supported SBOM: expected CycloneDX JSON "
        + "(\"bomFormat\": \"CycloneDX\"), CycloneDX XML (root <bom> in namespace http://cyclonedx.org/schema/bom/1.x) "
        + "or SPDX 2.x JSON (\"spdxVersion\")");
  }

  @Test
  void xmlThatIsNoSbomNamesItsRoot() {
    byte[] pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion></project>"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(failure("pom.xml", pom)).hasMessage("Cannot read pom.xml: " + SbomReader.UNKNOWN_FORMAT
        + "; the XML root is <project> in namespace \"http://maven.apache.org/POM/4.0.0\"");
  }

  @Test
  void textThatIsNeitherJsonNorXmlIsRefused() {
    assertThat(failure("notes.txt", "name,version\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Cannot read notes.txt: " + SbomReader.UNKNOWN_FORMAT
            + "; the content starts with neither '{' (JSON) nor '<' (XML)");
  }

  @Test
  void unsupportedVersionsAreNamed() {
    assertThat(failure("cdx2.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"2.0\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Cannot read cdx2.json at specVersion: unsupported CycloneDX specVersion \"2.0\"; this reader reads 1.x");
    assertThat(failure("spdx3.json", "{\"spdxVersion\": \"SPDX-3.0\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Cannot read spdx3.json at spdxVersion: unsupported SPDX version \"SPDX-3.0\"; this reader reads SPDX-2.x JSON");
  }

  @Test
  void componentTypeOutsideTheModelNamesThePath() {
    byte[] json = ("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": ["
        + "{\"type\": \"library\", \"name\": \"a\"}, {\"type\": \"quantum-device\", \"name\": \"b\"}]}")
        .getBytes(StandardCharsets.UTF_8);

    DocumentException e = failure("types.json", json);

    assertThat(e.location()).isEqualTo("components[1].type");
    assertThat(e.getMessage()).startsWith("Cannot read types.json at components[1].type: the CycloneDX model does not "
        + "accept this value: Cannot deserialize value of type `org.cyclonedx.model.Component$Type` from String "
        + "\"quantum-device\": not one of the values accepted for Enum class");
  }

  @Test
  void componentThatIsNotAnObjectNamesThePath() {
    byte[] json = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [\"log4j\"]}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(failure("strings.json", json))
        .hasMessage("Cannot read strings.json at components[0]: expected a component object");
  }

  @Test
  void componentNameThatIsNotAStringNamesThePath() {
    byte[] json = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [{\"name\": {\"x\": 1}}]}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(failure("names.json", json))
        .hasMessage("Cannot read names.json at components[0].name: expected a string, found object");
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> reader.read(null, new byte[0])).hasMessage("source is null");
    assertThatThrownBy(() -> reader.read("x.json", null)).hasMessage("bytes is null");
  }

  private DocumentException failure(String source, byte[] bytes) {
    DocumentException e = catchThrowableOfType(DocumentException.class, () -> reader.read(source, bytes));
    assertThat(e).as("reading %s should fail", source).isNotNull();
    assertThat(e.source()).isEqualTo(source);
    return e;
  }
}
