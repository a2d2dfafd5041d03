package org.stellaops.engine.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EcosystemsTest {

  @Test
  void mavenJoinsGroupAndArtifactWithAColon() {
    assertThat(Ecosystems.fromPurl("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))
        .contains(key("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"));
  }

  @Test
  void mavenQualifiersDoNotChangeTheKey() {
    assertThat(Ecosystems.fromPurl("pkg:maven/org.yaml/snakeyaml@1.33?type=jar"))
        .contains(key("Maven", "org.yaml:snakeyaml", "1.33"));
  }

  @Test
  void npmKeepsTheScopeOfScopedPackages() {
    assertThat(Ecosystems.fromPurl("pkg:npm/%40babel/traverse@7.23.0"))
        .contains(key("npm", "@babel/traverse", "7.23.0"));
    assertThat(Ecosystems.fromPurl("pkg:npm/lodash@4.17.21"))
        .contains(key("npm", "lodash", "4.17.21"));
  }

  @Test
  void pypiNamesAreNormalisedPerPep503() {
    assertThat(Ecosystems.fromPurl("pkg:pypi/Jinja2@2.10")).contains(key("PyPI", "jinja2", "2.10"));
    assertThat(Ecosystems.fromPurl("pkg:pypi/zope.interface@5.4.0"))
        .contains(key("PyPI", "zope-interface", "5.4.0"));
    assertThat(Ecosystems.fromPurl("pkg:pypi/Typing_Extensions@4.0.0"))
        .contains(key("PyPI", "typing-extensions", "4.0.0"));
  }

  @Test
  void golangJoinsTheNamespaceWithASlash() {
    assertThat(Ecosystems.fromPurl("pkg:golang/golang.org/x/net@v0.17.0"))
        .contains(key("Go", "golang.org/x/net", "v0.17.0"));
    assertThat(Ecosystems.fromPurl("pkg:golang/github.com/gin-gonic/gin@v1.9.0"))
        .contains(key("Go", "github.com/gin-gonic/gin", "v1.9.0"));
  }

  @Test
  void cargoIsCratesIoWithLowerCaseNames() {
    assertThat(Ecosystems.fromPurl("pkg:cargo/tokio@1.35.1")).contains(key("crates.io", "tokio", "1.35.1"));
    assertThat(Ecosystems.fromPurl("pkg:cargo/Inflector@0.11.4")).contains(key("crates.io", "inflector", "0.11.4"));
  }

  @Test
  void debianPackagesMapToDebian() {
    assertThat(Ecosystems.fromPurl("pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?arch=amd64&distro=debian-11"))
        .contains(new PackageKey("Debian", "openssl", Optional.of("1.1.1n-0+deb11u3"), Optional.of("11")));
  }

  @Test
  void ubuntuIsNotDebian() {
    assertThat(Ecosystems.fromPurl("pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.10"))
        .contains(key("Ubuntu", "openssl", "3.0.2-0ubuntu1.10"));
  }

  @Test
  void alpinePackagesMapToAlpine() {
    assertThat(Ecosystems.fromPurl("pkg:apk/alpine/busybox@1.36.1-r2?arch=x86_64&distro=3.18.4"))
        .contains(new PackageKey("Alpine", "busybox", Optional.of("1.36.1-r2"), Optional.of("3.18")));
  }

  @Test
  void redHatPackagesMapToRedHat() {
    assertThat(Ecosystems.fromPurl("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64"))
        .contains(key("Red Hat", "openssl-libs", "3.0.7-24.el9"));
  }

  @Test
  void syftsOsReleaseNamespacesAndLegacyAlpineTypeMap() {
    assertThat(Ecosystems.fromPurl("pkg:rpm/ol/audit-libs@3.0-0.17.el8?arch=x86_64&distro=ol-8.5"))
        .contains(new PackageKey("Oracle Linux", "audit-libs", Optional.of("3.0-0.17.el8"), Optional.of("8")));
    assertThat(Ecosystems.fromPurl("pkg:rpm/rhel/bash@5.1.8-6.el9?distro=rhel-9.2")).map(PackageKey::ecosystem).contains("Red Hat");
    assertThat(Ecosystems.fromPurl("pkg:rpm/amzn/curl@8.3.0-1.amzn2023")).map(PackageKey::ecosystem).contains("Amazon Linux");
    assertThat(Ecosystems.fromPurl("pkg:rpm/sles/zlib@1.2.11")).map(PackageKey::ecosystem).contains("SUSE");
    assertThat(Ecosystems.fromPurl("pkg:rpm/opensuse-leap/zlib@1.2.11")).map(PackageKey::ecosystem).contains("openSUSE");
    assertThat(Ecosystems.fromPurl("pkg:alpine/apk-tools@2.12.7-r3?arch=x86_64&upstream=apk-tools&distro=alpine-3.15.6"))
        .contains(new PackageKey("Alpine", "apk-tools", Optional.of("2.12.7-r3"), Optional.of("3.15")));
  }

  @Test
  void distroNamespacesAreCaseInsensitive() {
    assertThat(Ecosystems.fromPurl("pkg:rpm/RedHat/bash@5.1.8-6.el9"))
        .map(PackageKey::ecosystem)
        .contains("Red Hat");
  }

  @Test
  void aPurlWithoutVersionHasAnEmptyVersion() {
    assertThat(Ecosystems.fromPurl("pkg:npm/lodash")).contains(new PackageKey("npm", "lodash", Optional.empty()));
  }

  @Test
  void unknownTypesAndDistrosAreEmpty() {
    assertThat(Ecosystems.fromPurl("pkg:generic/foo@1")).isEmpty();
    assertThat(Ecosystems.fromPurl("pkg:deb/unknown-distro/foo@1")).isEmpty();
    assertThat(Ecosystems.fromPurl("pkg:deb/foo@1")).isEmpty();
  }

  @Test
  void malformedPurlsAreEmpty() {
    assertThat(Ecosystems.fromPurl("not a purl")).isEmpty();
    assertThat(Ecosystems.fromPurl("pkg:")).isEmpty();
    assertThat(Ecosystems.fromPurl("pkg:npm/")).isEmpty();
    assertThat(Ecosystems.fromPurl("")).isEmpty();
  }

  @Test
  void baseEcosystemDropsTheReleaseSuffix() {
    assertThat(Ecosystems.baseEcosystem("Debian:11")).isEqualTo("Debian");
    assertThat(Ecosystems.baseEcosystem("Alpine:v3.18")).isEqualTo("Alpine");
    assertThat(Ecosystems.baseEcosystem("npm")).isEqualTo("npm");
  }

  @Test
  void productKeyJoinsEcosystemAndName() {
    assertThat(key("Maven", "org.yaml:snakeyaml", "1.33").productKey()).isEqualTo("Maven/org.yaml:snakeyaml");
  }

  private static PackageKey key(String ecosystem, String name, String version) {
    return new PackageKey(ecosystem, name, Optional.of(version));
  }
}
