package org.stellaops.engine.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DistroReleasesTest {

  @Test
  void purlQualifiersAndOsvSuffixesMeetInOneSpelling() {
    assertThat(DistroReleases.fromQualifier("Debian", "debian-10.2")).contains("10");
    assertThat(DistroReleases.fromOsvEcosystem("Debian:10")).contains("10");
    assertThat(DistroReleases.fromQualifier("Alpine", "alpine-3.17.2")).contains("3.17");
    assertThat(DistroReleases.fromQualifier("Alpine", "3.20.3")).contains("3.20");
    assertThat(DistroReleases.fromOsvEcosystem("Alpine:v3.20")).contains("3.20");
    assertThat(DistroReleases.fromQualifier("Ubuntu", "ubuntu-22.04")).contains("22.04");
    assertThat(DistroReleases.fromOsvEcosystem("Ubuntu:Pro:22.04:LTS")).contains("22.04");
    assertThat(DistroReleases.fromOsvEcosystem("AlmaLinux:9")).contains("9");
    assertThat(DistroReleases.fromQualifier("Oracle Linux", "ol-8.5")).contains("8");
  }

  @Test
  void ecosystemsWithoutReleasesHaveNone() {
    assertThat(DistroReleases.fromOsvEcosystem("npm")).isEmpty();
    assertThat(DistroReleases.fromOsvEcosystem("Maven:central")).isEmpty();
    assertThat(DistroReleases.fromQualifier("Debian", "")).isEmpty();
    assertThat(DistroReleases.fromQualifier("Debian", "sid")).isEmpty();
  }

  @Test
  void onlyDifferentKnownReleasesAreIncompatible() {
    assertThat(DistroReleases.compatible(Optional.of("11"), Optional.of("12"))).isFalse();
    assertThat(DistroReleases.compatible(Optional.of("12"), Optional.of("12"))).isTrue();
    assertThat(DistroReleases.compatible(Optional.empty(), Optional.of("12"))).isTrue();
    assertThat(DistroReleases.compatible(Optional.of("12"), Optional.empty())).isTrue();
  }

  @Test
  void purlsCarryTheirRelease() {
    assertThat(Ecosystems.fromPurl("pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?arch=amd64&distro=debian-11"))
        .get().extracting(PackageKey::release).isEqualTo(Optional.of("11"));
    assertThat(Ecosystems.fromPurl("pkg:npm/lodash@4.17.21")).get().extracting(PackageKey::release).isEqualTo(Optional.empty());
  }
}
