package org.stellaops.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;

class RangePlannerTest {
  private static final PackagePool POOL = PackagePool.create(42);

  @Test
  void plannedPositionsAreWhatTheOsvEvaluationRulesGiveForTheEvents() {
    SplittableRandom random = new SplittableRandom(5);
    for (SyntheticEcosystem ecosystem : SyntheticEcosystem.values()) {
      for (int rank = 0; rank < PackagePool.PACKAGES_PER_ECOSYSTEM; rank += 3) {
        SyntheticPackage target = POOL.packageAt(ecosystem, rank);
        for (int attempt = 0; attempt < 4; attempt++) {
          PlannedRange range = RangePlanner.plan(target, random);
          BitSet affected = range.affectedVersions();
          assertThat(affected).as(target.osvName() + " " + range.events())
              .isEqualTo(evaluate(range.events(), target.versions()));
          assertThat(affected.isEmpty()).isFalse();
          assertWellFormed(range, target);
        }
      }
    }
  }

  private static void assertWellFormed(PlannedRange range, SyntheticPackage target) {
    List<RangeEventKind> kinds = range.events().stream().map(RangeEvent::kind).toList();
    assertThat(kinds.get(0)).isEqualTo(RangeEventKind.INTRODUCED);
    assertThat(kinds.contains(RangeEventKind.FIXED) && kinds.contains(RangeEventKind.LAST_AFFECTED)).isFalse();
    assertThat(range.events().stream().map(event -> position(event, target.versions())).toList()).isSorted();
    if (range.type() == RangeType.SEMVER) {
      assertThat(target.ecosystem().semverRangeShare()).isPositive();
    }
    boolean closed = kinds.stream().anyMatch(kind -> kind != RangeEventKind.INTRODUCED);
    if (closed) {
      int size = target.versions().size();
      assertThat(range.affectedVersions().get(size - RangePlanner.CLEAN_RELEASES, size).isEmpty()).isTrue();
    } else {
      assertThat(target.rank()).isGreaterThanOrEqualTo(1_000);
    }
  }

  /** The evaluation pseudocode of the OSV schema, with history positions as the version order. */
  static BitSet evaluate(List<RangeEvent> events, List<String> history) {
    BitSet affected = new BitSet();
    for (int version = 0; version < history.size(); version++) {
      if (beforeLimits(version, events, history) && vulnerable(version, events, history)) {
        affected.set(version);
      }
    }
    return affected;
  }

  private static boolean beforeLimits(int version, List<RangeEvent> events, List<String> history) {
    List<Integer> limits = events.stream()
        .filter(event -> event.kind() == RangeEventKind.LIMIT)
        .map(event -> position(event, history))
        .toList();
    return limits.isEmpty() || limits.stream().anyMatch(limit -> version < limit);
  }

  private static boolean vulnerable(int version, List<RangeEvent> events, List<String> history) {
    boolean vulnerable = false;
    for (RangeEvent event : events) {
      int position = position(event, history);
      switch (event.kind()) {
        case INTRODUCED -> vulnerable = version >= position || vulnerable;
        case FIXED -> vulnerable = version < position && vulnerable;
        case LAST_AFFECTED -> vulnerable = version <= position && vulnerable;
        case LIMIT -> { }
      }
    }
    return vulnerable;
  }

  private static int position(RangeEvent event, List<String> history) {
    if (event.version().equals("0")) {
      return 0;
    }
    int position = history.indexOf(event.version());
    assertThat(position).as(event.version() + " in " + history).isNotNegative();
    return position;
  }
}
