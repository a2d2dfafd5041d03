package org.stellaops.engine.match;

import java.util.List;
import java.util.Optional;
import org.stellaops.engine.version.UnparseableVersionException;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;

/**
 * Evaluates a version against an OSV {@code SEMVER} or {@code ECOSYSTEM} range, following the
 * OSV schema's algorithm: events sorted by version ({@code introduced: "0"} lowest), a version is
 * affected from an {@code introduced} up to the next {@code fixed} (exclusive) or
 * {@code last_affected} (inclusive); {@code limit} events cap the whole range (exclusive).
 */
public final class RangeEvaluator {
  private RangeEvaluator() {}

  /** Checks {@code version} against {@code range} using {@code scheme} for ordering. */
  public static RangeResult evaluate(AffectedRange range, String version, VersionScheme scheme) {
    PreparedRange prepared = PreparedRange.of(range, scheme);
    if (prepared.undecidableReason().isPresent()) {
      return RangeResult.undecidable(prepared.undecidableReason().get());
    }
    try {
      scheme.validate(version);
    } catch (UnparseableVersionException e) {
      return RangeResult.undecidable(componentVersionReason(e, scheme));
    }
    return evaluate(prepared, version);
  }

  /**
   * The events of {@code range} in the order evaluation walks them: by version under
   * {@code scheme}, {@code introduced: "0"} first, a {@code "*"} limit last, equal versions in
   * document order. Throws {@link UnparseableVersionException} for an event version the scheme
   * refuses. Exporters use it to write a range in another tool's notation exactly as it is read here.
   */
  public static List<RangeEvent> sortedEvents(AffectedRange range, VersionScheme scheme) {
    return PreparedRange.sorted(range.events(), scheme);
  }

  /**
   * The order a range of {@code type} is evaluated in, for a package of an ecosystem ordered by
   * {@code ecosystemScheme}: {@code SEMVER} ranges use the ecosystem's SemVer reading where it has
   * one (Go, crates.io), node-semver's otherwise; other ranges use the ecosystem's order.
   */
  public static Optional<VersionScheme> schemeFor(RangeType type, Optional<VersionScheme> ecosystemScheme) {
    return type == RangeType.SEMVER ? PreparedPackage.semverScheme(ecosystemScheme) : ecosystemScheme;
  }

  static String componentVersionReason(UnparseableVersionException e, VersionScheme scheme) {
    return "component version '" + e.version() + "' is not valid for " + scheme.name() + ": " + e.reason();
  }

  /** Checks an already validated {@code version} against a prepared, evaluable range. */
  static RangeResult evaluate(PreparedRange prepared, String version) {
    VersionScheme scheme = prepared.scheme();
    AffectedRange range = prepared.range();
    List<RangeEvent> events = prepared.sortedEvents();
    if (!belowLimits(events, version, scheme)) {
      return RangeResult.notAffected();
    }
    RangeEvent opened = null;
    for (RangeEvent event : events) {
      switch (event.kind()) {
        case INTRODUCED -> {
          if (PreparedRange.isZero(event) || scheme.compare(version, event.version()) >= 0) {
            opened = event;
          }
        }
        case FIXED -> {
          if (scheme.compare(version, event.version()) >= 0) {
            opened = null;
          } else if (opened != null) {
            return RangeResult.affected(interval(range, opened, event), Optional.of(event.version()));
          }
        }
        case LAST_AFFECTED -> {
          if (scheme.compare(version, event.version()) > 0) {
            opened = null;
          } else if (opened != null) {
            return RangeResult.affected(interval(range, opened, event), Optional.empty());
          }
        }
        case LIMIT -> { }
      }
    }
    return opened == null ? RangeResult.notAffected() : RangeResult.affected(interval(range, opened, null), Optional.empty());
  }

  private static boolean belowLimits(List<RangeEvent> events, String version, VersionScheme scheme) {
    boolean anyLimit = false;
    for (RangeEvent event : events) {
      if (event.kind() == RangeEventKind.LIMIT) {
        anyLimit = true;
        if (event.version().equals("*") || scheme.compare(version, event.version()) < 0) {
          return true;
        }
      }
    }
    return !anyLimit;
  }

  /** A readable interval such as {@code ECOSYSTEM >=2.0-beta9, <2.15.0}. */
  static String interval(AffectedRange range, RangeEvent from, RangeEvent to) {
    StringBuilder text = new StringBuilder(range.type().name()).append(' ');
    text.append(PreparedRange.isZero(from) ? ">=0" : ">=" + from.version());
    if (to != null) {
      text.append(to.kind() == RangeEventKind.FIXED ? ", <" : ", <=").append(to.version());
    }
    return text.toString();
  }
}
