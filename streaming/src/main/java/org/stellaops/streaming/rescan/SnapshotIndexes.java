package org.stellaops.streaming.rescan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.engine.match.AdvisoryIndex;

/**
 * In-memory advisory indexes of the two newest snapshots asked for, shared by every rescan
 * subtask of one TaskManager JVM (they would otherwise each hold a copy); two, so that subtasks
 * finishing one snapshot while others start the next do not rebuild in turn.
 *
 * <p>The first index is read in full from PostgreSQL. A newer snapshot's index is derived from the
 * newest one held: only the advisories its export deltas name are read
 * ({@link AdvisoryIndex#withChanges}), which takes milliseconds where a full read of a large store
 * takes seconds. Above {@value #MAX_INCREMENTAL} changed advisories a full read is cheaper.
 */
final class SnapshotIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotIndexes.class);
  private static final int KEPT = 2;
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
    Long base = INDEXES.keySet().stream().filter(n -> n < number).max(Long::compare).orElse(null);
    List<String> changed = base == null ? List.of() : advisories.changedAdvisoryIds(base, number);
    if (base != null && changed.size() <= MAX_INCREMENTAL) {
      index = INDEXES.get(base).withChanges(changed, advisories.asOf(number, changed));
      LOG.info("advisory index of snapshot {}: {} advisories, {} changed since snapshot {} ({} ms)", number,
          index.advisoryCount(), changed.size(), base, (System.nanoTime() - started) / 1_000_000);
    } else {
      while (!INDEXES.isEmpty()) {
        INDEXES.remove(INDEXES.keySet().iterator().next()); // let them go before a full read
      }
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
