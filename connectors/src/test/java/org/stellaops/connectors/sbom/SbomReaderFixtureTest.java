package org.stellaops.connectors.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.schemas.sbom.Sbom;
import org.stellaops.schemas.sbom.SbomFormat;

/**
 * Every fixture SBOM against what reading the file by hand shows. The fixtures README counts XML
 * {@code <component>} elements, so its XML figures include {@code metadata.component} (one more
 * than ours: 168, 17, 138, 63, 2185); its JSON figures count {@code components} like we do.
 */
class SbomReaderFixtureTest {
  private static final String NONE = "";

  /** trivy's ImageID (the config digest): these golden files scan a tarball, so there is no RepoDigest. */
  private static final String FLUENTD_IMAGE_ID =
      "sha256:5a992077baba51b97f27591a10d54d2f2723dc9c81a3fe419e261023f2554933";

  record Expected(String file, SbomFormat format, String specVersion, int components, String imageDigest) {
    @Override
    public String toString() {
      return file;
    }
  }

  static List<Expected> fixtures() {
    return List.of(
        cdxJson("cdx-1.2_dropwizard-1.3.15_maven.json", "1.2", 167, NONE),
        cdxXml("cdx-1.2_dropwizard-1.3.15_maven.xml", "1.2", 167, NONE),
        cdxJson("cdx-1.2_keycloak-10.0.2_maven-903comp.json", "1.2", 903, NONE),
        cdxJson("cdx-1.4_laravel-7.12.0_composer.json", "1.4", 62, NONE),
        cdxXml("cdx-1.4_laravel-7.12.0_composer.xml", "1.4", 62, NONE),
        cdxJson("cdx-1.4_juice-shop-flat_npm-1115comp.json", "1.4", 1115, NONE),
        cdxJson("cdx-1.4_dependency-track-apiserver-4.5.0_maven.json", "1.4", 132, NONE),
        cdxXml("cdx-1.4_image-postgres-stretch_syft_deb.xml", "1.4", 137,
            "sha256:84ac18036f93e18c3d8165e4fd9d9885924bb71beeab042dd50443d4f88fcdda"),
        cdxXml("cdx-1.4_image-alpine_syft_apk.xml", "1.4", 16,
            "sha256:fd6275a37d2472b9d3be70c3261087b8d65e441c21342ae7313096312bcda2b3"),
        cdxJson("cdx-1.5_image-fluentd_trivy_deb-gem.json", "1.5", 161, FLUENTD_IMAGE_ID),
        cdxJson("cdx-1.6_image-fluentd_trivy_deb-gem.json", "1.6", 161, FLUENTD_IMAGE_ID),
        cdxJson("cdx-1.7_image-fluentd_trivy_deb-gem.json", "1.7", 161, FLUENTD_IMAGE_ID),
        cdxJson("cdx-1.6_pom_trivy_maven.json", "1.6", 3, NONE),
        cdxXml("cdx-1.5_dt-issue2519_npm-maven-2185comp.xml", "1.5", 2184, NONE),
        cdxJson("cdx-1.6_dt-issue4455_trivy-image.json", "1.6", 23,
            "sha256:6f18d4201ce58358a69382379a2788dec85de3f8a75c2fcb83e211f3243ec8a5"),
        spdx("spdx-2.3_examplemaven-0.0.1.spdx.json", 6, NONE),
        spdx("spdx-2.3_examplemaven-0.0.1-enriched.spdx.json", 6, NONE),
        spdx("spdx-2.3_image-jetbrains-hub_syft_maven-deb-659pkg.spdx.json", 659,
            "sha256:5efd5e6cd06dc53a7d70cc0517b76f4b15cb06081f31b465c95d2b80eca61d41"),
        spdx("spdx-2.3_image-appdynamics-db-agent_syft_maven-apk.spdx.json", 439,
            "sha256:bc159ad8c2225a4f312ae4325827ebd27a4bfd568e89aa9ce08c716f63de4e67"),
        spdx("spdx-2.3_image-circleci-dynamodb_syft_maven-rpm.spdx.json", 213,
            "sha256:70d06038975a535fe300b5f33a76658ef5675f6fa4de437a8c64927549a4838c"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void readsFixtureWithExactCountsAndDigest(Expected expected) throws Exception {
    Sbom sbom = SbomFixtures.read(expected.file());

    assertThat(sbom.format()).isEqualTo(expected.format());
    assertThat(sbom.specVersion()).isEqualTo(expected.specVersion());
    assertThat(sbom.components()).hasSize(expected.components());
    assertThat(sbom.imageDigest())
        .isEqualTo(expected.imageDigest().isEmpty() ? Optional.empty() : Optional.of(expected.imageDigest()));
    assertThat(sbom.documentSha256()).matches("[0-9a-f]{64}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void sameBytesGiveAnEqualRecord(Expected expected) throws Exception {
    byte[] bytes = SbomFixtures.bytes(expected.file());

    Sbom first = new SbomReader().read(expected.file(), bytes);
    Sbom second = new SbomReader().read(expected.file(), bytes.clone());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void tableCoversEveryFixtureFile() throws IOException {
    Path root = SbomFixtures.root();
    try (Stream<Path> files = Files.walk(root)) {
      List<String> names =
          files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
      assertThat(names).hasSize(20).containsExactlyInAnyOrderElementsOf(fixtures().stream().map(Expected::file).toList());
    }
  }

  @Test
  void documentSha256IsTheHashOfTheBytes() throws Exception {
    String file = "cyclonedx/cdx-1.6_pom_trivy_maven.json";

    assertThat(SbomFixtures.read(file).documentSha256()).isEqualTo(manifestSha256(file));
  }

  /** The sha256 column of fixtures/MANIFEST.csv, which was computed independently of this code. */
  private static String manifestSha256(String file) throws IOException {
    Path manifest = SbomFixtures.root().resolveSibling("MANIFEST.csv");
    String row = Files.readAllLines(manifest).stream()
        .filter(line -> line.startsWith("sboms/" + file + ","))
        .findFirst()
        .orElseThrow();
    return Stream.of(row.split(",")).filter(cell -> cell.matches("[0-9a-f]{64}")).findFirst().orElseThrow();
  }

  private static Expected cdxJson(String file, String specVersion, int components, String digest) {
    return new Expected("cyclonedx/" + file, SbomFormat.CYCLONEDX_JSON, specVersion, components, digest);
  }

  private static Expected cdxXml(String file, String specVersion, int components, String digest) {
    return new Expected("cyclonedx/" + file, SbomFormat.CYCLONEDX_XML, specVersion, components, digest);
  }

  private static Expected spdx(String file, int components, String digest) {
    return new Expected("spdx/" + file, SbomFormat.SPDX_JSON, "2.3", components, digest);
  }
}
