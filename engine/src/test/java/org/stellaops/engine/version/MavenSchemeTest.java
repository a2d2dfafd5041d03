package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

class MavenSchemeTest {

  private final VersionScheme maven = new MavenScheme();

  @Test
  void ordersQualifiersAsMavenDoes() {
    assertStrictlyAscending(maven,
        "1-alpha", "1-alpha-1", "1-alpha-2", "1-alpha-10", "1-beta", "1-milestone", "1-rc", "1-snapshot",
        "1", "1-sp", "1-abc", "1-xyz", "1-1", "1.0.1", "1.1-SNAPSHOT", "1.1", "2");
  }

  @Test
  void ordersNumericSegmentsNumerically() {
    assertStrictlyAscending(maven, "1.9", "1.10", "1.10.1", "2.0", "10.0", "99999999999999999999");
  }

  @Test
  void treatsMavenAliasesAsEqual() {
    assertAllEqual(maven, "1", "1.0", "1.0.0", "1-ga", "1-final", "1-release", "1.0.0.RELEASE", "1.0.0.Final", "1.0.0.GA");
    assertAllEqual(maven, "1.0-RC1", "1.0-rc1", "1.0-cr1", "1.0.0-rc-1");
    assertAllEqual(maven, "1a1", "1-a1", "1-alpha-1");
  }

  /**
   * ComparableVersion is not transitive; recorded so that a Maven upgrade that changes this shows
   * up here. Sorting many such versions can make {@code List.sort} throw "Comparison method
   * violates its general contract".
   */
  @Test
  void inheritsComparableVersionsCycles() {
    assertThat(maven.compare("1-rc", "1.0")).isNegative();
    assertThat(maven.compare("1.0", "1.jre-a")).isNegative();
    assertThat(maven.compare("1.jre-a", "1-rc")).isNegative();

    assertThat(maven.compare("0alpha", "0")).isNegative();
    assertThat(maven.compare("0", "sp")).isNegative();
    assertThat(maven.compare("sp", "0alpha")).isNegative();
  }

  /**
   * Mixed separators, as {@code ComparableVersion} of maven-artifact 3.9.9 orders them: only
   * {@code .} and {@code -} (and digit/letter boundaries) separate; {@code _} is a character of a
   * qualifier, so {@code _beta} is an unknown qualifier that sorts above the release.
   */
  @Test
  void ordersMixedSeparatorsAsComparableVersion399Does() {
    assertStrictlyAscending(maven, "1.0-beta", "1.0", "1.0_alpha", "1.0_beta");
    assertThat(maven.compare("1_0", "1.0")).isPositive();
    assertThat(maven.compare("1.0-beta_1", "1.0-beta-1")).isPositive();
    assertThat(maven.compare("1.0-rc_1", "1.0-rc1")).isPositive();
    assertThat(maven.compare("1.0_01", "1.0-01")).isNegative();
    assertThat(maven.compare("1.0.0-alpha.1_2", "1.0.0-alpha-1-2")).isPositive();
    assertAllEqual(maven, "1.0.0.x", "1.0.0-x");
  }

  /** Pairs that Maven 3.2.5's ComparableVersion ordered differently; 3.9.x gives these results. */
  @Test
  void followsMaven39WhereOlderReleasesDiffer() {
    assertThat(maven.compare("9.0.0.M1", "9.0.0-M11")).isNegative();
    assertAllEqual(maven, "1.0.RELEASE", "1.0");
    assertAllEqual(maven, "1.0.a1", "1.0-alpha-1");
  }

  @Test
  void acceptsWhitespaceAsComparableVersionDoes() {
    maven.validate(" 1.0");
    assertThat(maven.compare(" 1.0", "1.0")).isNegative();
  }

  @Test
  void acceptsAnyNonBlankString() {
    maven.validate("v3.9.0RC1");
    maven.validate("0.0.1-test1");
    maven.validate("not a version at all");
  }

  @Test
  void rejectsBlankVersions() {
    String reason = "blank version; Maven refuses a POM whose <version> is blank, so no Maven artifact has one";
    assertRejected(maven, "", reason);
    assertRejected(maven, "  \t", reason);
  }

  @Test
  void rejectsNullWithAMessage() {
    assertThatNullPointerException().isThrownBy(() -> maven.validate(null)).withMessage("version is null");
  }

  @Test
  void namesTheScheme() {
    assertThat(maven.name()).isEqualTo("Maven (ComparableVersion)");
  }
}
