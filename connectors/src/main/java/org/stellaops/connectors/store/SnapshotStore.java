package org.stellaops.connectors.store;

import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Advisory snapshots: one per ingest run that changed something, created on its first change,
 * sealed when the run completes.
 *
 * <p>Two numbers: the internal {@code snapshot_id}, which the run's revisions and deltas carry
 * while it is open, and the <em>snapshot number</em> ({@code seal_seq}), given at seal time in
 * seal order. Users, verdicts and replay only ever see snapshot numbers, and "as of snapshot N"
 * means "every run sealed at or before N", so a run resumed after a later one has sealed becomes
 * visible after it, never retroactively.
 */
@Repository
public class SnapshotStore {
  private final JdbcTemplate jdbc;

  public SnapshotStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The internal snapshot id of a run, created if needed; a restarted run keeps its snapshot. */
  public long forJobInstance(long jobInstanceId) {
    jdbc.update("INSERT INTO vuln.snapshot (job_instance_id) VALUES (?) ON CONFLICT (job_instance_id) DO NOTHING", jobInstanceId);
    return jdbc.queryForObject("SELECT snapshot_id FROM vuln.snapshot WHERE job_instance_id = ?", Long.class, jobInstanceId);
  }

  /** The internal snapshot id of a run if it made one. */
  public OptionalLong existing(long jobInstanceId) {
    return jdbc.query("SELECT snapshot_id FROM vuln.snapshot WHERE job_instance_id = ?",
        r -> r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty(), jobInstanceId);
  }

  /** The snapshot number of a run, once it is sealed. */
  public OptionalLong number(long jobInstanceId) {
    return jdbc.query("SELECT seal_seq FROM vuln.snapshot WHERE job_instance_id = ? AND seal_seq IS NOT NULL",
        r -> r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty(), jobInstanceId);
  }

  /**
   * Marks a run's snapshot complete and gives it the next snapshot number. Callers hold the
   * ingest job's lock, so max + 1 cannot race; the unique constraint would refuse it if it did.
   */
  public void seal(long jobInstanceId) {
    jdbc.update("UPDATE vuln.snapshot SET sealed = true,"
        + " seal_seq = (SELECT coalesce(max(seal_seq), 0) + 1 FROM vuln.snapshot)"
        + " WHERE job_instance_id = ? AND seal_seq IS NULL", jobInstanceId);
  }

  /** The newest snapshot number; 0 when no advisories were ever ingested. */
  public long latestSealed() {
    Long number = jdbc.queryForObject("SELECT max(seal_seq) FROM vuln.snapshot", Long.class);
    return number == null ? 0L : number;
  }

  /** Whether snapshot number {@code number} exists (numbers exist only once sealed). */
  public boolean isSealed(long number) {
    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT exists(SELECT 1 FROM vuln.snapshot WHERE seal_seq = ?)",
        Boolean.class, number));
  }

  /** When snapshot number {@code number} was sealed; empty when there is no such snapshot. */
  public java.util.Optional<java.time.Instant> sealedAt(long number) {
    return jdbc.query("SELECT sealed_at FROM vuln.snapshot WHERE seal_seq = ?",
        (r, i) -> r.getTimestamp(1).toInstant(), number).stream().findFirst();
  }
}
