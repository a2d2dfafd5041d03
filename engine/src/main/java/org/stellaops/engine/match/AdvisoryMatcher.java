package org.stellaops.engine.match;

import com.github.packageurl.PackageURL;
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
import org.stellaops.schemas.verdict.NotEvaluatedReason;

/**
 * Matches components against an {@link AdvisoryIndex}. A component is affected when its version
 * is listed in an advisory's {@code versions} or falls in one of its ranges; when neither can be
 * decided (no comparer for the ecosystem, an unparseable version, a GIT-only range) the result
 * is an {@code unknown} finding with the reason, never a silent miss.
 */
public final class AdvisoryMatcher {
  private final AdvisoryIndex index;

  private final boolean intervals;

  private static final int PARSED_PURLS_LIMIT = 200_000;
  private final java.util.Map<String, ParsedPurl> parsedPurls = new java.util.concurrent.ConcurrentHashMap<>();

  public AdvisoryMatcher(AdvisoryIndex index) {
    this(index, true);
  }

  private AdvisoryMatcher(AdvisoryIndex index, boolean intervals) {
    this.index = Objects.requireNonNull(index, "index is null");
    this.intervals = intervals;
  }

  /**
   * A matcher that evaluates every candidate entry one by one: the reference the interval path is
   * tested and benchmarked against. Same results, slower on packages with many advisories.
   */
  public static AdvisoryMatcher withoutIntervals(AdvisoryIndex index) {
    return new AdvisoryMatcher(index, false);
  }

  /** The findings for one component, in index order; empty when nothing applies or it was not evaluated. */
  public List<Finding> match(ComponentRef component) {
    return assess(component, Optional.empty()).findings();
  }

  /**
   * The findings for one component, and why it was not evaluated when it was not.
   * {@code operatingSystem} is the SBOM's operating-system component, which gives the distro
   * release of packages whose purl has no {@code distro} qualifier. A distro package whose release
   * is still unknown is not matched: its advisories are per release, and matching it against
   * every release would report fixes of other releases as its own.
   */
  public Assessment assess(ComponentRef component, Optional<ComponentRef> operatingSystem) {
    Resolution resolution = resolve(component, operatingSystem);
    if (resolution.notEvaluated().isPresent()) {
      return Assessment.notEvaluated(resolution.notEvaluated().get());
    }
    PackageKey matchKey = resolution.source().key();
    Optional<NotEvaluatedReason> versionProblem = versionProblem(matchKey);
    List<Finding> findings = new ArrayList<>();
    if (!resolution.entries().isEmpty()) {
      List<AdvisoryIndex.Entry> all = resolution.packageEntries().all();
      for (Decided decided : decisions(matchKey, resolution.packageEntries())) {
        AdvisoryIndex.Entry entry = all.get(decided.entry());
        if (DistroReleases.compatible(matchKey.release(), entry.release())) {
          findings.add(finding(component, matchKey, entry, resolution.source().explain(decided.decision())));
        }
      }
    }
    // Counted as not evaluated only when nothing could be decided: an exact listed match still decides.
    boolean decided = findings.stream().anyMatch(f -> f.status() == FindingStatus.AFFECTED);
    return new Assessment(findings, decided ? Optional.empty() : versionProblem, groupDigest(resolution));
  }

  /** What was decided for one entry of a package (by its index in the package's entries). */
  record Decided(int entry, Decision decision) {}

  /**
   * The decisions for the version of {@code probe} over all of a package's entries (every release), in entry
   * order. Through {@link PackageIntervals} only the entries whose ranges or lists hold the version
   * (plus any the intervals cannot judge) are evaluated, or all of them when the version is not
   * valid in the package's scheme; the result depends on nothing but the version text and the
   * entries, so it is kept per package for versions seen before. Without a version, or for the
   * reference matcher ({@link #withoutIntervals}), every entry is evaluated and nothing is kept.
   */
  private List<Decided> decisions(PackageKey probe, AdvisoryIndex.PackageEntries packageEntries) {
    Optional<String> version = probe.version().filter(v -> !v.isBlank());
    boolean fast = intervals && version.isPresent();
    List<Decided> known = fast ? packageEntries.decisions(version.get()) : null;
    if (known != null) {
      return known;
    }
    int[] picked = !fast ? null : packageEntries.intervals().toEvaluate(version.get(),
        (entry, v) -> decide(probe, entry.prepared()).filter(d -> d.status() == FindingStatus.AFFECTED).isPresent());
    List<AdvisoryIndex.Entry> all = packageEntries.all();
    List<Decided> decided = new ArrayList<>();
    int count = picked == null ? all.size() : picked.length;
    for (int n = 0; n < count; n++) {
      int i = picked == null ? n : picked[n];
      Optional<Decision> decision = decide(probe, all.get(i).prepared());
      if (decision.isPresent()) {
        decided.add(new Decided(i, decision.get()));
      }
    }
    List<Decided> result = List.copyOf(decided);
    if (fast) {
      packageEntries.remember(version.get(), result);
    }
    return result;
  }

  /**
   * {@link EvaluationDigests#combine} of the evaluation digests of {@link #candidates}, or empty
   * when there are none; cached per product and release, so an image costs one lookup per component.
   */
  public Optional<String> candidatesDigest(ComponentRef component, Optional<ComponentRef> operatingSystem) {
    return groupDigest(resolve(component, operatingSystem));
  }

  private Optional<String> groupDigest(Resolution resolution) {
    return resolution.group() == null ? Optional.empty() : Optional.ofNullable(resolution.group().digest());
  }

  private Resolution resolve(ComponentRef component, Optional<ComponentRef> operatingSystem) {
    if (component.type().equals("operating-system")) {
      return Resolution.skipped(NotEvaluatedReason.OPERATING_SYSTEM);
    }
    if (component.purl().isEmpty()) {
      return Resolution.skipped(NotEvaluatedReason.NO_PURL);
    }
    ParsedPurl parsedPurl = parse(component.purl().get());
    Optional<PackageURL> purl = parsedPurl.purl();
    if (purl.isEmpty()) {
      return Resolution.skipped(NotEvaluatedReason.MALFORMED_PURL);
    }
    Optional<PackageKey> parsed = parsedPurl.key();
    if (parsed.isEmpty()) {
      return Resolution.skipped(NotEvaluatedReason.UNKNOWN_PURL_TYPE);
    }
    PackageKey key = withRelease(parsed.get(), operatingSystem);
    if (DistroReleases.usesReleases(key.ecosystem()) && key.release().isEmpty()) {
      return Resolution.skipped(NotEvaluatedReason.NO_DISTRO_RELEASE);
    }
    SourcePackages.Source source = SourcePackages.of(key, purl.get(), component.sourcePackage());
    PackageKey matchKey = source.key();
    // The purl's own package unless a source package is matched instead (a release changes no entries).
    AdvisoryIndex.PackageEntries entries = matchKey.ecosystem().equals(parsed.get().ecosystem())
        && matchKey.name().equals(parsed.get().name()) ? parsedPurl.entries() : index.entries(matchKey.ecosystem(), matchKey.name());
    return new Resolution(Optional.of(source), entries, entries.forRelease(matchKey.release()), Optional.empty());
  }

  /**
   * A purl and its package key, parsed once: popular components are in most images, and parsing a
   * purl costs more than looking its package up. Bounded; beyond the limit the cache starts over.
   */
  private ParsedPurl parse(String text) {
    ParsedPurl parsed = parsedPurls.get(text);
    if (parsed == null) {
      Optional<PackageURL> purl = Ecosystems.parse(text);
      Optional<PackageKey> key = purl.flatMap(Ecosystems::fromPackageUrl);
      parsed = new ParsedPurl(purl, key, key.map(k -> index.entries(k.ecosystem(), k.name())).orElse(null));
      if (parsedPurls.size() >= PARSED_PURLS_LIMIT) {
        parsedPurls.clear();
      }
      parsedPurls.put(text, parsed);
    }
    return parsed;
  }

  /** A parsed purl, its package key, and that key's entries in the index (null without a key). */
  private record ParsedPurl(Optional<PackageURL> purl, Optional<PackageKey> key, AdvisoryIndex.PackageEntries entries) {}

  /** Where a component stands before any version is compared. */
  private record Resolution(Optional<SourcePackages.Source> match, AdvisoryIndex.PackageEntries packageEntries,
      AdvisoryIndex.ReleaseGroup group, Optional<NotEvaluatedReason> notEvaluated) {
    static Resolution skipped(NotEvaluatedReason reason) {
      return new Resolution(Optional.empty(), AdvisoryIndex.PackageEntries.NONE, null, Optional.of(reason));
    }

    List<AdvisoryIndex.Entry> entries() {
      return group == null ? List.of() : group.entries();
    }

    SourcePackages.Source source() {
      return match.orElseThrow();
    }
  }

  private static PackageKey withRelease(PackageKey key, Optional<ComponentRef> operatingSystem) {
    if (key.release().isPresent() || operatingSystem.isEmpty() || operatingSystem.get().version().isEmpty()) {
      return key;
    }
    Optional<String> release = DistroReleases.fromOperatingSystem(key.ecosystem(), operatingSystem.get().name(),
        operatingSystem.get().version().get());
    return new PackageKey(key.ecosystem(), key.name(), key.version(), release);
  }

  private static Optional<NotEvaluatedReason> versionProblem(PackageKey key) {
    if (key.version().isEmpty() || key.version().get().isBlank()) {
      return Optional.of(NotEvaluatedReason.NO_VERSION);
    }
    Optional<VersionScheme> scheme = VersionSchemes.forEcosystem(key.ecosystem());
    return scheme.flatMap(s -> invalid(s, key.version().get())).map(e -> NotEvaluatedReason.UNSUPPORTED_VERSION);
  }

  /**
   * The findings of one component, the reason it was not (fully) evaluated if any, and the
   * {@link #candidatesDigest} of the entries it was evaluated against.
   */
  public record Assessment(List<Finding> findings, Optional<NotEvaluatedReason> notEvaluated,
      Optional<String> candidatesDigest) {
    public Assessment {
      findings = List.copyOf(findings);
      Objects.requireNonNull(notEvaluated, "notEvaluated is null");
      Objects.requireNonNull(candidatesDigest, "candidatesDigest is null");
    }

    static Assessment notEvaluated(NotEvaluatedReason reason) {
      return new Assessment(List.of(), Optional.of(reason), Optional.empty());
    }
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
        component.label(),
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

  /** What was decided for one advisory: status, reason, the range or list that matched, the fixed version. */
  record Decision(FindingStatus status, String reason, String matched, Optional<String> fixedVersion) {
    static Decision unknown(String reason, String matched) {
      return new Decision(FindingStatus.UNKNOWN, reason, matched, Optional.empty());
    }
  }
}
