package org.stellaops.engine.verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.stellaops.engine.EngineVersion;
import org.stellaops.engine.match.AdvisoryMatcher;
import org.stellaops.engine.match.ComponentRef;
import org.stellaops.engine.match.EvaluationDigests;
import org.stellaops.engine.policy.Policy;
import org.stellaops.engine.policy.PolicyResult;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.FindingStatus;
import org.stellaops.schemas.verdict.InputManifest;
import org.stellaops.schemas.verdict.NotEvaluated;
import org.stellaops.schemas.verdict.NotEvaluatedReason;
import org.stellaops.schemas.verdict.Verdict;

/**
 * Evaluates one image: components × advisories → findings → policy → verdict with its digest.
 * A pure function of its inputs: the same SBOM, advisory snapshot, policy and engine version give
 * a byte-identical canonical verdict and the same digest.
 */
public final class VerdictEvaluator {
  /**
   * Canonical order. Within one (purl, advisory), an affected finding sorts before an unknown one
   * and the smallest layer first, so de-duplication keeps the same finding whatever the input order.
   */
  private static final Comparator<Finding> CANONICAL_ORDER = VerdictEvaluator::compareCanonically;

  /** Purl, advisory, status, layer (none first), matched, reason; written out, as it runs for every finding. */
  private static int compareCanonically(Finding a, Finding b) {
    int c = a.purl().compareTo(b.purl());
    if (c != 0) {
      return c;
    }
    c = a.advisoryId().compareTo(b.advisoryId());
    if (c != 0) {
      return c;
    }
    c = a.status().compareTo(b.status());
    if (c != 0) {
      return c;
    }
    c = a.layer().orElse("").compareTo(b.layer().orElse(""));
    if (c != 0) {
      return c;
    }
    c = a.matched().compareTo(b.matched());
    return c != 0 ? c : a.reason().compareTo(b.reason());
  }

  private final AdvisoryMatcher matcher;
  private final Policy policy;
  private final long advisorySnapshotId;

  public VerdictEvaluator(AdvisoryMatcher matcher, Policy policy, long advisorySnapshotId) {
    this.matcher = Objects.requireNonNull(matcher, "matcher is null");
    this.policy = Objects.requireNonNull(policy, "policy is null");
    this.advisorySnapshotId = advisorySnapshotId;
  }

  /** The manifest a verdict for these components of {@code sbomDigest} would carry under this evaluator. */
  public InputManifest manifest(String sbomDigest, List<ComponentRef> components) {
    return manifestWith(sbomDigest, advisoriesDigest(components));
  }

  private InputManifest manifestWith(String sbomDigest, String advisoriesDigest) {
    return new InputManifest(sbomDigest, advisoriesDigest, advisorySnapshotId, EngineVersion.CURRENT, policy.digest());
  }

  /**
   * The digest of every advisory entry the components are evaluated against: cheap (index
   * lookups, no version comparison), so a run can tell an unchanged verdict without evaluating.
   */
  public String advisoriesDigest(List<ComponentRef> components) {
    Optional<ComponentRef> operatingSystem = operatingSystem(components);
    Set<String> groups = new HashSet<>();
    for (ComponentRef component : components) {
      matcher.candidatesDigest(component, operatingSystem).ifPresent(groups::add);
    }
    return combined(groups);
  }

  private static String combined(Set<String> groups) {
    return "sha256:" + EvaluationDigests.combine(groups);
  }

  private static Optional<ComponentRef> operatingSystem(List<ComponentRef> components) {
    return components.stream().filter(c -> c.type().equals("operating-system")).findFirst();
  }

  /**
   * Evaluates one image; a component listed twice (e.g. in two layers) yields one finding per
   * advisory. Components that cannot be evaluated are counted by reason in the verdict.
   */
  public Evaluation evaluate(String imageDigest, String sbomDigest, List<ComponentRef> components) {
    Optional<ComponentRef> operatingSystem = operatingSystem(components);
    List<Finding> all = new ArrayList<>(components.size());
    Map<NotEvaluatedReason, SortedSet<String>> skipped = new EnumMap<>(NotEvaluatedReason.class);
    Map<NotEvaluatedReason, Integer> skippedCounts = new EnumMap<>(NotEvaluatedReason.class);
    // A hash set, not a sorted one: components of one package share its cached digest string (hash
    // cached, equal by identity), and combined() sorts the distinct ones once.
    Set<String> candidateGroups = new HashSet<>(components.size() * 2);
    for (ComponentRef component : components) {
      AdvisoryMatcher.Assessment assessment = matcher.assess(component, operatingSystem);
      all.addAll(assessment.findings());
      assessment.candidatesDigest().ifPresent(candidateGroups::add);
      assessment.notEvaluated().ifPresent(reason -> {
        skippedCounts.merge(reason, 1, Integer::sum);
        skipped.computeIfAbsent(reason, r -> new TreeSet<>()).add(component.label());
      });
    }
    List<NotEvaluated> notEvaluated = new ArrayList<>();
    skippedCounts.forEach((reason, count) -> notEvaluated.add(new NotEvaluated(reason, count,
        skipped.get(reason).stream().limit(NotEvaluated.MAX_EXAMPLES).toList())));
    all.sort(CANONICAL_ORDER);
    // Sorted, so the findings of one (purl, advisory) are consecutive: keep the first of each run.
    List<Finding> findings = new ArrayList<>(all.size());
    Finding kept = null;
    for (Finding finding : all) {
      if (kept == null || !kept.advisoryId().equals(finding.advisoryId()) || !kept.purl().equals(finding.purl())) {
        findings.add(finding);
        kept = finding;
      }
    }
    PolicyResult result = policy.evaluate(findings);
    Map<SeverityLevel, Integer> counts = new EnumMap<>(SeverityLevel.class);
    for (SeverityLevel level : SeverityLevel.values()) {
      counts.put(level, 0);
    }
    for (Finding finding : findings) {
      if (finding.status() == FindingStatus.AFFECTED) {
        counts.merge(finding.severity(), 1, Integer::sum);
      }
    }
    // The same digest advisoriesDigest(components) gives, from the lookups evaluation already made.
    InputManifest manifest = manifestWith(sbomDigest, combined(candidateGroups));
    CanonicalVerdict canonical = VerdictJson.canonicalParts(imageDigest, result.decision(), result.rule(), findings, counts,
        notEvaluated, manifest);
    return new Evaluation(new Verdict(imageDigest, result.decision(), result.rule(), findings, counts, notEvaluated, manifest,
        canonical.digest()), canonical);
  }

  /** A verdict together with the canonical JSON its digest was computed over, in parts. */
  public record Evaluation(Verdict verdict, CanonicalVerdict canonical) {
    public Evaluation {
      Objects.requireNonNull(verdict, "verdict is null");
      Objects.requireNonNull(canonical, "canonical is null");
    }

    /** The canonical body the verdict digest covers. */
    public String canonicalBody() {
      return canonical.text();
    }
  }
}
