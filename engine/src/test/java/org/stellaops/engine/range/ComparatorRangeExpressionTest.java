package org.stellaops.engine.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.stellaops.engine.range.RangeExpressions.Dialect;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;

/** GHSA and Trivy comparator ranges. */
class ComparatorRangeExpressionTest {
  private static final VersionScheme PYPI = VersionSchemes.forEcosystem("PyPI").orElseThrow();

  @Test
  void readsGhsaRanges() {
    assertThat(RangeExpressions.parse(">= 1.2.0, < 1.4.3", Dialect.GHSA)).hasToString(">=1.2.0 <1.4.3");
    assertThat(RangeExpressions.parse("= 1.2.3", Dialect.GHSA)).hasToString("=1.2.3");
    assertThat(RangeExpressions.parse("<= 2.0", Dialect.GHSA)).hasToString("<=2.0");
    assertThat(RangeExpressions.parse("> 0.9", Dialect.GHSA)).hasToString(">0.9");
    assertThat(RangeExpressions.parse("1.0.0", Dialect.GHSA)).hasToString("=1.0.0");
  }

  @Test
  void readsTrivyRanges() {
    VersionRange range = RangeExpressions.parse(">=2.0.0, <2.0.5 || >=2.1.0, <2.1.3", Dialect.TRIVY);
    assertThat(range).hasToString(">=2.0.0 <2.0.5 || >=2.1.0 <2.1.3");
    assertThat(RangeExpressions.parse(">=2.0.0 <2.0.5||>=2.1.0", Dialect.TRIVY)).hasToString(">=2.0.0 <2.0.5 || >=2.1.0");
    assertThat(range.contains("2.0.4", PYPI)).isTrue();
    assertThat(range.contains("2.0.5", PYPI)).isFalse();
    assertThat(range.contains("2.1.2", PYPI)).isTrue();
    assertThat(range.contains("2.1.3", PYPI)).isFalse();
    assertThat(range.contains("2.1.0rc1", PYPI)).isFalse();
    assertThat(range.contains("2.0.5rc1", PYPI)).isTrue();
  }

  @Test
  void reportsMalformedRanges() {
    assertThatThrownBy(() -> RangeExpressions.parse(">= 1.2.0, <", Dialect.GHSA))
        .isInstanceOf(RangeSyntaxException.class)
        .hasMessage("cannot parse GHSA range '>= 1.2.0, <' at index 11: expected a version, found the end");
    assertThatThrownBy(() -> RangeExpressions.parse(">= 1.0, >= 1.1", Dialect.GHSA))
        .hasMessage("cannot parse GHSA range '>= 1.0, >= 1.1' at index 8: a second lower bound in one group; "
            + "write one lower and one upper bound per group");
    assertThatThrownBy(() -> RangeExpressions.parse("!= 1.0", Dialect.TRIVY))
        .hasMessage("cannot parse Trivy range '!= 1.0' at index 0: '!=' is not supported: an exclusion cannot be "
            + "written as one interval");
    assertThatThrownBy(() -> RangeExpressions.parse("=> 1.0", Dialect.TRIVY))
        .hasMessage("cannot parse Trivy range '=> 1.0' at index 0: unknown operator '=>' (expected >=, >, <=, <, or =)");
    assertThatThrownBy(() -> RangeExpressions.parse(">=1.0 ||", Dialect.TRIVY))
        .hasMessage("cannot parse Trivy range '>=1.0 ||' at index 8: expected a comparator such as '>= 1.2.0'");
    assertThatThrownBy(() -> RangeExpressions.parse("", Dialect.GHSA))
        .hasMessage("cannot parse GHSA range '' at index 0: expected a comparator such as '>= 1.2.0'");
  }
}
