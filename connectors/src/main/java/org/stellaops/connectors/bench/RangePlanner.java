package org.stellaops.connectors.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;

/**
 * Chooses the affected range of one advisory on one package. Every shape OSV allows appears:
 * {@code introduced} at "0" or at a release, {@code fixed}, several introduced/fixed pairs,
 * {@code last_affected}, {@code limit} (rare) and, for unpopular packages, no fix at all.
 *
 * <p>Only unfixed ranges reach the newest {@link #CLEAN_RELEASES} releases. Without that bound a
 * popular package with hundreds of advisories would be affected in every version, and images,
 * which mostly run recent releases, would match far more often than real fleets do.
 */
final class RangePlanner {
  static final int CLEAN_RELEASES = 3;

  /** Ranks from here on may have unfixed advisories; they are rare in images. */
  private static final int UNFIXED_MIN_RANK = 1_000;

  private RangePlanner() {}

  static PlannedRange plan(SyntheticPackage target, SplittableRandom random) {
    RangeType type = random.nextDouble() < target.ecosystem().semverRangeShare()
        ? RangeType.SEMVER
        : RangeType.ECOSYSTEM;
    Builder builder = new Builder(target, type);
    int highestFix = target.versions().size() - CLEAN_RELEASES;
    double shape = random.nextDouble();
    if (shape < 0.03 && target.rank() >= UNFIXED_MIN_RANK) {
      int introduced = random.nextBoolean() ? 0 : random.nextInt(target.versions().size());
      builder.introduced(introduced).cover(introduced, target.versions().size());
    } else if (shape >= 0.06 && shape < 0.10) {
      limited(builder, highestFix, random);
    } else if (shape >= 0.10 && shape < 0.26) {
      lastAffected(builder, highestFix - 1, random);
    } else if (shape >= 0.26 && shape < 0.40 && highestFix >= 4) {
      severalFixes(builder, highestFix, random);
    } else {
      int fixed = 1 + random.nextInt(highestFix);
      builder.introduced(random.nextBoolean() ? 0 : random.nextInt(fixed)).fixed(fixed);
    }
    return builder.build();
  }

  private static void lastAffected(Builder builder, int highestAffected, SplittableRandom random) {
    int last = random.nextInt(highestAffected + 1);
    builder.introduced(random.nextBoolean() ? 0 : random.nextInt(last + 1)).lastAffected(last);
  }

  private static void limited(Builder builder, int highestLimit, SplittableRandom random) {
    if (highestLimit >= 3 && random.nextBoolean()) {
      int[] cuts = distinctSorted(random, 3, 1, highestLimit);
      builder.introduced(0).fixed(cuts[0]).introduced(cuts[1]).limit(cuts[2]);
    } else {
      int limit = 1 + random.nextInt(highestLimit);
      builder.introduced(random.nextInt(limit)).limit(limit);
    }
  }

  private static void severalFixes(Builder builder, int highestFix, SplittableRandom random) {
    int pairs = highestFix >= 6 && random.nextInt(3) == 0 ? 3 : 2;
    int[] cuts = distinctSorted(random, 2 * pairs, 0, highestFix);
    if (random.nextInt(5) < 2) {
      cuts[0] = 0;
    }
    for (int pair = 0; pair < pairs; pair++) {
      builder.introduced(cuts[2 * pair]).fixed(cuts[2 * pair + 1]);
    }
  }

  /** {@code count} distinct ascending integers from {@code low..high}; needs enough room. */
  private static int[] distinctSorted(SplittableRandom random, int count, int low, int high) {
    BitSet chosen = new BitSet();
    while (chosen.cardinality() < count) {
      chosen.set(low + random.nextInt(high - low + 1));
    }
    return chosen.stream().toArray();
  }

  /** Collects events and the history positions they cover, in event order. */
  private static final class Builder {
    private final SyntheticPackage target;
    private final RangeType type;
    private final List<RangeEvent> events = new ArrayList<>();
    private final BitSet affected = new BitSet();
    private int lastIntroduced;

    Builder(SyntheticPackage target, RangeType type) {
      this.target = target;
      this.type = type;
    }

    /** Position 0 is written as OSV's "0", which sorts before every version. */
    Builder introduced(int position) {
      lastIntroduced = position;
      events.add(new RangeEvent(RangeEventKind.INTRODUCED,
          position == 0 ? "0" : target.versions().get(position)));
      return this;
    }

    Builder fixed(int position) {
      cover(lastIntroduced, position);
      return event(RangeEventKind.FIXED, position);
    }

    Builder lastAffected(int position) {
      cover(lastIntroduced, position + 1);
      return event(RangeEventKind.LAST_AFFECTED, position);
    }

    Builder limit(int position) {
      cover(lastIntroduced, position);
      return event(RangeEventKind.LIMIT, position);
    }

    /** Marks history positions {@code fromInclusive..toExclusive-1} as affected. */
    Builder cover(int fromInclusive, int toExclusive) {
      affected.set(fromInclusive, toExclusive);
      return this;
    }

    private Builder event(RangeEventKind kind, int position) {
      events.add(new RangeEvent(kind, target.versions().get(position)));
      return this;
    }

    PlannedRange build() {
      return new PlannedRange(type, events, affected);
    }
  }
}
