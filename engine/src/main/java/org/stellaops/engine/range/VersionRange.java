package org.stellaops.engine.range;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.schemas.advisory.AffectedRange;

/**
 * The canonical range model: a union of {@link VersionInterval}s plus the pre-release rule of the
 * notation it came from. Every range notation we read (OSV events, GHSA and Trivy comparators,
 * npm ranges, Maven intervals) converts into this one form, so they are evaluated one way.
 * An empty union contains no version.
 */
public record VersionRange(List<VersionInterval> intervals, PrereleaseRule prereleaseRule) {
  public VersionRange {
    intervals = List.copyOf(intervals);
    requireNonNull(prereleaseRule, "prereleaseRule is null");
  }

  /** A union of intervals ordered by the scheme alone. */
  public static VersionRange of(List<VersionInterval> intervals) {
    return new VersionRange(intervals, PrereleaseRule.ORDER_ONLY);
  }

  /**
   * The OSV {@code SEMVER} or {@code ECOSYSTEM} range as intervals, reading its events in document
   * order (OSV producers write them ascending): each {@code introduced} opens an interval
   * ({@code "0"} means unbounded below) that the next {@code fixed} closes exclusively or
   * {@code last_affected} inclusively; an interval still open at the end is unbounded above.
   * Throws {@link IllegalArgumentException} for {@code GIT} ranges and for {@code limit} events,
   * which need a scheme: use {@link #fromOsv(AffectedRange, VersionScheme)} for those.
   */
  public static VersionRange fromOsv(AffectedRange range) {
    return OsvRangeConverter.inDocumentOrder(range);
  }

  /**
   * As {@link #fromOsv(AffectedRange)}, but first sorts the events by {@code scheme} as the OSV
   * evaluation algorithm does, and applies {@code limit} events (versions at or above every limit
   * are outside). Throws {@link org.stellaops.engine.version.UnparseableVersionException} when an
   * event version is not valid in the scheme.
   */
  public static VersionRange fromOsv(AffectedRange range, VersionScheme scheme) {
    return OsvRangeConverter.sorted(range, scheme);
  }

  /**
   * Whether {@code version} lies in any interval, ordered by {@code scheme} and filtered by this
   * range's {@link PrereleaseRule}. Throws
   * {@link org.stellaops.engine.version.UnparseableVersionException} when {@code version} (or a
   * bound) is not a valid version of the scheme.
   */
  public boolean contains(String version, VersionScheme scheme) {
    requireNonNull(version, "version is null");
    requireNonNull(scheme, "scheme is null");
    scheme.validate(version);
    Optional<String> prereleaseTuple = prereleaseRule == PrereleaseRule.NPM_SAME_TUPLE
        ? NpmVersionText.prereleaseTuple(version) : Optional.empty();
    for (VersionInterval interval : intervals) {
      if (interval.containsByOrder(version, scheme)
          && (prereleaseTuple.isEmpty() || hasPrereleaseBoundOn(interval, prereleaseTuple.get()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasPrereleaseBoundOn(VersionInterval interval, String tuple) {
    return interval.lower().flatMap(b -> NpmVersionText.prereleaseTuple(b.version())).filter(tuple::equals).isPresent()
        || interval.upper().flatMap(b -> NpmVersionText.prereleaseTuple(b.version())).filter(tuple::equals).isPresent();
  }

  /** The intervals in comparator notation joined by {@code ||}, e.g. {@code >=1.0 <2.0 || >=3.0}. */
  @Override
  public String toString() {
    return intervals.isEmpty() ? "(empty)"
        : intervals.stream().map(VersionInterval::toString).collect(Collectors.joining(" || "));
  }
}
