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
 * A range made ready for repeated evaluation: its events validated and sorted once under one
 * scheme, or the reason it cannot be evaluated (an event version the scheme does not accept).
 */
final class PreparedRange {
  private final AffectedRange range;
  private final VersionScheme scheme;
  private final List<RangeEvent> sortedEvents;
  private final String undecidableReason;

  private PreparedRange(AffectedRange range, VersionScheme scheme, List<RangeEvent> sortedEvents, String undecidableReason) {
    this.range = range;
    this.scheme = scheme;
    this.sortedEvents = sortedEvents;
    this.undecidableReason = undecidableReason;
  }

  static PreparedRange of(AffectedRange range, VersionScheme scheme) {
    try {
      return new PreparedRange(range, scheme, sorted(range.events(), scheme), null);
    } catch (UnparseableVersionException e) {
      return new PreparedRange(range, scheme, List.of(),
          "range event version '" + e.version() + "' is not valid for " + scheme.name() + ": " + e.reason());
    }
  }

  AffectedRange range() {
    return range;
  }

  VersionScheme scheme() {
    return scheme;
  }

  Optional<String> undecidableReason() {
    return Optional.ofNullable(undecidableReason);
  }

  List<RangeEvent> sortedEvents() {
    return sortedEvents;
  }

  static List<RangeEvent> sorted(List<RangeEvent> events, VersionScheme scheme) {
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
    return List.copyOf(copy);
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

  static boolean isZero(RangeEvent event) {
    return event.kind() == RangeEventKind.INTRODUCED && event.version().equals("0");
  }
}
