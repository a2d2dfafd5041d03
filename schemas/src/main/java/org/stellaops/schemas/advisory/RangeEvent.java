package org.stellaops.schemas.advisory;

import java.util.Objects;

/** One event of an OSV range: at {@code version}, {@code kind} happens. */
public record RangeEvent(RangeEventKind kind, String version) {
  public RangeEvent {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(version, "version is null");
  }
}
