package org.stellaops.jobs.reevaluate;

import org.springframework.stereotype.Component;
import org.stellaops.engine.match.AdvisoryIndex;
import org.stellaops.connectors.store.AdvisoryStore;

/**
 * The in-memory advisory index of one snapshot, loaded once per process and shared by every
 * partition that runs in it (threads of one run, or the partitions a worker process takes). Only
 * the newest snapshot asked for is kept.
 */
@Component
public class AdvisoryIndexCache {
  private final AdvisoryStore advisories;
  private long snapshot = -1;
  private AdvisoryIndex index;

  public AdvisoryIndexCache(AdvisoryStore advisories) {
    this.advisories = advisories;
  }

  /** The index of snapshot number {@code snapshotNumber}, streamed from PostgreSQL on first use. */
  public synchronized AdvisoryIndex forSnapshot(long snapshotNumber) {
    if (index == null || snapshot != snapshotNumber) {
      index = null; // let the old one go before the new one is built
      AdvisoryIndex.Builder builder = AdvisoryIndex.builder();
      advisories.forEachAsOf(snapshotNumber, builder::add);
      index = builder.build();
      snapshot = snapshotNumber;
    }
    return index;
  }
}
