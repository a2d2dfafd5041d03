package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

class ComposerSchemeTest {

  private final VersionScheme composer = new ComposerScheme();

  @Test
  void ordersStabilitiesDevAlphaBetaRcStablePatch() {
    assertStrictlyAscending(composer,
        "0.9.9",
        "1.0.0-dev",
        "1.0.0-alpha1-dev",
        "1.0.0-alpha1",
        "1.0.0-alpha2",
        "1.0.0-beta1",
        "1.0.0-beta10",
        "1.0.0-RC1",
        "1.0.0-RC2",
        "1.0.0",
        "1.0.0-patch1",
        "1.0.0.1",
        "1.0.1",
        "1.0.x-dev",
        "1.1",
        "1.x-dev",
        "2.0",
        "20240101");
  }

  @Test
  void normalisesPrefixesShortFormsAndSpellings() {
    assertAllEqual(composer, "1", "1.0", "1.0.0", "v1.0.0.0", " 1.0.0 ", "1.0.0+build.5", "1.0.0-stable", "1.0.0@stable");
    assertAllEqual(composer, "1.0.0-RC1", "1.0.0RC1", "1.0.0-rc.1", "1.0.0.RC-1", "v1.0-rc1");
    assertAllEqual(composer, "2.1.0-b2", "2.1.0-beta2", "2.1.0beta.2");
    assertAllEqual(composer, "1.2.3-p1", "1.2.3-pl1", "1.2.3-patch1");
    assertAllEqual(composer, "2.x-dev", "2.*-dev", "v2.x.x-dev");
  }

  @Test
  void rejectsBranchesAndNonVersionsWithReasons() {
    String hint = "not a Composer version (expected e.g. 1.2.3, v1.2.3-beta1, 1.2.x-dev)";
    assertRejected(composer, "dev-main", "'dev-main' is a branch, which Composer does not order against versions");
    assertRejected(composer, "master", "'master' is a branch, which Composer does not order against versions");
    assertRejected(composer, "", hint);
    assertRejected(composer, "1.0.0-gamma", hint);
    assertRejected(composer, "1.0.0.0.0", hint);
    assertRejected(composer, "feature-dev", hint);
    assertRejected(composer, "8.x-1.0", hint);
  }

  @Test
  void comparesNormalisedFormsAsPhpVersionCompare() {
    assertThat(PhpVersionCompare.compare("1.0.0.0-alpha1", "1.0.0.0")).isNegative();
    assertThat(PhpVersionCompare.compare("1.0.0.0-patch1", "1.0.0.0")).isPositive();
    assertThat(PhpVersionCompare.compare("1.0.0.0-dev", "1.0.0.0-alpha")).isNegative();
    assertThat(PhpVersionCompare.compare("1.0.0.0-foo", "1.0.0.0-dev")).isNegative();
    assertThat(PhpVersionCompare.compare("1.0", "1.0.0")).isNegative();
  }

  @Test
  void namesTheScheme() {
    assertThat(composer.name()).isEqualTo("Packagist (Composer)");
  }
}
