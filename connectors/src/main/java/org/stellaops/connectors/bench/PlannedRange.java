package org.stellaops.connectors.bench;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;
import java.util.List;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeType;

/**
 * One OSV range of a synthetic advisory, with the positions in the package's history that it
 * covers under the OSV evaluation rules: the ground truth for matching benchmarks.
 */
record PlannedRange(RangeType type, List<RangeEvent> events, BitSet affectedVersions) {
  PlannedRange {
    requireNonNull(type, "type is null");
    events = List.copyOf(requireNonNull(events, "events is null"));
    affectedVersions = (BitSet) requireNonNull(affectedVersions, "affectedVersions is null").clone();
  }

  @Override
  public BitSet affectedVersions() {
    return (BitSet) affectedVersions.clone();
  }
}
