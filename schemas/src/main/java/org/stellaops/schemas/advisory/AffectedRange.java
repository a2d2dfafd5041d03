package org.stellaops.schemas.advisory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An OSV range: its ordering type, the repository for GIT ranges, and its events in document order. */
public record AffectedRange(RangeType type, Optional<String> repo, List<RangeEvent> events) {
  public AffectedRange {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(repo, "repo is null");
    events = List.copyOf(events);
  }
}
