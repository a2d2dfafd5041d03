package org.stellaops.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.engine.EngineVersion;
import org.stellaops.engine.match.AdvisoryIndex;
import org.stellaops.engine.match.AdvisoryMatcher;
import org.stellaops.engine.match.ComponentRef;
import org.stellaops.engine.policy.DefaultPolicy;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Decision;
import org.stellaops.schemas.verdict.FindingStatus;
import org.stellaops.schemas.verdict.Verdict;

class VerdictEvaluatorTest {

  private static final String IMAGE = "sha256:" + "a".repeat(64);
  private static final String SBOM = "sha256:" + "b".repeat(64);
  private static final long SNAPSHOT = 42;

  private static final Advisory LOG4SHELL = advisory("GHSA-jfh8-c2jp-5v3q", SeverityLevel.CRITICAL, 10.0,
      "Maven", "org.apache.logging.log4j:log4j-core", range(RangeType.ECOSYSTEM, "2.0-beta9", "2.15.0"));
  private static final Advisory LODASH = advisory("GHSA-lodash-medium", SeverityLevel.MEDIUM, 5.3,
      "npm", "lodash", range(RangeType.ECOSYSTEM, "0", "4.17.21"));
  private static final Advisory DEBIAN = advisory("DSA-0000-1", SeverityLevel.CRITICAL, 9.8,
      "Debian:11", "openssl", range(RangeType.GIT, "0", "5f6a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a"));
  private static final AdvisoryIndex INDEX = AdvisoryIndex.of(List.of(LOG4SHELL, LODASH, DEBIAN));

  private static final ComponentRef LOG4J = component("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "l1");
  private static final ComponentRef LODASH_OLD = component("pkg:npm/lodash@4.17.20", "l1");
  private static final ComponentRef OPENSSL = component("pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?distro=debian-11", "l0");
  private static final ComponentRef UNRELATED = component("pkg:npm/left-pad@1.3.0", "l2");

  @Test
  void anAffectedCriticalFindingFails() {
    Verdict verdict = evaluate(SNAPSHOT, List.of(LOG4J, LODASH_OLD, UNRELATED)).verdict();

    assertThat(verdict.decision()).isEqualTo(Decision.FAIL);
    assertThat(verdict.rule()).isEqualTo("default: 1 affected finding(s) of severity HIGH or CRITICAL");
    assertThat(verdict.findings()).extracting(f -> f.advisoryId())
        .containsExactly("GHSA-jfh8-c2jp-5v3q", "GHSA-lodash-medium");
    assertThat(nonZero(verdict.affectedBySeverity()))
        .isEqualTo(Map.of(SeverityLevel.CRITICAL, 1, SeverityLevel.MEDIUM, 1));
    assertThat(verdict.imageDigest()).isEqualTo(IMAGE);
    assertThat(verdict.manifest().sbomDigest()).isEqualTo(SBOM);
    assertThat(verdict.manifest().advisorySnapshotId()).isEqualTo(SNAPSHOT);
    assertThat(verdict.manifest().engineVersion()).isEqualTo(EngineVersion.CURRENT);
    assertThat(verdict.manifest().policyDigest()).isEqualTo(new DefaultPolicy().digest());
  }

  @Test
  void onlyMediumFindingsPass() {
    Verdict verdict = evaluate(SNAPSHOT, List.of(LODASH_OLD, UNRELATED)).verdict();

    assertThat(verdict.decision()).isEqualTo(Decision.PASS);
    assertThat(verdict.rule()).isEqualTo("default: no affected finding of severity HIGH or CRITICAL");
    assertThat(verdict.findings()).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(SeverityLevel.MEDIUM));
  }

  @Test
  void onlyUnknownFindingsPassEvenWhenCritical() {
    Verdict verdict = evaluate(SNAPSHOT, List.of(OPENSSL)).verdict();

    assertThat(verdict.decision()).isEqualTo(Decision.PASS);
    assertThat(verdict.findings()).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.UNKNOWN);
      assertThat(f.severity()).isEqualTo(SeverityLevel.CRITICAL);
    });
    assertThat(nonZero(verdict.affectedBySeverity())).isEmpty();
  }

  @Test
  void noComponentsPass() {
    VerdictEvaluator.Evaluation evaluation = evaluate(SNAPSHOT, List.of());

    assertThat(evaluation.verdict().decision()).isEqualTo(Decision.PASS);
    assertThat(evaluation.verdict().findings()).isEmpty();
    assertThat(evaluation.verdict().verdictDigest()).startsWith("sha256:").hasSize(7 + 64);
  }

  @Test
  void theSameInputsGiveTheSameDigestAndBody() {
    VerdictEvaluator.Evaluation first = evaluate(SNAPSHOT, List.of(LOG4J, LODASH_OLD, OPENSSL));
    VerdictEvaluator.Evaluation second = evaluate(SNAPSHOT, List.of(LOG4J, LODASH_OLD, OPENSSL));

    assertThat(second.canonicalBody()).isEqualTo(first.canonicalBody());
    assertThat(second.verdict().verdictDigest()).isEqualTo(first.verdict().verdictDigest());
    assertThat(first.verdict().verdictDigest()).isEqualTo("sha256:" + Digests.sha256Hex(first.canonicalBody()));
    assertThat(second.verdict()).isEqualTo(first.verdict());
  }

  @Test
  void componentOrderDoesNotChangeTheDigest() {
    List<ComponentRef> components = List.of(LOG4J, LODASH_OLD, OPENSSL, UNRELATED);
    List<ComponentRef> reversed = new ArrayList<>(components);
    Collections.reverse(reversed);

    VerdictEvaluator.Evaluation forward = evaluate(SNAPSHOT, components);
    VerdictEvaluator.Evaluation backward = evaluate(SNAPSHOT, reversed);

    assertThat(backward.canonicalBody()).isEqualTo(forward.canonicalBody());
    assertThat(backward.verdict().verdictDigest()).isEqualTo(forward.verdict().verdictDigest());
    assertThat(forward.verdict().findings()).extracting(f -> f.purl()).isSorted();
  }

  @Test
  void aPurlInTwoLayersGivesOneFinding() {
    ComponentRef sameInOtherLayer = component(LOG4J.purl().orElseThrow(), "l7");

    Verdict verdict = evaluate(SNAPSHOT, List.of(LOG4J, sameInOtherLayer)).verdict();

    assertThat(verdict.findings()).singleElement()
        .satisfies(f -> assertThat(f.layer()).contains("l1"));
    assertThat(nonZero(verdict.affectedBySeverity())).isEqualTo(Map.of(SeverityLevel.CRITICAL, 1));
  }

  @Test
  void aPurlInTwoLayersGivesTheSameDigestWhicheverLayerIsListedFirst() {
    ComponentRef sameInOtherLayer = component(LOG4J.purl().orElseThrow(), "l7");

    VerdictEvaluator.Evaluation forward = evaluate(SNAPSHOT, List.of(LOG4J, sameInOtherLayer));
    VerdictEvaluator.Evaluation backward = evaluate(SNAPSHOT, List.of(sameInOtherLayer, LOG4J));

    assertThat(backward.canonicalBody()).isEqualTo(forward.canonicalBody());
    assertThat(backward.verdict().verdictDigest()).isEqualTo(forward.verdict().verdictDigest());
  }

  @Test
  void anAffectedEntryIsNotHiddenByAnUndecidableEntryOfTheSameAdvisory() {
    // GHSA records often list one package in several affected entries (154 of the OSV fixtures do).
    AffectedPackage undecidable = new AffectedPackage("npm", "minimist", Optional.empty(),
        List.of(range(RangeType.ECOSYSTEM, "0", "not-a-version")), List.of(), Optional.empty());
    AffectedPackage affected = new AffectedPackage("npm", "minimist", Optional.empty(),
        List.of(range(RangeType.ECOSYSTEM, "1.0.0", "1.2.6")), List.of(), Optional.empty());
    Advisory advisory = new Advisory("GHSA-xvch-5gv4-984h", List.of(), "prototype pollution",
        new Severity(SeverityLevel.CRITICAL, Optional.of(9.8), Optional.empty()),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(undecidable, affected));
    VerdictEvaluator evaluator = new VerdictEvaluator(new AdvisoryMatcher(AdvisoryIndex.of(List.of(advisory))),
        new DefaultPolicy(), SNAPSHOT);

    Verdict verdict = evaluator.evaluate(IMAGE, SBOM, List.of(component("pkg:npm/minimist@1.2.5", "l1"))).verdict();

    assertThat(verdict.findings()).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.matched()).isEqualTo("ECOSYSTEM >=1.0.0, <1.2.6");
    });
    assertThat(verdict.decision()).isEqualTo(Decision.FAIL);
  }

  @Test
  void theCanonicalBodyReadsBackToAnEqualVerdict() {
    VerdictEvaluator.Evaluation evaluation = evaluate(SNAPSHOT, List.of(LOG4J, LODASH_OLD, OPENSSL, UNRELATED));
    Verdict verdict = evaluation.verdict();

    Verdict read = VerdictJson.read(evaluation.canonicalBody(), verdict.verdictDigest(), SNAPSHOT);

    assertThat(read.findings()).isEqualTo(verdict.findings());
    assertThat(read.manifest()).isEqualTo(verdict.manifest());
    assertThat(read).isEqualTo(verdict);
  }

  /** The counts that are not zero: whether zero counts are kept in the map is not part of the contract tested here. */
  private static Map<SeverityLevel, Integer> nonZero(Map<SeverityLevel, Integer> counts) {
    Map<SeverityLevel, Integer> nonZero = new EnumMap<>(SeverityLevel.class);
    counts.forEach((level, count) -> {
      if (count != 0) {
        nonZero.put(level, count);
      }
    });
    return nonZero;
  }

  private static VerdictEvaluator.Evaluation evaluate(long snapshot, List<ComponentRef> components) {
    return new VerdictEvaluator(new AdvisoryMatcher(INDEX), new DefaultPolicy(), snapshot)
        .evaluate(IMAGE, SBOM, components);
  }

  private static ComponentRef component(String purl, String layer) {
    return new ComponentRef(purl, Optional.of(layer));
  }

  private static Advisory advisory(String id, SeverityLevel level, double score, String ecosystem, String name,
      AffectedRange range) {
    AffectedPackage affected = new AffectedPackage(ecosystem, name, Optional.empty(), List.of(range), List.of(),
        Optional.empty());
    return new Advisory(id, List.of("CVE-2021-0001"), "summary", new Severity(level, Optional.of(score), Optional.empty()),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(affected));
  }

  private static AffectedRange range(RangeType type, String introduced, String fixed) {
    return new AffectedRange(type, Optional.empty(), List.of(
        new RangeEvent(RangeEventKind.INTRODUCED, introduced), new RangeEvent(RangeEventKind.FIXED, fixed)));
  }

  @Test
  void theDigestCoversTheRelevantAdvisoriesNotTheSnapshotNumber() {
    VerdictEvaluator.Evaluation atOne = new VerdictEvaluator(new AdvisoryMatcher(INDEX), new DefaultPolicy(), 1)
        .evaluate(IMAGE, SBOM, List.of(LOG4J, UNRELATED));
    VerdictEvaluator.Evaluation atTwo = new VerdictEvaluator(new AdvisoryMatcher(INDEX), new DefaultPolicy(), 2)
        .evaluate(IMAGE, SBOM, List.of(LOG4J, UNRELATED));
    assertThat(atTwo.verdict().verdictDigest()).as("same advisories, another snapshot number")
        .isEqualTo(atOne.verdict().verdictDigest());
    assertThat(atTwo.verdict().manifest().advisorySnapshotId()).isEqualTo(2);

    AdvisoryIndex withUnrelatedAdvisory = AdvisoryIndex.of(List.of(LOG4SHELL, LODASH, DEBIAN));
    AdvisoryIndex withoutLodash = AdvisoryIndex.of(List.of(LOG4SHELL, DEBIAN));
    VerdictEvaluator before = new VerdictEvaluator(new AdvisoryMatcher(withUnrelatedAdvisory), new DefaultPolicy(), 3);
    VerdictEvaluator after = new VerdictEvaluator(new AdvisoryMatcher(withoutLodash), new DefaultPolicy(), 4);
    assertThat(after.advisoriesDigest(List.of(LOG4J))).as("an advisory for a package the image lacks changes nothing")
        .isEqualTo(before.advisoriesDigest(List.of(LOG4J)));
    assertThat(after.advisoriesDigest(List.of(LOG4J, LODASH_OLD))).as("one for a package it holds does")
        .isNotEqualTo(before.advisoriesDigest(List.of(LOG4J, LODASH_OLD)));
  }
}
