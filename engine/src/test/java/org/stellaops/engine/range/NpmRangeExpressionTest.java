package org.stellaops.engine.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stellaops.engine.range.RangeExpressions.Dialect;
import org.stellaops.engine.version.SemVerScheme;
import org.stellaops.engine.version.UnparseableVersionException;

/** npm ranges expand as node-semver's documentation and source define them. */
class NpmRangeExpressionTest {

  private static String expand(String text) {
    return RangeExpressions.parse(text, Dialect.NPM).toString();
  }

  private static boolean satisfies(String version, String range) {
    return RangeExpressions.parse(range, Dialect.NPM).contains(version, SemVerScheme.npm());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "^1.2.3         | >=1.2.3 <2.0.0-0",
      "^0.2.3         | >=0.2.3 <0.3.0-0",
      "^0.0.3         | >=0.0.3 <0.0.4-0",
      "^1.2.3-beta.2  | >=1.2.3-beta.2 <2.0.0-0",
      "^0.0.3-beta    | >=0.0.3-beta <0.0.4-0",
      "^1.2.x         | >=1.2.0 <2.0.0-0",
      "^0.0.x         | >=0.0.0 <0.1.0-0",
      "^0.0           | >=0.0.0 <0.1.0-0",
      "^1.x           | >=1.0.0 <2.0.0-0",
      "^0.x           | >=0.0.0 <1.0.0-0",
      "~1.2.3         | >=1.2.3 <1.3.0-0",
      "~1.2           | >=1.2.0 <1.3.0-0",
      "~1             | >=1.0.0 <2.0.0-0",
      "~0.2.3         | >=0.2.3 <0.3.0-0",
      "~1.2.3-beta.2  | >=1.2.3-beta.2 <1.3.0-0",
      "~>1.2.3        | >=1.2.3 <1.3.0-0",
      "1.2.x          | >=1.2.0 <1.3.0-0",
      "1.x            | >=1.0.0 <2.0.0-0",
      "1.2            | >=1.2.0 <1.3.0-0",
      "*              | *",
      "''             | *",
      ">=1.x          | >=1.0.0",
      ">1.x           | >=2.0.0",
      ">1.2           | >=1.3.0",
      "<1.2           | <1.2.0-0",
      "<=1.2          | <1.3.0-0",
      "<*             | <0.0.0-0",
      "1.2.3 - 2.3.4  | >=1.2.3 <=2.3.4",
      "1.2 - 2.3.4    | >=1.2.0 <=2.3.4",
      "1.2.3 - 2.3    | >=1.2.3 <2.4.0-0",
      "1.2.3 - 2      | >=1.2.3 <3.0.0-0",
      "=1.2.3         | =1.2.3",
      "v1.2.3         | =1.2.3",
      ">= 1.2.3 < 2   | >=1.2.3 <2.0.0-0",
      ">=1.0.0 >=1.5.0 <3.0.0 <=2.0.0 | >=1.5.0 <=2.0.0",
      "1.2.3+build.5  | =1.2.3"})
  void expandsAsNodeSemverDoes(String text, String expected) {
    assertThat(expand(text)).isEqualTo(expected);
  }

  @Test
  void joinsAlternativesWithOr() {
    assertThat(expand("^1.2.3 || ~2.0.1")).isEqualTo(">=1.2.3 <2.0.0-0 || >=2.0.1 <2.1.0-0");
  }

  @Test
  void matchesReleasesInsideAndOutside() {
    assertThat(satisfies("1.9.9", "^1.2.3")).isTrue();
    assertThat(satisfies("2.0.0", "^1.2.3")).isFalse();
    assertThat(satisfies("0.2.9", "^0.2.3")).isTrue();
    assertThat(satisfies("0.3.0", "^0.2.3")).isFalse();
    assertThat(satisfies("0.0.4", "^0.0.3")).isFalse();
    assertThat(satisfies("2.3.4", "1.2.3 - 2.3.4")).isTrue();
    assertThat(satisfies("3.0.0", "<1.0.0 || >=3.0.0")).isTrue();
    assertThat(satisfies("2.0.0", "<1.0.0 || >=3.0.0")).isFalse();
  }

  @Test
  void excludesPrereleasesUnlessABoundHasOneOnTheSameTuple() {
    assertThat(satisfies("1.3.0-beta", "^1.2.3")).isFalse();
    assertThat(satisfies("1.3.0-beta", ">=1.2.3 <2.0.0")).isFalse();
    assertThat(satisfies("1.2.3-rc.1", ">=1.2.3-beta <1.3.0")).isTrue();
    assertThat(satisfies("1.2.4-rc.1", ">=1.2.3-beta <1.3.0")).isFalse();
    assertThat(satisfies("1.2.3-beta.3", "^1.2.3-beta.2")).isTrue();
    assertThat(satisfies("1.2.3-alpha", "^1.2.3-beta.2")).isFalse();
    assertThat(satisfies("2.0.0-rc.1", "<=2.0.0-rc.1")).isTrue();
    assertThat(satisfies("1.0.0-beta", "*")).isFalse();
    assertThat(satisfies("2.0.0-alpha", "^1.2.3")).isFalse();
  }

  @Test
  void thePrereleaseRuleIsNpmOnly() {
    VersionRange ghsa = RangeExpressions.parse(">=1.2.3, <2.0.0", Dialect.GHSA);
    assertThat(ghsa.contains("1.3.0-beta", SemVerScheme.npm())).isTrue();
  }

  @Test
  void reportsMalformedRangesWithTextAndIndex() {
    assertThatThrownBy(() -> RangeExpressions.parse(">=1.2.3 <2.0.0 | 3.0.0", Dialect.NPM))
        .isInstanceOf(RangeSyntaxException.class)
        .hasMessage("cannot parse npm range '>=1.2.3 <2.0.0 | 3.0.0' at index 15: single '|'; use '||' between alternatives");
    assertThatThrownBy(() -> RangeExpressions.parse("^1.02.3", Dialect.NPM))
        .hasMessage("cannot parse npm range '^1.02.3' at index 3: leading zero in '02'");
    assertThatThrownBy(() -> RangeExpressions.parse("!1.2.3", Dialect.NPM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot parse npm range '!1.2.3' at index 0: expected digits, x or *, found '!'");
    assertThatThrownBy(() -> RangeExpressions.parse("1.2.3-be_ta", Dialect.NPM))
        .hasMessageStartingWith("cannot parse npm range '1.2.3-be_ta' at index 6: invalid pre-release 'be_ta'");
    assertThatThrownBy(() -> RangeExpressions.parse("1.2.3q", Dialect.NPM))
        .hasMessage("cannot parse npm range '1.2.3q' at index 5: unexpected 'q' in version '1.2.3q'");
  }

  @Test
  void rejectsAnUnparseableVersionAtEvaluation() {
    assertThatThrownBy(() -> satisfies("1.2", "^1.0.0"))
        .isInstanceOf(UnparseableVersionException.class)
        .hasMessageContaining("cannot parse version '1.2'");
  }
}
