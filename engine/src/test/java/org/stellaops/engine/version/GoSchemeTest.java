package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

class GoSchemeTest {

  private final VersionScheme go = new GoScheme();

  @Test
  void ordersPseudoVersionsAsPrereleases() {
    assertStrictlyAscending(go,
        "v0.0.0-20191109021931-daa7c04131f5",
        "v0.0.0-20200101000000-aaaaaaaaaaaa",
        "v0.1.0",
        "v1.2.3-pre",
        "v1.2.3-pre.0.20191109021931-daa7c04131f5",
        "v1.2.3",
        "v1.2.4-0.20191109021931-daa7c04131f5",
        "v1.2.4-0.20200101000000-aaaaaaaaaaaa",
        "v1.2.4-rc.1",
        "v1.2.4",
        "v1.10.0",
        "v2.0.0+incompatible",
        "v2.1.0+incompatible",
        "v10.0.0");
  }

  @Test
  void treatsTheVPrefixAsOptional() {
    assertAllEqual(go, "1.21.9", "v1.21.9");
    assertStrictlyAscending(go, "1.21.8", "v1.21.9", "1.22.0-rc.1", "v1.22.0");
  }

  @Test
  void ignoresIncompatibleAndOtherBuildMetadata() {
    assertAllEqual(go, "v2.0.0+incompatible", "2.0.0", "v2.0.0+build.1");
  }

  @Test
  void readsShortFormsAsGolangXModSemverDoes() {
    assertAllEqual(go, "v1", "v1.0", "v1.0.0", "1", "1.0");
    assertAllEqual(go, "v0", "0.0.0");
    assertStrictlyAscending(go, "v1.2.0-rc.1", "v1.2", "v1.2.1", "v1.3");
  }

  @Test
  void rejectsInvalidVersionsWithReasons() {
    assertRejected(go, "", "empty version");
    assertRejected(go, "v", "expected digits for the major version at index 1");
    assertRejected(go, "vv1.0.0", "expected digits for the major version at index 1");
    assertRejected(go, "V1.0.0", "expected digits for the major version at index 0");
    assertRejected(go, " v1.0.0", "expected digits for the major version at index 0");
    assertRejected(go, "v1.2-pre", "expected '.' before the patch version at index 4, found '-'");
    assertRejected(go, "v1+build", "expected '.' before the minor version at index 2, found '+'");
    assertRejected(go, "v1.02.0", "leading zero in the minor version '02'");
    assertRejected(go, "v1.0.0-01", "leading zero in numeric pre-release identifier '01'");
    assertRejected(go, "v1.0.0-", "empty pre-release identifier at index 7");
    assertRejected(go, "v1.0.0+", "empty build metadata identifier at index 7");
    assertRejected(go, "v1.0.0.0", "unexpected '.' at index 6, expected '-' (pre-release), '+' (build metadata) or the end");
    assertRejected(go, "daa7c04131f5", "expected digits for the major version at index 0");
  }

  @Test
  void namesTheScheme() {
    assertThat(go.name()).isEqualTo("Go (module semver)");
  }
}
