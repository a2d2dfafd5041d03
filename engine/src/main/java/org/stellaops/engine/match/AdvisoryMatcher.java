package org.stellaops.engine.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stellaops.engine.ecosystem.DistroReleases;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.engine.ecosystem.PackageKey;
import org.stellaops.engine.version.GoScheme;
import org.stellaops.engine.version.SemVerScheme;
import org.stellaops.engine.version.UnparseableVersionException;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.FindingStatus;

/**
 * Matches components against an {@link AdvisoryIndex}. A component is affected when its version
 * is listed in an advisory's {@code versions} or falls in one of its ranges; when neither can be
 * decided (no comparer for the ecosystem, an unparseable version, a GIT-only range) the result
 * is an {@code unknown} finding with the reason, never a silent miss.
 */
public final class AdvisoryMatcher {
  private final AdvisoryIndex index;

  public AdvisoryMatcher(AdvisoryIndex index) {
    this.index = Objects.requireNonNull(index, "index is null");
  }

  /** The findings for one component, in index order; empty when nothing applies. */
  public List<Finding> match(ComponentRef component) {
    Optional<PackageKey> key = Ecosystems.fromPurl(component.purl());
    if (key.isEmpty()) {
      return List.of();
    }
    List<AdvisoryIndex.Entry> entries = index.lookup(key.get().ecosystem(), key.get().name());
    if (entries.isEmpty()) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (AdvisoryIndex.Entry entry : entries) {
      if (!DistroReleases.compatible(key.get().release(), entry.release())) {
        continue;
      }
      decide(key.get(), entry.prepared()).ifPresent(d -> findings.add(finding(component, key.get(), entry, d)));
    }
    return findings;
  }

  private static Optional<Decision> decide(PackageKey key, PreparedPackage prepared) {
    if (key.version().isEmpty() || key.version().get().isBlank()) {
      return Optional.of(Decision.unknown("the component has no version", ""));
    }
    String version = key.version().get();
    Optional<UnparseableVersionException> invalid = prepared.scheme().flatMap(s -> invalid(s, version));
    Optional<String> listed = prepared.listedEntry(version, invalid.isEmpty());
    if (listed.isPresent()) {
      return Optional.of(new Decision(FindingStatus.AFFECTED, "version " + version + " is listed as affected by the advisory",
          "versions: " + listed.get(), Optional.empty()));
    }
    Decision undecided = null;
    for (PreparedRange range : prepared.ranges()) {
      Optional<String> reason = range.undecidableReason()
          .or(() -> invalid(range.scheme(), version).map(e -> RangeEvaluator.componentVersionReason(e, range.scheme())));
      if (reason.isPresent()) {
        undecided = undecided != null ? undecided : Decision.unknown(reason.get(), describe(range.range()));
        continue;
      }
      RangeResult result = RangeEvaluator.evaluate(range, version);
      if (result.outcome() == RangeResult.Outcome.AFFECTED) {
        return Optional.of(new Decision(FindingStatus.AFFECTED,
            "version " + version + " is in range " + result.detail(), result.detail(), result.fixedVersion()));
      }
    }
    if (undecided == null && !prepared.unevaluable().isEmpty()) {
      PreparedPackage.Unevaluable first = prepared.unevaluable().get(0);
      undecided = Decision.unknown(first.reason(), first.matched());
    }
    return Optional.ofNullable(undecided);
  }

  private static Optional<UnparseableVersionException> invalid(VersionScheme scheme, String version) {
    try {
      scheme.validate(version);
      return Optional.empty();
    } catch (UnparseableVersionException e) {
      return Optional.of(e);
    }
  }

  static String describe(AffectedRange range) {
    StringBuilder text = new StringBuilder(range.type().name());
    range.events().forEach(e -> text.append(' ').append(e.kind().osvName()).append('=').append(e.version()));
    return text.toString();
  }

  private static Finding finding(ComponentRef component, PackageKey key, AdvisoryIndex.Entry entry, Decision decision) {
    Severity severity = entry.affected().severity().orElse(entry.advisory().severity());
    Optional<String> fixed = decision.fixedVersion().or(() -> onlyFixed(entry.affected()));
    return new Finding(
        entry.advisory().id(),
        entry.advisory().aliases(),
        component.purl(),
        key.ecosystem(),
        key.name(),
        key.version().orElse(""),
        decision.status(),
        decision.reason(),
        decision.matched(),
        fixed,
        severity.level(),
        severity.score(),
        component.layer());
  }

  /** The fixed version when the advisory names exactly one; with several branches it would be a guess. */
  private static Optional<String> onlyFixed(AffectedPackage affected) {
    List<String> fixed = affected.ranges().stream()
        .flatMap(r -> r.events().stream())
        .filter(e -> e.kind() == RangeEventKind.FIXED)
        .map(RangeEvent::version)
        .distinct()
        .toList();
    return fixed.size() == 1 ? Optional.of(fixed.get(0)) : Optional.empty();
  }

  private record Decision(FindingStatus status, String reason, String matched, Optional<String> fixedVersion) {
    static Decision unknown(String reason, String matched) {
      return new Decision(FindingStatus.UNKNOWN, reason, matched, Optional.empty());
    }
  }
}
