package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

/** Hex, SwiftURL and Pub: the ecosystems whose versions are SemVer with a twist. */
class SemVerVariantSchemesTest {

  private final VersionScheme hex = new HexScheme();
  private final VersionScheme swift = new SwiftUrlScheme();
  private final VersionScheme pub = new PubScheme();

  @Test
  void hexIsStrictSemVerIgnoringBuildMetadata() {
    assertStrictlyAscending(hex, "0.0.1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.10", "10.0.0");
    assertAllEqual(hex, "1.0.0", "1.0.0+build.1", "1.0.0+0.3.7");
    assertRejected(hex, "v1.0.0", "expected digits for the major version at index 0");
    assertRejected(hex, "1.0", "expected '.' before the patch version at index 3, found the end");
    assertRejected(hex, "01.0.0", "leading zero in the major version '01'");
    assertThat(hex.name()).isEqualTo("Hex (Elixir Version)");
  }

  @Test
  void swiftUrlAcceptsOneLeadingV() {
    assertStrictlyAscending(swift, "1.0.0-beta.1", "v1.0.0-rc.1", "1.0.0", "v1.2.3", "2.39.1", "v2.42.0");
    assertAllEqual(swift, "2.42.0", "v2.42.0", "2.42.0+abc");
    assertRejected(swift, "vv1.0.0", "expected digits for the major version at index 1");
    assertRejected(swift, " 1.0.0", "expected digits for the major version at index 0");
    assertRejected(swift, "1.2", "expected '.' before the patch version at index 3, found the end");
    assertThat(swift.name()).isEqualTo("SwiftURL (SwiftPM semver)");
  }

  @Test
  void pubSortsBuildMetadataAfterTheBareVersion() {
    assertStrictlyAscending(pub, "0.9.0", "1.0.0-dev", "1.0.0-dev.2", "1.0.0-dev.10", "1.0.0-rc", "1.0.0",
        "1.0.0+1", "1.0.0+2", "1.0.0+10", "1.0.0+a", "1.0.0+a.1", "1.0.1-0", "1.0.1");
    assertAllEqual(pub, "1.0.0-01", "1.0.0-1", "01.0.0-1");
    assertThat(pub.compare("1.0.0+build", "1.0.0")).isPositive();
  }

  @Test
  void pubRejectsWhatPubSemverRejects() {
    String grammar = "not MAJOR.MINOR.PATCH with optional -pre-release and +build of [0-9A-Za-z-] identifiers";
    assertRejected(pub, "", "empty version");
    assertRejected(pub, "v1.0.0", "a leading 'v' is not part of a pub version;"
        + " pub_semver's Version.parse refuses it (the version is 1.0.0)");
    assertRejected(pub, "V2.1.0-dev.1+3", "a leading 'V' is not part of a pub version;"
        + " pub_semver's Version.parse refuses it (the version is 2.1.0-dev.1+3)");
    assertRejected(pub, "v1.0", grammar);
    assertRejected(pub, "vv1.0.0", grammar);
    assertRejected(pub, "1x0x0", grammar);
    assertRejected(pub, "1.0", grammar);
    assertRejected(pub, "1.0.0-", grammar);
    assertRejected(pub, "1.0.0+a..b", grammar);
    assertRejected(pub, " 1.0.0", grammar);
    assertRejected(pub, "9223372036854775808.0.0", "number '9223372036854775808' does not fit in 64 bits");
    assertRejected(pub, "1.0.18446744073709551616", "number '18446744073709551616' does not fit in 64 bits");
    pub.validate("9223372036854775807.0.0");
    assertThat(pub.name()).isEqualTo("Pub (pub_semver)");
  }
}
