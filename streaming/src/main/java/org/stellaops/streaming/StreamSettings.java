package org.stellaops.streaming;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the job's operators need to reach the database and pace themselves; shipped with the job
 * to every TaskManager.
 *
 * @param startAfterSnapshot the snapshot number after which a job without saved state starts
 *     following deltas; negative: after the newest sealed snapshot when the job starts
 * @param pollMillis how often the source looks for newly sealed snapshots
 * @param rulesRefreshMillis how often the rule router reloads the enabled rules
 */
public record StreamSettings(String jdbcUrl, String user, String password, long startAfterSnapshot, long pollMillis,
    long rulesRefreshMillis) implements Serializable {
  private static final long serialVersionUID = 1L;

  public StreamSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
    if (pollMillis < 10) {
      throw new IllegalArgumentException("pollMillis must be at least 10, got " + pollMillis);
    }
  }
}
