package org.stellaops.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.engine.match.RangeResult.Outcome;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;

class RangeEvaluatorTest {

  private static final VersionScheme NPM = scheme("npm");
  private static final VersionScheme PYPI = scheme("PyPI");
  private static final VersionScheme MAVEN = scheme("Maven");

  @Test
  void introducedZeroUpToFixedIsAffectedBelowTheFix() {
    AffectedRange range = ecosystem(introduced("0"), fixed("1.4.2"));

    RangeResult result = RangeEvaluator.evaluate(range, "1.4.1", NPM);

    assertThat(result.outcome()).isEqualTo(Outcome.AFFECTED);
    assertThat(result.detail()).isEqualTo("ECOSYSTEM >=0, <1.4.2");
    assertThat(result.fixedVersion()).contains("1.4.2");
    assertThat(RangeEvaluator.evaluate(range, "0.0.1", NPM).outcome()).isEqualTo(Outcome.AFFECTED);
  }

  @Test
  void theFixedVersionAndLaterAreNotAffected() {
    AffectedRange range = ecosystem(introduced("0"), fixed("1.4.2"));

    assertThat(RangeEvaluator.evaluate(range, "1.4.2", NPM)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "2.0.0", NPM)).isEqualTo(notAffected());
  }

  @Test
  void lastAffectedIsInclusive() {
    AffectedRange range = ecosystem(introduced("1.2"), lastAffected("1.5"));

    RangeResult atLast = RangeEvaluator.evaluate(range, "1.5", PYPI);

    assertThat(atLast.outcome()).isEqualTo(Outcome.AFFECTED);
    assertThat(atLast.detail()).isEqualTo("ECOSYSTEM >=1.2, <=1.5");
    assertThat(atLast.fixedVersion()).isEmpty();
    assertThat(RangeEvaluator.evaluate(range, "1.2", PYPI).outcome()).isEqualTo(Outcome.AFFECTED);
    assertThat(RangeEvaluator.evaluate(range, "1.5.post1", PYPI)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "1.1.9", PYPI)).isEqualTo(notAffected());
  }

  @Test
  void versionsBetweenTwoIntroducedFixedPairsAreNotAffected() {
    AffectedRange range = ecosystem(introduced("1.0.0"), fixed("1.2.0"), introduced("2.0.0"), fixed("2.3.0"));

    assertThat(RangeEvaluator.evaluate(range, "0.9.0", NPM)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "1.1.0", NPM))
        .isEqualTo(new RangeResult(Outcome.AFFECTED, "ECOSYSTEM >=1.0.0, <1.2.0", Optional.of("1.2.0")));
    assertThat(RangeEvaluator.evaluate(range, "1.2.0", NPM)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "1.9.9", NPM)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "2.0.0-rc.1", NPM)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "2.2.9", NPM))
        .isEqualTo(new RangeResult(Outcome.AFFECTED, "ECOSYSTEM >=2.0.0, <2.3.0", Optional.of("2.3.0")));
    assertThat(RangeEvaluator.evaluate(range, "2.3.0", NPM)).isEqualTo(notAffected());
  }

  @Test
  void eventsOutOfOrderAreSortedByVersion() {
    AffectedRange range = ecosystem(fixed("2.3.0"), introduced("2.0.0"), fixed("1.2.0"), introduced("1.0.0"));

    assertThat(RangeEvaluator.evaluate(range, "1.1.0", NPM))
        .isEqualTo(new RangeResult(Outcome.AFFECTED, "ECOSYSTEM >=1.0.0, <1.2.0", Optional.of("1.2.0")));
    assertThat(RangeEvaluator.evaluate(range, "1.5.0", NPM)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "2.1.0", NPM))
        .isEqualTo(new RangeResult(Outcome.AFFECTED, "ECOSYSTEM >=2.0.0, <2.3.0", Optional.of("2.3.0")));
  }

  @Test
  void introducedZeroSortsFirstWhereverItIsListed() {
    AffectedRange range = ecosystem(fixed("3.0.0"), introduced("0"));

    assertThat(RangeEvaluator.evaluate(range, "2.9.9", NPM))
        .isEqualTo(new RangeResult(Outcome.AFFECTED, "ECOSYSTEM >=0, <3.0.0", Optional.of("3.0.0")));
  }

  @Test
  void anOpenIntroducedWithoutFixAffectsEverythingAfterIt() {
    AffectedRange range = ecosystem(introduced("4.0.0"));

    assertThat(RangeEvaluator.evaluate(range, "9.0.0", NPM))
        .isEqualTo(new RangeResult(Outcome.AFFECTED, "ECOSYSTEM >=4.0.0", Optional.empty()));
    assertThat(RangeEvaluator.evaluate(range, "3.9.9", NPM)).isEqualTo(notAffected());
  }

  @Test
  void aLimitCapsTheRangeExclusively() {
    AffectedRange range = ecosystem(introduced("0"), limit("2.0.0"));

    assertThat(RangeEvaluator.evaluate(range, "1.9.9", NPM))
        .isEqualTo(new RangeResult(Outcome.AFFECTED, "ECOSYSTEM >=0", Optional.empty()));
    assertThat(RangeEvaluator.evaluate(range, "2.0.0", NPM)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "5.0.0", NPM)).isEqualTo(notAffected());
  }

  @Test
  void aStarLimitCapsNothing() {
    AffectedRange range = ecosystem(introduced("1.0.0"), limit("*"));

    assertThat(RangeEvaluator.evaluate(range, "999.0.0", NPM))
        .isEqualTo(new RangeResult(Outcome.AFFECTED, "ECOSYSTEM >=1.0.0", Optional.empty()));
    assertThat(RangeEvaluator.evaluate(range, "0.9.0", NPM)).isEqualTo(notAffected());
  }

  @Test
  void aVersionBelowAnyOfSeveralLimitsIsStillEvaluated() {
    AffectedRange range = ecosystem(introduced("0"), fixed("1.5.0"), limit("1.0.0"), limit("2.0.0"));

    assertThat(RangeEvaluator.evaluate(range, "1.2.0", NPM).outcome()).isEqualTo(Outcome.AFFECTED);
    assertThat(RangeEvaluator.evaluate(range, "2.1.0", NPM)).isEqualTo(notAffected());
  }

  @Test
  void anUnparseableComponentVersionIsUndecidableAndNamed() {
    AffectedRange range = ecosystem(introduced("0"), fixed("1.0.0"));

    RangeResult result = RangeEvaluator.evaluate(range, "not-a-version", NPM);

    assertThat(result.outcome()).isEqualTo(Outcome.UNDECIDABLE);
    assertThat(result.detail())
        .startsWith("component version 'not-a-version' is not valid for npm (node-semver): ");
    assertThat(result.fixedVersion()).isEmpty();
  }

  @Test
  void anUnparseableEventVersionIsUndecidableAndNamed() {
    AffectedRange range = ecosystem(introduced("0"), fixed("1.0.0.0.banana!"));

    RangeResult result = RangeEvaluator.evaluate(range, "0.5.0", NPM);

    assertThat(result.outcome()).isEqualTo(Outcome.UNDECIDABLE);
    assertThat(result.detail())
        .startsWith("range event version '1.0.0.0.banana!' is not valid for npm (node-semver): ");
  }

  @Test
  void mavenDetailNamesTheIntervalThatMatched() {
    AffectedRange range = ecosystem(introduced("2.0-beta9"), fixed("2.15.0"));

    RangeResult result = RangeEvaluator.evaluate(range, "2.14.1", MAVEN);

    assertThat(result.outcome()).isEqualTo(Outcome.AFFECTED);
    assertThat(result.detail()).isEqualTo("ECOSYSTEM >=2.0-beta9, <2.15.0");
    assertThat(result.fixedVersion()).contains("2.15.0");
    assertThat(RangeEvaluator.evaluate(range, "2.0-beta8", MAVEN)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "2.15.0", MAVEN)).isEqualTo(notAffected());
  }

  @Test
  void theDetailStartsWithTheRangeType() {
    AffectedRange range = new AffectedRange(RangeType.SEMVER, Optional.empty(),
        Arrays.asList(introduced("1.0.0"), fixed("1.0.5")));

    assertThat(RangeEvaluator.evaluate(range, "1.0.4", NPM).detail()).isEqualTo("SEMVER >=1.0.0, <1.0.5");
  }

  @Test
  void pypiComparesByPep440NotByText() {
    AffectedRange range = ecosystem(introduced("1.9"), fixed("1.10"));

    assertThat(RangeEvaluator.evaluate(range, "1.9.5", PYPI).outcome()).isEqualTo(Outcome.AFFECTED);
    assertThat(RangeEvaluator.evaluate(range, "1.10.0", PYPI)).isEqualTo(notAffected());
    assertThat(RangeEvaluator.evaluate(range, "1.10rc1", PYPI).outcome()).isEqualTo(Outcome.AFFECTED);
  }

  private static RangeResult notAffected() {
    return new RangeResult(Outcome.NOT_AFFECTED, "", Optional.empty());
  }

  private static AffectedRange ecosystem(RangeEvent... events) {
    return new AffectedRange(RangeType.ECOSYSTEM, Optional.empty(), Arrays.asList(events));
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

  private static RangeEvent limit(String version) {
    return new RangeEvent(RangeEventKind.LIMIT, version);
  }

  private static VersionScheme scheme(String ecosystem) {
    return VersionSchemes.forEcosystem(ecosystem)
        .orElseThrow(() -> new AssertionError("no version scheme for " + ecosystem));
  }
}
