package org.stellaops.jobs.store;

import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Advisory snapshots: one per ingest run that changed something, created on its first change,
 * sealed when the run completes. Ids only grow.
 */
@Repository
public class SnapshotStore {
  private final JdbcTemplate jdbc;

  public SnapshotStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The snapshot of a run, created if needed; a restarted run keeps its snapshot. */
  public long forJobInstance(long jobInstanceId) {
    jdbc.update("INSERT INTO vuln.snapshot (job_instance_id) VALUES (?) ON CONFLICT (job_instance_id) DO NOTHING", jobInstanceId);
    return jdbc.queryForObject("SELECT snapshot_id FROM vuln.snapshot WHERE job_instance_id = ?", Long.class, jobInstanceId);
  }

  /** The snapshot of a run if it made one. */
  public OptionalLong existing(long jobInstanceId) {
    return jdbc.query("SELECT snapshot_id FROM vuln.snapshot WHERE job_instance_id = ?",
        r -> r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty(), jobInstanceId);
  }

  /** Marks a run's snapshot complete. */
  public void seal(long jobInstanceId) {
    jdbc.update("UPDATE vuln.snapshot SET sealed = true WHERE job_instance_id = ?", jobInstanceId);
  }

  /** The newest sealed snapshot; 0 when no advisories were ever ingested. */
  public long latestSealed() {
    Long id = jdbc.queryForObject("SELECT max(snapshot_id) FROM vuln.snapshot WHERE sealed", Long.class);
    return id == null ? 0L : id;
  }
}
