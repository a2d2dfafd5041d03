package org.stellaops.engine.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.stellaops.engine.range.RangeExpressions.Dialect;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;

/** Maven version range notation. */
class MavenRangeExpressionTest {
  private static final VersionScheme MAVEN = VersionSchemes.forEcosystem("Maven").orElseThrow();

  private static boolean satisfies(String version, String range) {
    return RangeExpressions.parse(range, Dialect.MAVEN).contains(version, MAVEN);
  }

  @Test
  void readsIntervals() {
    assertThat(RangeExpressions.parse("[1.0,2.0)", Dialect.MAVEN)).hasToString(">=1.0 <2.0");
    assertThat(RangeExpressions.parse("(,1.0]", Dialect.MAVEN)).hasToString("<=1.0");
    assertThat(RangeExpressions.parse("(1.0,)", Dialect.MAVEN)).hasToString(">1.0");
    assertThat(RangeExpressions.parse("[1.2]", Dialect.MAVEN)).hasToString("=1.2");
    assertThat(RangeExpressions.parse(" [1.0, 2.0) , [3.0,) ", Dialect.MAVEN)).hasToString(">=1.0 <2.0 || >=3.0");
    assertThat(RangeExpressions.parse("1.0", Dialect.MAVEN)).hasToString("=1.0");
  }

  @Test
  void matchesIntervalsAndUnions() {
    assertThat(satisfies("1.2.3", "[1.0,2.0)")).isTrue();
    assertThat(satisfies("2.0", "[1.0,2.0)")).isFalse();
    assertThat(satisfies("2.0", "[1.0,2.0]")).isTrue();
    assertThat(satisfies("1.0", "(1.0,2.0)")).isFalse();
    assertThat(satisfies("0.1", "(,1.0]")).isTrue();
    assertThat(satisfies("1.2", "[1.2]")).isTrue();
    assertThat(satisfies("1.2.0", "[1.2]")).isTrue();
    assertThat(satisfies("1.3", "[1.2]")).isFalse();
    assertThat(satisfies("2.5", "[1.0,2.0),[3.0,)")).isFalse();
    assertThat(satisfies("3.1", "[1.0,2.0),[3.0,)")).isTrue();
    assertThat(satisfies("2.0-beta-1", "[1.0,2.0)")).isTrue();
    assertThat(satisfies("1.0", "1.0")).isTrue();
    assertThat(satisfies("1.1", "1.0")).isFalse();
  }

  @Test
  void reportsMalformedRanges() {
    assertThatThrownBy(() -> RangeExpressions.parse("[1.0,2.0", Dialect.MAVEN))
        .isInstanceOf(RangeSyntaxException.class)
        .hasMessage("cannot parse Maven range '[1.0,2.0' at index 0: interval opened here is not closed with ']' or ')'");
    assertThatThrownBy(() -> RangeExpressions.parse("(1.0)", Dialect.MAVEN))
        .hasMessage("cannot parse Maven range '(1.0)' at index 0: a single-version interval must be written [version]");
    assertThatThrownBy(() -> RangeExpressions.parse("[1.0,2.0) [3.0,)", Dialect.MAVEN))
        .hasMessage("cannot parse Maven range '[1.0,2.0) [3.0,)' at index 10: expected ',' between intervals or the end, found '['");
    assertThatThrownBy(() -> RangeExpressions.parse("[1,2,3]", Dialect.MAVEN))
        .hasMessage("cannot parse Maven range '[1,2,3]' at index 4: an interval has at most two versions");
    assertThatThrownBy(() -> RangeExpressions.parse("(,)", Dialect.MAVEN))
        .hasMessage("cannot parse Maven range '(,)' at index 0: an interval needs at least one version");
    assertThatThrownBy(() -> RangeExpressions.parse("[1.0,2.0),", Dialect.MAVEN))
        .hasMessage("cannot parse Maven range '[1.0,2.0),' at index 10: expected an interval after ','");
    assertThatThrownBy(() -> RangeExpressions.parse("1.0,2.0", Dialect.MAVEN))
        .hasMessage("cannot parse Maven range '1.0,2.0' at index 3: unexpected ',' in a bare version; intervals start with '[' or '('");
  }
}
