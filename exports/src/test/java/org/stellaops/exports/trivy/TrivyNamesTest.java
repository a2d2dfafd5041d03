package org.stellaops.exports.trivy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bucket names and package names as Trivy asks for them (../shared/specs/trivy-db.md §2.2, §2.3). */
class TrivyNamesTest {

  @Test
  void languageBucketsArePrefixAndSourceDistributionBucketsAreOsAndRelease() {
    assertThat(TrivyNames.bucket("npm", "Stella Ops").name()).contains("npm::Stella Ops");
    assertThat(TrivyNames.bucket("PyPI", "Stella Ops").name()).contains("pip::Stella Ops");
    assertThat(TrivyNames.bucket("crates.io", "Stella Ops").name()).contains("cargo::Stella Ops");
    assertThat(TrivyNames.bucket("Packagist", "Stella Ops").name()).contains("composer::Stella Ops");
    assertThat(TrivyNames.bucket("Hex", "Stella Ops").name()).contains("erlang::Stella Ops");
    assertThat(TrivyNames.bucket("Debian:12", "x").name()).contains("debian 12");
    assertThat(TrivyNames.bucket("Debian:11.7", "x").name()).as("Trivy asks for the major release").contains("debian 11");
    assertThat(TrivyNames.bucket("Ubuntu:22.04:LTS", "x").name()).contains("ubuntu 22.04");
    assertThat(TrivyNames.bucket("Alpine:v3.18", "x").name()).contains("alpine 3.18");
    assertThat(TrivyNames.bucket("AlmaLinux:8", "x").name()).contains("alma 8");
    assertThat(TrivyNames.bucket("Rocky Linux:9", "x").name()).contains("rocky 9");
    assertThat(TrivyNames.bucket("Wolfi", "x").name()).contains("wolfi");
    assertThat(TrivyNames.bucket("Chainguard", "x").name()).contains("chainguard");
    assertThat(TrivyNames.isLanguage("Maven")).isTrue();
    assertThat(TrivyNames.isLanguage("Debian:12")).isFalse();
  }

  @Test
  void anEcosystemTrivyDoesNotReadSaysWhy() {
    TrivyNames.Bucket none = TrivyNames.bucket("Hackage", "x");
    assertThat(none.name()).isEmpty();
    assertThat(none.reason()).isEqualTo("Trivy reads no bucket for ecosystem Hackage");
    assertThat(TrivyNames.bucket("Debian", "x").reason()).isEqualTo("release not given as Trivy asks for it: Debian");
    assertThat(TrivyNames.bucket("Ubuntu:Pro:22.04:LTS", "x").reason()).isEqualTo("release not given as Trivy asks for it: Ubuntu:Pro:22.04:LTS");
  }

  @Test
  void packageNamesAreNormalisedAsTrivyNormalisesBeforeALookup() {
    assertThat(TrivyNames.packageName("npm", "@Scope/Left-Pad")).isEqualTo("@scope/left-pad");
    assertThat(TrivyNames.packageName("PyPI", "Zope_Interface.Ext")).isEqualTo("zope-interface.ext");
    assertThat(TrivyNames.packageName("Maven", "org.Apache:Log4J-Core")).isEqualTo("org.apache:log4j-core");
    assertThat(TrivyNames.packageName("Go", "github.com/BurntSushi/toml")).isEqualTo("github.com/BurntSushi/toml");
    assertThat(TrivyNames.packageName("SwiftURL", "https://github.com/Apple/swift-nio.git"))
        .isEqualTo("github.com/Apple/swift-nio");
    assertThat(TrivyNames.packageName("Debian:12", "OpenSSL")).as("distribution names stay").isEqualTo("OpenSSL");
  }
}
