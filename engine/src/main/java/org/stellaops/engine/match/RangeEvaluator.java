package org.stellaops.engine.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stellaops.engine.version.UnparseableVersionException;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;

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
    List<RangeEvent> events;
    try {
      scheme.validate(version);
      events = sorted(range.events(), scheme);
    } catch (UnparseableVersionException e) {
      String which = e.version().equals(version) ? "component version" : "range event version";
      return RangeResult.undecidable(which + " '" + e.version() + "' is not valid for " + scheme.name() + ": " + e.reason());
    }
    if (!belowLimits(events, version, scheme)) {
      return RangeResult.notAffected();
    }
    RangeEvent opened = null;
    for (int i = 0; i < events.size(); i++) {
      RangeEvent event = events.get(i);
      switch (event.kind()) {
        case INTRODUCED -> {
          if (isZero(event) || scheme.compare(version, event.version()) >= 0) {
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

  private static List<RangeEvent> sorted(List<RangeEvent> events, VersionScheme scheme) {
    for (RangeEvent event : events) {
      if (!isZero(event) && !event.version().equals("*")) {
        scheme.validate(event.version());
      }
    }
    // Insertion sort: ranges hold a handful of events, and unlike TimSort it cannot fail on an
    // order that is not transitive (Maven's ComparableVersion has such corners).
    List<RangeEvent> copy = new ArrayList<>(events.size());
    for (RangeEvent event : events) {
      int at = copy.size();
      while (at > 0 && compareEvents(copy.get(at - 1), event, scheme) > 0) {
        at--;
      }
      copy.add(at, event);
    }
    return copy;
  }

  private static int compareEvents(RangeEvent a, RangeEvent b, VersionScheme scheme) {
    if (isZero(a) || isZero(b)) {
      return Boolean.compare(!isZero(a), !isZero(b));
    }
    if (a.version().equals("*") || b.version().equals("*")) {
      return Boolean.compare(a.version().equals("*"), b.version().equals("*"));
    }
    return scheme.compare(a.version(), b.version());
  }

  private static boolean isZero(RangeEvent event) {
    return event.kind() == RangeEventKind.INTRODUCED && event.version().equals("0");
  }

  /** A readable interval such as {@code ECOSYSTEM >=2.0-beta9, <2.15.0}. */
  static String interval(AffectedRange range, RangeEvent from, RangeEvent to) {
    StringBuilder text = new StringBuilder(range.type().name()).append(' ');
    text.append(isZero(from) ? ">=0" : ">=" + from.version());
    if (to != null) {
      text.append(to.kind() == RangeEventKind.FIXED ? ", <" : ", <=").append(to.version());
    }
    return text.toString();
  }
}
