package org.stellaops.engine.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.stellaops.engine.version.UnparseableVersionException;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.schemas.advisory.RangeEvent;

/**
 * The entries of one package split by the versions their ranges and lists mention, so that a
 * component's version finds the entries that can affect it with one binary search instead of
 * visiting every range.
 *
 * <p>Every version an entry's ranges or listed versions name is a <em>boundary</em>; sorted and
 * de-duplicated under the package's scheme they cut the version line into {@code 2n + 1} slots:
 * below the first boundary, at it, between it and the next, and so on. Whether a range or a list
 * contains a version depends only on how the version compares with those boundaries, so every
 * version in one slot is affected by the same entries. A slot's entries are found once, the first
 * time a version lands in it, by the ordinary per-entry evaluation, and kept.
 *
 * <p>Entries that do not fit this (ranges under another scheme, ranges or lists that cannot be
 * evaluated, lists that the scheme cannot sort) are <em>irregular</em> and always evaluated one
 * by one, as is every entry when the component's version is not valid in the scheme. The result
 * is therefore the same as evaluating every entry, which {@code PackageIntervalsTest} checks on
 * generated packages.
 */
final class PackageIntervals {
  private final List<AdvisoryIndex.Entry> entries;
  private final VersionScheme scheme;
  private final String[] bounds;
  private final int[] irregular;
  private final int[] regular;
  private final AtomicReferenceArray<int[]> slots;

  private PackageIntervals(List<AdvisoryIndex.Entry> entries, VersionScheme scheme, String[] bounds, int[] irregular, int[] regular) {
    this.entries = entries;
    this.scheme = scheme;
    this.bounds = bounds;
    this.irregular = irregular;
    this.regular = regular;
    this.slots = scheme == null ? null : new AtomicReferenceArray<>(2 * bounds.length + 1);
  }

  /** The intervals of {@code entries}, one package's entries in index order. */
  static PackageIntervals of(List<AdvisoryIndex.Entry> entries) {
    Optional<VersionScheme> packageScheme = entries.isEmpty() ? Optional.empty() : entries.get(0).prepared().scheme();
    if (packageScheme.isEmpty()) {
      return disabled(entries);
    }
    VersionScheme scheme = packageScheme.get();
    List<String> boundaries = new ArrayList<>();
    List<Integer> irregular = new ArrayList<>();
    List<Integer> regular = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      PreparedPackage prepared = entries.get(i).prepared();
      if (isRegular(prepared, scheme)) {
        regular.add(i);
        prepared.ranges().forEach(r -> r.sortedEvents().stream().filter(e -> !isOpenEnd(e)).forEach(e -> boundaries.add(e.version())));
        boundaries.addAll(prepared.listedValid());
      } else {
        irregular.add(i);
      }
    }
    if (regular.isEmpty()) {
      return disabled(entries);
    }
    String[] sorted;
    try {
      sorted = sortedDistinct(boundaries, scheme);
    } catch (IllegalArgumentException | UnparseableVersionException e) {
      return disabled(entries);
    }
    if (sorted == null) {
      return disabled(entries);
    }
    return new PackageIntervals(entries, scheme, sorted, ints(irregular), ints(regular));
  }

  private static PackageIntervals disabled(List<AdvisoryIndex.Entry> entries) {
    return new PackageIntervals(entries, null, new String[0], new int[0], new int[0]);
  }

  /** How many distinct boundary versions the package has (0 when the fast path is off). */
  int boundaryCount() {
    return bounds.length;
  }

  /**
   * The indices, ascending, of the entries that must be evaluated for {@code version}: those whose
   * slot holds the version plus the irregular ones; null when every entry must be evaluated.
   * {@code affects} is the ordinary evaluation of one entry, used to fill a slot the first time.
   */
  int[] toEvaluate(String version, EntryTest affects) {
    if (scheme == null) {
      return null;
    }
    try {
      scheme.validate(version);
    } catch (UnparseableVersionException e) {
      return null;
    }
    int slot = slotOf(version);
    int[] hits = slots.get(slot);
    if (hits == null) {
      List<Integer> found = new ArrayList<>();
      for (int i : regular) {
        if (affects.affects(entries.get(i), version)) {
          found.add(i);
        }
      }
      hits = ints(found);
      slots.compareAndSet(slot, null, hits);
    }
    return merge(irregular, hits);
  }

  /** The ordinary evaluation of one entry for one version. */
  @FunctionalInterface
  interface EntryTest {
    boolean affects(AdvisoryIndex.Entry entry, String version);
  }

  private int slotOf(String version) {
    int low = 0;
    int high = bounds.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = scheme.compare(version, bounds[mid]);
      if (c == 0) {
        return 2 * mid + 1;
      } else if (c > 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return 2 * low;
  }

  private static boolean isRegular(PreparedPackage prepared, VersionScheme scheme) {
    if (prepared.scheme().orElse(null) != scheme || !prepared.unevaluable().isEmpty() || !prepared.listedSortable()) {
      return false;
    }
    for (PreparedRange range : prepared.ranges()) {
      if (range.scheme() != scheme || range.undecidableReason().isPresent()) {
        return false;
      }
    }
    return true;
  }

  /** {@code introduced: 0} and {@code limit: *} bound nothing. */
  private static boolean isOpenEnd(RangeEvent event) {
    return PreparedRange.isZero(event) || event.version().equals("*");
  }

  /** Sorted under {@code scheme} with equal versions merged; null when the order is not consistent. */
  private static String[] sortedDistinct(List<String> versions, VersionScheme scheme) {
    List<String> copy = new ArrayList<>(versions);
    copy.sort(scheme::compare);
    List<String> distinct = new ArrayList<>(copy.size());
    for (String version : copy) {
      if (distinct.isEmpty()) {
        distinct.add(version);
        continue;
      }
      int c = scheme.compare(distinct.get(distinct.size() - 1), version);
      if (c > 0) {
        return null;
      }
      if (c < 0) {
        distinct.add(version);
      }
    }
    return distinct.toArray(String[]::new);
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] merge(int[] a, int[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    int[] out = new int[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    Arrays.sort(out);
    return out;
  }
}
