package org.stellaops.engine.range;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.stellaops.engine.version.VersionScheme;

/**
 * A contiguous set of versions: from an optional lower bound to an optional upper bound. An absent
 * bound means unbounded on that side; an interval whose lower bound lies above its upper bound is
 * empty (it contains nothing) rather than an error, because that can only be decided under a scheme.
 */
public record VersionInterval(Optional<VersionBound> lower, Optional<VersionBound> upper) {
  public VersionInterval {
    requireNonNull(lower, "lower is null");
    requireNonNull(upper, "upper is null");
  }

  /** Every version. */
  public static VersionInterval all() {
    return new VersionInterval(Optional.empty(), Optional.empty());
  }

  /** Exactly {@code version}. */
  public static VersionInterval exactly(String version) {
    VersionBound bound = VersionBound.inclusive(version);
    return new VersionInterval(Optional.of(bound), Optional.of(bound));
  }

  /**
   * Whether {@code version} lies inside by {@code scheme}'s order alone (no pre-release rule).
   * Throws {@link org.stellaops.engine.version.UnparseableVersionException} when the version or a
   * bound is not valid in the scheme.
   */
  public boolean containsByOrder(String version, VersionScheme scheme) {
    if (lower.isPresent()) {
      int c = scheme.compare(version, lower.get().version());
      if (c < 0 || (c == 0 && !lower.get().inclusive())) {
        return false;
      }
    }
    if (upper.isPresent()) {
      int c = scheme.compare(version, upper.get().version());
      return c < 0 || (c == 0 && upper.get().inclusive());
    }
    return true;
  }

  /** The tighter of this interval and {@code other} on both sides, compared by {@code scheme}. */
  VersionInterval intersect(VersionInterval other, VersionScheme scheme) {
    return new VersionInterval(tighter(lower, other.lower, scheme, 1), tighter(upper, other.upper, scheme, -1));
  }

  /** {@code direction} 1 keeps the higher bound (lower ends), -1 the lower one (upper ends). */
  private static Optional<VersionBound> tighter(
      Optional<VersionBound> a, Optional<VersionBound> b, VersionScheme scheme, int direction) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() ? b : a;
    }
    int c = scheme.compare(a.get().version(), b.get().version()) * direction;
    if (c == 0) {
      return a.get().inclusive() ? b : a;
    }
    return c > 0 ? a : b;
  }

  /** The interval in comparator notation, e.g. {@code >=1.0.0 <2.0.0}, or {@code *} when unbounded. */
  @Override
  public String toString() {
    if (lower.isEmpty() && upper.isEmpty()) {
      return "*";
    }
    if (lower.isPresent() && lower.equals(upper) && lower.get().inclusive()) {
      return "=" + lower.get().version();
    }
    StringBuilder text = new StringBuilder();
    lower.ifPresent(b -> text.append(b.inclusive() ? ">=" : ">").append(b.version()));
    upper.ifPresent(b -> text.append(text.length() > 0 ? " " : "").append(b.inclusive() ? "<=" : "<").append(b.version()));
    return text.toString();
  }
}
