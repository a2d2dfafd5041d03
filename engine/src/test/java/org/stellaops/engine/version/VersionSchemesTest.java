package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionSchemesTest {

  @Test
  void mapsOsvEcosystemsToSchemes() {
    assertThat(VersionSchemes.forEcosystem("npm")).containsSame(SemVerScheme.npm());
    assertThat(VersionSchemes.forEcosystem("crates.io")).containsSame(SemVerScheme.cratesIo());
    assertThat(VersionSchemes.forEcosystem("PyPI")).get().isInstanceOf(PypiScheme.class);
    assertThat(VersionSchemes.forEcosystem("Maven")).get().isInstanceOf(MavenScheme.class);
    assertThat(VersionSchemes.forEcosystem("Go")).get().isInstanceOf(GoScheme.class);
  }

  @Test
  void ignoresASuffixAfterTheColon() {
    assertThat(VersionSchemes.forEcosystem("Maven:central")).get().isInstanceOf(MavenScheme.class);
    assertThat(VersionSchemes.forEcosystem("Maven:https://repo.maven.apache.org/maven2"))
        .get().isInstanceOf(MavenScheme.class);
    assertThat(VersionSchemes.forEcosystem("PyPI:")).get().isInstanceOf(PypiScheme.class);
  }

  @Test
  void distroAndOtherEcosystemsUseTheirOwnOrder() {
    assertThat(VersionSchemes.forEcosystem("Debian:12")).get().isInstanceOf(DpkgScheme.class);
    assertThat(VersionSchemes.forEcosystem("Ubuntu:Pro:22.04:LTS")).get().isInstanceOf(DpkgScheme.class);
    assertThat(VersionSchemes.forEcosystem("AlmaLinux:9")).get().isInstanceOf(RpmScheme.class);
    assertThat(VersionSchemes.forEcosystem("Rocky Linux:8")).get().isInstanceOf(RpmScheme.class);
    assertThat(VersionSchemes.forEcosystem("Alpine:v3.20")).get().isInstanceOf(ApkScheme.class);
    assertThat(VersionSchemes.forEcosystem("Chainguard")).get().isInstanceOf(ApkScheme.class);
    assertThat(VersionSchemes.forEcosystem("RubyGems")).get().isInstanceOf(RubyGemsScheme.class);
    assertThat(VersionSchemes.forEcosystem("Packagist")).get().isInstanceOf(ComposerScheme.class);
    assertThat(VersionSchemes.ecosystems()).contains("CRAN", "Hackage", "Hex", "NuGet", "Pub", "SwiftURL", "Bitnami");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pypi", "NPM", "go", "maven", "crates", "Photon OS", "Mageia:9", "openEuler:22.03-LTS", "debian", "", ":npm", " npm"})
  void returnsEmptyForEcosystemsWithoutAScheme(String ecosystem) {
    assertThat(VersionSchemes.forEcosystem(ecosystem)).isEmpty();
  }

  @Test
  void usesTheNodeFlavourForSemverRanges() {
    VersionScheme semver = VersionSchemes.semver().orElseThrow();
    assertThat(semver.compare("v1.2.3", "1.2.3")).isZero();
    assertThat(semver.compare("1.0.0-rc.1", "1.0.0")).isNegative();
  }

  @Test
  void rejectsNullEcosystem() {
    assertThatNullPointerException().isThrownBy(() -> VersionSchemes.forEcosystem(null)).withMessage("osvEcosystem is null");
  }
}
