package org.stellaops.connectors.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.sbom.Component;
import org.stellaops.schemas.sbom.Sbom;

/** SPDX 2.3 JSON, checked against values read from the fixture files by eye. */
class SpdxSbomReaderTest {
  @Test
  void syftMavenPackageHasPurlChecksumAndNoAssertedLicense() throws Exception {
    Sbom sbom = SbomFixtures.read("spdx/spdx-2.3_image-appdynamics-db-agent_syft_maven-apk.spdx.json");

    Component accessorsSmart = SbomFixtures.component(sbom, "accessors-smart", "2.4.7");
    assertThat(accessorsSmart.purl()).contains("pkg:maven/net.minidev/accessors-smart@2.4.7");
    assertThat(accessorsSmart.hashes()).isEqualTo(Map.of("SHA1", "3970cfc505e6657ca60f3aa57c849f6043000d7a"));
    assertThat(accessorsSmart.licenses()).isEmpty();
    assertThat(accessorsSmart.type()).isEqualTo("library");
    assertThat(accessorsSmart.scope()).isEmpty();
    assertThat(accessorsSmart.layer()).isEmpty();
  }

  @Test
  void syftDebPackageHasLicenseAndTheDocumentNamesTheImage() throws Exception {
    Sbom sbom = SbomFixtures.read("spdx/spdx-2.3_image-jetbrains-hub_syft_maven-deb-659pkg.spdx.json");

    Component bash = SbomFixtures.component(sbom, "bash", "5.1-2+b3");
    assertThat(bash.purl()).contains("pkg:deb/debian/bash@5.1-2+b3?arch=amd64&upstream=bash%405.1-2&distro=debian-11");
    assertThat(bash.licenses()).containsExactly("GPL-3.0-only");
    assertThat(sbom.name()).contains("jetbrains/hub@sha256:5efd5e6cd06dc53a7d70cc0517b76f4b15cb06081f31b465c95d2b80eca61d41");
  }

  @Test
  void packageWithoutPurlIsStillAComponent() throws Exception {
    Sbom sbom = SbomFixtures.read("spdx/spdx-2.3_image-circleci-dynamodb_syft_maven-rpm.spdx.json");

    assertThat(SbomFixtures.component(sbom, "java", "17.0.2+8-86").purl()).isEmpty();
  }

  @Test
  void describedMavenPackageIsKeptAsAComponent() throws Exception {
    for (String file : new String[] {
        "spdx/spdx-2.3_examplemaven-0.0.1.spdx.json", "spdx/spdx-2.3_examplemaven-0.0.1-enriched.spdx.json"}) {
      Sbom sbom = SbomFixtures.read(file);

      Component root = SbomFixtures.component(sbom, "examplemaven", "0.0.1");
      assertThat(root.licenses()).as(file).containsExactly("Apache-2.0");
      assertThat(root.hashes()).as(file).isEqualTo(Map.of("SHA1", "b8a7e6c75001e6d78625cfc9a3103bf121abf8b4"));
      assertThat(root.type()).as(file).isEqualTo("library");
      assertThat(SbomFixtures.component(sbom, "JUnit", "3.8.1").licenses()).as(file).containsExactly("CPL-1.0");
      assertThat(sbom.name()).as(file).contains("examplemaven");
      assertThat(sbom.imageDigest()).as(file).isEmpty();
    }
  }

  @Test
  void describedImagePackageIsTheSubjectNotAComponent() throws Exception {
    String json = """
        {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "alpine:3.16",
         "packages": [
           {"SPDXID": "SPDXRef-image", "name": "alpine", "versionInfo": "3.16",
            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
              "referenceLocator": "pkg:oci/alpine@sha256%3Abc41182d7ef5ffc53a40b044e725193bc10142a1243f395ee852a8d9730fc2ad"}]},
           {"SPDXID": "SPDXRef-os", "name": "alpine", "versionInfo": "3.16.2", "primaryPackagePurpose": "OPERATING-SYSTEM"}],
         "relationships": [
           {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-image"}]}
        """;

    Sbom sbom = new SbomReader().read("image.spdx.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(sbom.components()).singleElement().satisfies(os -> {
      assertThat(os.version()).contains("3.16.2");
      assertThat(os.type()).isEqualTo("operating-system");
    });
    assertThat(sbom.imageDigest()).contains("sha256:bc41182d7ef5ffc53a40b044e725193bc10142a1243f395ee852a8d9730fc2ad");
  }

  @Test
  void describedContainerPackageGivesItsSha256Checksum() throws Exception {
    String json = """
        {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "my-image", "documentDescribes": ["SPDXRef-image"],
         "packages": [{"SPDXID": "SPDXRef-image", "name": "my-image", "primaryPackagePurpose": "CONTAINER",
           "checksums": [{"algorithm": "SHA256",
             "checksumValue": "9C6F0724472873BB50A2AE67A9E7ADCB57673A183CEA8B06EB778DCA859181B5"}]}]}
        """;

    Sbom sbom = new SbomReader().read("container.spdx.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(sbom.components()).isEmpty();
    assertThat(sbom.imageDigest()).contains("sha256:9c6f0724472873bb50a2ae67a9e7adcb57673a183cea8b06eb778dca859181b5");
  }
}
