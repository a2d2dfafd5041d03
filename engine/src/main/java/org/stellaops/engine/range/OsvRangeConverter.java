package org.stellaops.engine.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;

/** Turns OSV range events into {@link VersionInterval}s. */
final class OsvRangeConverter {
  private OsvRangeConverter() {}

  static VersionRange inDocumentOrder(AffectedRange range) {
    rejectGit(range);
    for (RangeEvent event : range.events()) {
      if (event.kind() == RangeEventKind.LIMIT && !event.version().equals("*")) {
        throw new IllegalArgumentException("OSV range has a limit event ('" + event.version()
            + "'); converting limits needs the ecosystem's version scheme (VersionRange.fromOsv(range, scheme))");
      }
    }
    return VersionRange.of(pair(range.events()));
  }

  static VersionRange sorted(AffectedRange range, VersionScheme scheme) {
    rejectGit(range);
    List<RangeEvent> events = sortByVersion(range.events(), scheme);
    List<VersionInterval> intervals = pair(events);
    Optional<String> limit = highestLimit(events);
    if (limit.isEmpty()) {
      return VersionRange.of(intervals);
    }
    VersionInterval belowLimit = new VersionInterval(Optional.empty(), Optional.of(VersionBound.exclusive(limit.get())));
    List<VersionInterval> capped = new ArrayList<>();
    for (VersionInterval interval : intervals) {
      capped.add(interval.intersect(belowLimit, scheme));
    }
    return VersionRange.of(capped);
  }

  private static void rejectGit(AffectedRange range) {
    if (range.type() == RangeType.GIT) {
      throw new IllegalArgumentException("GIT ranges cannot be evaluated against versions: their events are commit "
          + "hashes" + range.repo().map(repo -> " in " + repo).orElse("") + ", not package versions");
    }
  }

  private static List<VersionInterval> pair(List<RangeEvent> events) {
    List<VersionInterval> intervals = new ArrayList<>();
    Optional<VersionBound> opened = null;
    for (RangeEvent event : events) {
      switch (event.kind()) {
        case INTRODUCED -> {
          if (opened == null) {
            opened = event.version().equals("0") ? Optional.empty() : Optional.of(VersionBound.inclusive(event.version()));
          }
        }
        case FIXED, LAST_AFFECTED -> {
          if (opened != null) {
            VersionBound upper = event.kind() == RangeEventKind.FIXED
                ? VersionBound.exclusive(event.version()) : VersionBound.inclusive(event.version());
            intervals.add(new VersionInterval(opened, Optional.of(upper)));
            opened = null;
          }
        }
        case LIMIT -> { }
      }
    }
    if (opened != null) {
      intervals.add(new VersionInterval(opened, Optional.empty()));
    }
    return intervals;
  }

  /** Insertion sort, as the matcher does: few events, and it tolerates a non-transitive order. */
  private static List<RangeEvent> sortByVersion(List<RangeEvent> events, VersionScheme scheme) {
    List<RangeEvent> sorted = new ArrayList<>(events.size());
    for (RangeEvent event : events) {
      int at = sorted.size();
      while (at > 0 && compareEvents(sorted.get(at - 1), event, scheme) > 0) {
        at--;
      }
      sorted.add(at, event);
    }
    return sorted;
  }

  private static int compareEvents(RangeEvent a, RangeEvent b, VersionScheme scheme) {
    boolean aLowest = isZero(a);
    boolean bLowest = isZero(b);
    if (aLowest || bLowest) {
      return Boolean.compare(!aLowest, !bLowest);
    }
    boolean aHighest = a.version().equals("*");
    boolean bHighest = b.version().equals("*");
    if (aHighest || bHighest) {
      return Boolean.compare(aHighest, bHighest);
    }
    return scheme.compare(a.version(), b.version());
  }

  private static boolean isZero(RangeEvent event) {
    return event.kind() == RangeEventKind.INTRODUCED && event.version().equals("0");
  }

  /** The highest limit, or empty when there is none or one is {@code *} (no cap). */
  private static Optional<String> highestLimit(List<RangeEvent> sortedEvents) {
    String highest = null;
    for (RangeEvent event : sortedEvents) {
      if (event.kind() == RangeEventKind.LIMIT) {
        if (event.version().equals("*")) {
          return Optional.empty();
        }
        highest = event.version();
      }
    }
    return Optional.ofNullable(highest);
  }
}
