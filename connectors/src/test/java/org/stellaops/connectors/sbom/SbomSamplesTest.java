package org.stellaops.connectors.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stellaops.connectors.TestData;
import org.stellaops.schemas.sbom.Component;
import org.stellaops.schemas.sbom.Sbom;
import org.stellaops.schemas.sbom.SbomFormat;

/**
 * The authored SBOM samples, one per format the reader supports (CycloneDX 1.4, 1.5 and 1.6 as
 * JSON and XML, SPDX 2.3 JSON), checked against what the files say; they need no ../shared.
 */
class SbomSamplesTest {
  private static final String WEBAPP = "cyclonedx/cdx-1.4_sample-webapp_npm";
  private static final String RUBY_IMAGE = "cyclonedx/cdx-1.5_sample-image_trivy_deb-gem";
  private static final String SERVICE = "cyclonedx/cdx-1.6_sample-service_maven-apk";
  private static final String SPDX = "spdx/spdx-2.3_sample-image_syft_rpm-maven.spdx.json";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      WEBAPP + ".json, CYCLONEDX_JSON, 1.4, 6, ''",
      WEBAPP + ".xml, CYCLONEDX_XML, 1.4, 6, ''",
      RUBY_IMAGE + ".json, CYCLONEDX_JSON, 1.5, 7, sha256:1b2c3d4e5f60718293a4b5c6d7e8f9011b2c3d4e5f60718293a4b5c6d7e8f901",
      RUBY_IMAGE + ".xml, CYCLONEDX_XML, 1.5, 7, sha256:1b2c3d4e5f60718293a4b5c6d7e8f9011b2c3d4e5f60718293a4b5c6d7e8f901",
      SERVICE + ".json, CYCLONEDX_JSON, 1.6, 5, sha256:d4e5f60718293a4b5c6d7e8f9011b2c3d4e5f60718293a4b5c6d7e8f9011b2c3",
      SERVICE + ".xml, CYCLONEDX_XML, 1.6, 5, sha256:d4e5f60718293a4b5c6d7e8f9011b2c3d4e5f60718293a4b5c6d7e8f9011b2c3",
      SPDX + ", SPDX_JSON, 2.3, 6, sha256:7e8f9011b2c3d4e5f60718293a4b5c6d7e8f9011b2c3d4e5f60718293a4b5c6d"})
  void readsEachSampleWithExactCountsAndDigest(String file, SbomFormat format, String specVersion, int components,
      String digest) throws Exception {
    Sbom sbom = read(file);

    assertThat(sbom.format()).isEqualTo(format);
    assertThat(sbom.specVersion()).isEqualTo(specVersion);
    assertThat(sbom.components()).hasSize(components);
    assertThat(sbom.imageDigest()).isEqualTo(digest.isEmpty() ? Optional.empty() : Optional.of(digest));
    assertThat(sbom.documentSha256()).matches("[0-9a-f]{64}");
  }

  @Test
  void jsonAndXmlOfEachSampleGiveTheSameComponents() throws Exception {
    for (String bom : List.of(WEBAPP, RUBY_IMAGE, SERVICE)) {
      assertThat(read(bom + ".xml").components()).as(bom).isEqualTo(read(bom + ".json").components());
    }
  }

  @Test
  void npmSampleHasScopesLicenseExpressionHashesAndNestedComponents() throws Exception {
    Sbom sbom = read(WEBAPP + ".json");

    assertThat(sbom.components()).extracting(Component::name)
        .containsExactly("express", "body-parser", "lodash", "expand-template", "@babel/core", "left-pad");
    Component express = SbomFixtures.component(sbom, "express", "4.18.2");
    assertThat(express.hashes()).containsOnlyKeys("SHA-512");
    assertThat(express.scope()).contains("required");
    Component expandTemplate = SbomFixtures.component(sbom, "expand-template", "2.0.3");
    assertThat(expandTemplate.licenses()).containsExactly("(MIT OR WTFPL)");
    assertThat(expandTemplate.scope()).contains("optional");
    assertThat(SbomFixtures.component(sbom, "@babel/core", "7.22.5").purl()).contains("pkg:npm/%40babel/core@7.22.5");
    assertThat(sbom.name()).contains("sample-webapp@1.0.0");
  }

  @Test
  void trivySampleTakesLayerDigestBeforeDiffIdAndKeepsComponentsWithoutPurl() throws Exception {
    Sbom sbom = read(RUBY_IMAGE + ".json");

    Component openssl = SbomFixtures.component(sbom, "openssl", "3.0.11-1~deb12u2");
    assertThat(openssl.layer()).contains("sha256:3c9f1a0b2d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081");
    assertThat(openssl.licenses()).containsExactly("Apache-2.0");
    assertThat(SbomFixtures.component(sbom, "libssl3", "3.0.11-1~deb12u2").layer())
        .contains("sha256:9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9");
    assertThat(SbomFixtures.component(sbom, "sample-internal-tool", "0.3.0").purl()).isEmpty();
    assertThat(sbom.components().get(0).type()).isEqualTo("operating-system");
  }

  @Test
  void syftSampleHasLayerFromSyftPropertyAndAllHashes() throws Exception {
    Sbom sbom = read(SERVICE + ".xml");

    Component log4j = SbomFixtures.component(sbom, "log4j-core", "2.14.1");
    assertThat(log4j.purl()).contains("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar");
    assertThat(log4j.hashes()).isEqualTo(Map.of("SHA-1", "9141212b8507ab50a45525b545b39d224614528b",
        "SHA-256", "ade7402a70667a727635d5c4c29495f4ff96f061f12539763f6f123973b465b0"));
    assertThat(log4j.layer()).contains("sha256:71d5e4c3b2a1908f7e6d5c4b3a2918f071d5e4c3b2a1908f7e6d5c4b3a2918f0");
    assertThat(SbomFixtures.component(sbom, "osgi-resource-locator", "1.0.1").licenses())
        .containsExactly("CDDL-1.0 OR GPL-2.0-with-classpath-exception");
  }

  @Test
  void spdxSampleKeepsPackagesWithoutPurlAndLeavesTheImageOut() throws Exception {
    Sbom sbom = read(SPDX);

    assertThat(sbom.components()).extracting(Component::name)
        .containsExactlyInAnyOrder("openssl-libs", "bash", "commons-text", "snakeyaml", "java", "rocky");
    Component openssl = SbomFixtures.component(sbom, "openssl-libs", "1:3.0.7-25.el9_3");
    assertThat(openssl.purl()).contains(
        "pkg:rpm/rocky/openssl-libs@3.0.7-25.el9_3?arch=x86_64&epoch=1&upstream=openssl-3.0.7-25.el9_3.src.rpm&distro=rocky-9.3");
    assertThat(openssl.licenses()).containsExactly("Apache-2.0");
    Component commonsText = SbomFixtures.component(sbom, "commons-text", "1.9");
    assertThat(commonsText.hashes()).isEqualTo(Map.of("SHA1", "ba6ac8c2807490944a0a27f6f8e68fb5ed2e80e2"));
    assertThat(commonsText.licenses()).isEmpty();
    assertThat(SbomFixtures.component(sbom, "java", "17.0.9+9").purl()).isEmpty();
    assertThat(SbomFixtures.component(sbom, "rocky", "9.3").type()).isEqualTo("operating-system");
  }

  private static Sbom read(String file) throws Exception {
    return new SbomReader().read(file, Files.readAllBytes(TestData.sample("sboms/" + file)));
  }
}
