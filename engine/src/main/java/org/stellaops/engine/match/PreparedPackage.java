package org.stellaops.engine.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stellaops.engine.version.GoScheme;
import org.stellaops.engine.version.SemVerScheme;
import org.stellaops.engine.version.UnparseableVersionException;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeType;

/**
 * An affected package made ready for matching many components: listed versions as a set and,
 * where the ecosystem has an order, sorted for binary search; ranges validated and sorted once.
 */
final class PreparedPackage {
  private final Optional<VersionScheme> scheme;
  private final Set<String> listed;
  private final List<String> listedSorted;
  private final List<PreparedRange> ranges;
  private final List<Unevaluable> unevaluable;

  /** A range that cannot be evaluated at all, with why and how to show it. */
  record Unevaluable(String reason, String matched) {}

  private PreparedPackage(AffectedPackage affected) {
    scheme = VersionSchemes.forEcosystem(affected.ecosystem());
    listed = Set.copyOf(affected.versions());
    listedSorted = scheme.map(s -> sortedValid(affected.versions(), s)).orElse(null);
    List<PreparedRange> evaluable = new ArrayList<>();
    List<Unevaluable> other = new ArrayList<>();
    for (AffectedRange range : affected.ranges()) {
      if (range.type() == RangeType.GIT) {
        if (affected.versions().isEmpty()) {
          other.add(new Unevaluable("the advisory gives only a GIT commit range, which cannot be evaluated against a package version",
              "GIT " + range.repo().orElse("")));
        }
        continue;
      }
      Optional<VersionScheme> rangeScheme = range.type() == RangeType.SEMVER ? semverScheme(scheme) : scheme;
      if (rangeScheme.isEmpty()) {
        other.add(new Unevaluable("no version comparer for ecosystem " + affected.ecosystem() + " yet", AdvisoryMatcher.describe(range)));
      } else {
        evaluable.add(PreparedRange.of(range, rangeScheme.get()));
      }
    }
    ranges = List.copyOf(evaluable);
    unevaluable = List.copyOf(other);
  }

  static PreparedPackage of(AffectedPackage affected) {
    return new PreparedPackage(affected);
  }

  Optional<VersionScheme> scheme() {
    return scheme;
  }

  List<PreparedRange> ranges() {
    return ranges;
  }

  List<Unevaluable> unevaluable() {
    return unevaluable;
  }

  /** The listed versions the scheme accepts, sorted under it; empty without a scheme. */
  List<String> listedValid() {
    return listedSorted == null ? List.of() : listedSorted;
  }

  /** Whether the listed versions could be sorted under the scheme (true when there are none). */
  boolean listedSortable() {
    return listedSorted != null;
  }

  /** The listed entry equal to {@code version}: same text, or equal under the ecosystem's order. */
  Optional<String> listedEntry(String version, boolean versionIsValid) {
    if (listed.contains(version)) {
      return Optional.of(version);
    }
    if (!versionIsValid || listed.isEmpty() || scheme.isEmpty()) {
      return Optional.empty();
    }
    VersionScheme order = scheme.get();
    if (listedSorted != null) {
      int at = Collections.binarySearch(listedSorted, version, order::compare);
      return at >= 0 ? Optional.of(listedSorted.get(at)) : Optional.empty();
    }
    for (String candidate : listed) {
      try {
        if (order.compare(version, candidate) == 0) {
          return Optional.of(candidate);
        }
      } catch (UnparseableVersionException e) {
        // A listed version the ecosystem cannot read matches only by exact text, checked above.
      }
    }
    return Optional.empty();
  }

  /** Listed versions the scheme accepts, sorted; null when the order is not consistent enough to sort. */
  private static List<String> sortedValid(List<String> versions, VersionScheme scheme) {
    List<String> valid = new ArrayList<>(versions.size());
    for (String version : versions) {
      try {
        scheme.validate(version);
        valid.add(version);
      } catch (UnparseableVersionException e) {
        // matched by exact text only
      }
    }
    try {
      valid.sort(scheme::compare);
    } catch (IllegalArgumentException e) {
      return null;
    }
    for (int i = 1; i < valid.size(); i++) {
      if (scheme.compare(valid.get(i - 1), valid.get(i)) > 0) {
        return null;
      }
    }
    return List.copyOf(valid);
  }

  /** SEMVER ranges use the ecosystem's own SemVer reading where it has one (Go's {@code v} prefix, crates.io). */
  static Optional<VersionScheme> semverScheme(Optional<VersionScheme> ecosystemScheme) {
    return ecosystemScheme.filter(s -> s instanceof SemVerScheme || s instanceof GoScheme).or(VersionSchemes::semver);
  }
}
