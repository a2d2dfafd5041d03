package org.stellaops.streaming.rescan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.engine.match.AdvisoryIndex;

/**
 * In-memory advisory indexes of the snapshots asked for last (at most {@value #KEPT}), shared by
 * every rescan subtask of one TaskManager JVM (they would otherwise each hold a copy). Subtasks
 * draining a backlog work on different snapshots at once, hence several.
 *
 * <p>The first index is read in full from PostgreSQL. Any other is derived from the held index
 * nearest to it, older or newer: only the advisories the export deltas between the two name are
 * read, at the wanted snapshot ({@link AdvisoryIndex#withChanges}). That takes milliseconds where
 * a full read of a large store takes seconds, and the derived index shares every package no change
 * names with its base, so holding several costs little. Above {@value #MAX_INCREMENTAL} changed
 * advisories a full read is cheaper.
 */
final class SnapshotIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotIndexes.class);
  private static final int KEPT = 8;
  static final int MAX_INCREMENTAL = 100_000;
  private static final Map<Long, AdvisoryIndex> INDEXES = new LinkedHashMap<>(4, 0.75f, true);
  /** The database the indexes were read from: a JVM running jobs of another database starts over. */
  private static String database = "";

  private SnapshotIndexes() {}

  static synchronized AdvisoryIndex forSnapshot(String jdbcUrl, long number, AdvisoryStore advisories) {
    if (!database.equals(jdbcUrl)) {
      INDEXES.clear();
      database = jdbcUrl;
    }
    AdvisoryIndex index = INDEXES.get(number);
    if (index != null) {
      return index;
    }
    long started = System.nanoTime();
    Long base = INDEXES.keySet().stream().min(java.util.Comparator.comparingLong(n -> Math.abs(n - number))).orElse(null);
    List<String> changed = base == null ? List.of()
        : advisories.changedAdvisoryIds(Math.min(base, number), Math.max(base, number));
    if (base != null && changed.size() <= MAX_INCREMENTAL) {
      index = INDEXES.get(base).withChanges(changed, advisories.asOf(number, changed));
      LOG.debug("advisory index of snapshot {}: {} advisories, {} changed since snapshot {} ({} ms)", number,
          index.advisoryCount(), changed.size(), base, (System.nanoTime() - started) / 1_000_000);
    } else {
      INDEXES.clear(); // let them go before a full read
      AdvisoryIndex.Builder builder = AdvisoryIndex.builder();
      advisories.forEachAsOf(number, builder::add);
      index = builder.build();
      LOG.info("advisory index of snapshot {}: {} advisories, read in full ({} ms)", number, index.advisoryCount(),
          (System.nanoTime() - started) / 1_000_000);
    }
    while (INDEXES.size() >= KEPT) {
      INDEXES.remove(INDEXES.keySet().iterator().next()); // least recently used
    }
    INDEXES.put(number, index);
    return index;
  }

}
