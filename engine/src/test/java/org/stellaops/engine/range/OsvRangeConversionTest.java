package org.stellaops.engine.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.engine.match.RangeEvaluator;
import org.stellaops.engine.match.RangeResult;
import org.stellaops.engine.range.RangeExpressions.Dialect;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;

/** OSV events and the equivalent textual ranges give the same answers. */
class OsvRangeConversionTest {
  private static final VersionScheme NPM = VersionSchemes.forEcosystem("npm").orElseThrow();
  private static final VersionScheme MAVEN = VersionSchemes.forEcosystem("Maven").orElseThrow();

  private static final List<String> SEMVER_GRID = List.of("0.0.1", "0.9.9", "1.0.0-alpha", "1.0.0", "1.0.1",
      "1.2.0-rc.1", "1.4.2", "1.4.3-beta", "1.4.3", "1.5.0", "2.0.0-0", "2.0.0", "2.0.4", "2.0.5", "2.1.0",
      "2.1.2", "2.1.3", "3.0.0", "10.0.0");
  private static final List<String> MAVEN_GRID = List.of("0.1", "1.0-SNAPSHOT", "1.0", "1.0.1", "1.5", "2.0-beta-1",
      "2.0", "2.0.1", "2.9", "3.0", "3.0.1", "4");

  private static AffectedRange osv(RangeType type, RangeEvent... events) {
    return new AffectedRange(type, Optional.empty(), List.of(events));
  }

  private static RangeEvent introduced(String version) {
    return new RangeEvent(RangeEventKind.INTRODUCED, version);
  }

  private static RangeEvent fixed(String version) {
    return new RangeEvent(RangeEventKind.FIXED, version);
  }

  private static RangeEvent lastAffected(String version) {
    return new RangeEvent(RangeEventKind.LAST_AFFECTED, version);
  }

  private static void assertSameAnswers(AffectedRange osv, VersionRange expression, VersionScheme scheme, List<String> grid) {
    VersionRange converted = VersionRange.fromOsv(osv);
    VersionRange sorted = VersionRange.fromOsv(osv, scheme);
    for (String version : grid) {
      boolean expected = RangeEvaluator.evaluate(osv, version, scheme).outcome() == RangeResult.Outcome.AFFECTED;
      assertThat(converted.contains(version, scheme)).as("fromOsv %s at %s", osv, version).isEqualTo(expected);
      assertThat(sorted.contains(version, scheme)).as("fromOsv sorted %s at %s", osv, version).isEqualTo(expected);
      assertThat(expression.contains(version, scheme)).as("%s at %s", expression, version).isEqualTo(expected);
    }
  }

  @Test
  void semverEventsAgreeWithGhsaAndTrivyText() {
    AffectedRange twoWindows = osv(RangeType.SEMVER, introduced("2.0.0"), fixed("2.0.5"), introduced("2.1.0"), fixed("2.1.3"));
    assertSameAnswers(twoWindows, RangeExpressions.parse(">=2.0.0, <2.0.5 || >=2.1.0, <2.1.3", Dialect.TRIVY), NPM, SEMVER_GRID);
    AffectedRange fromZero = osv(RangeType.SEMVER, introduced("0"), lastAffected("1.4.3"));
    assertSameAnswers(fromZero, RangeExpressions.parse("<= 1.4.3", Dialect.GHSA), NPM, SEMVER_GRID);
    AffectedRange open = osv(RangeType.SEMVER, introduced("1.0.0-alpha"));
    assertSameAnswers(open, RangeExpressions.parse(">= 1.0.0-alpha", Dialect.GHSA), NPM, SEMVER_GRID);
  }

  @Test
  void ecosystemEventsAgreeWithMavenIntervals() {
    AffectedRange union = osv(RangeType.ECOSYSTEM, introduced("1.0"), fixed("2.0"), introduced("3.0"));
    assertSameAnswers(union, RangeExpressions.parse("[1.0,2.0),[3.0,)", Dialect.MAVEN), MAVEN, MAVEN_GRID);
    AffectedRange upTo = osv(RangeType.ECOSYSTEM, introduced("0"), lastAffected("2.0.1"));
    assertSameAnswers(upTo, RangeExpressions.parse("(,2.0.1]", Dialect.MAVEN), MAVEN, MAVEN_GRID);
  }

  @Test
  void npmTextAgreesOnReleaseVersions() {
    AffectedRange caret = osv(RangeType.SEMVER, introduced("1.0.1"), fixed("2.0.0-0"));
    List<String> releases = SEMVER_GRID.stream().filter(v -> !v.contains("-")).toList();
    assertSameAnswers(caret, RangeExpressions.parse("^1.0.1", Dialect.NPM), NPM, releases);
  }

  @Test
  void sortsEventsAndAppliesLimitsWhenGivenAScheme() {
    AffectedRange unordered = osv(RangeType.SEMVER, fixed("2.0.5"), introduced("2.0.0"),
        new RangeEvent(RangeEventKind.LIMIT, "2.0.3"));
    VersionRange range = VersionRange.fromOsv(unordered, NPM);
    assertThat(range).hasToString(">=2.0.0 <2.0.3");
    assertThat(range.contains("2.0.2", NPM)).isTrue();
    assertThat(range.contains("2.0.3", NPM)).isFalse();
  }

  @Test
  void rejectsGitRangesAndLimitsWithoutAScheme() {
    AffectedRange git = new AffectedRange(RangeType.GIT, Optional.of("https://github.com/x/y"),
        List.of(introduced("0"), fixed("abc123")));
    assertThatThrownBy(() -> VersionRange.fromOsv(git))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GIT ranges cannot be evaluated against versions: their events are commit hashes in "
            + "https://github.com/x/y, not package versions");
    AffectedRange limited = osv(RangeType.SEMVER, introduced("1.0.0"), new RangeEvent(RangeEventKind.LIMIT, "2.0.0"));
    assertThatThrownBy(() -> VersionRange.fromOsv(limited))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OSV range has a limit event ('2.0.0'); converting limits needs the ecosystem's version scheme "
            + "(VersionRange.fromOsv(range, scheme))");
  }
}
