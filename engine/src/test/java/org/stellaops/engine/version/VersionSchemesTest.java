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
    assertThat(VersionSchemes.forEcosystem("PyPI")).get().isInstanceOf(Pep440Scheme.class);
    assertThat(VersionSchemes.forEcosystem("Maven")).get().isInstanceOf(MavenScheme.class);
    assertThat(VersionSchemes.forEcosystem("Go")).get().isInstanceOf(GoScheme.class);
  }

  @Test
  void ignoresASuffixAfterTheColon() {
    assertThat(VersionSchemes.forEcosystem("Maven:central")).get().isInstanceOf(MavenScheme.class);
    assertThat(VersionSchemes.forEcosystem("Maven:https://repo.maven.apache.org/maven2"))
        .get().isInstanceOf(MavenScheme.class);
    assertThat(VersionSchemes.forEcosystem("PyPI:")).get().isInstanceOf(Pep440Scheme.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pypi", "NPM", "go", "maven", "crates", "Debian", "Debian:11", "Alpine:v3.18", "", ":npm", " npm"})
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
