package org.stellaops.connectors.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Export runs ({@code export.export_runs}): started as {@code running}, finished as
 * {@code succeeded} with their summary and outputs, or {@code failed} with the error.
 */
@Repository
public class ExportRunStore {
  private final JdbcTemplate jdbc;

  public ExportRunStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One run as stored; JSON columns as text. */
  public record Run(long runId, String profile, String status, Optional<Long> snapshot, String parameters,
      Optional<String> summary, Optional<String> outputs, Optional<String> error, Instant startedAt, Optional<Instant> finishedAt,
      Optional<String> errorClass) {}

  /** Advisory-lock class of export runs: a running run's process holds (LOCK_CLASS, run id) on a connection of its own. */
  static final int LOCK_CLASS = 0x45787052;

  /**
   * A started run. Its process holds the run's advisory lock on a connection of its own until
   * {@link #close}; when the process dies, PostgreSQL drops the lock with the connection, which is
   * how {@link #reapInterrupted} tells a dead run from a live one.
   */
  public static final class Lease implements AutoCloseable {
    private final long runId;
    private final Connection connection;

    private Lease(long runId, Connection connection) {
      this.runId = runId;
      this.connection = connection;
    }

    public long runId() {
      return runId;
    }

    @Override
    public void close() {
      try (connection) {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
          s.setInt(1, LOCK_CLASS);
          s.setInt(2, (int) runId);
          s.execute();
        }
      } catch (SQLException e) {
        // the lock goes with the connection anyway
      }
    }
  }

  /**
   * Records a run of {@code profile} over snapshot number {@code snapshot} as started and takes its
   * lock, in one transaction: no other process sees the row before the lock is held.
   */
  public Lease start(String profile, long snapshot, String parametersJson) {
    Connection connection = null;
    try {
      connection = jdbc.getDataSource().getConnection();
      connection.setAutoCommit(false);
      long runId;
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO export.export_runs (profile, status, snapshot, parameters)"
          + " VALUES (?, 'running', ?, ?::jsonb) RETURNING run_id")) {
        insert.setString(1, profile);
        insert.setLong(2, snapshot);
        insert.setString(3, parametersJson);
        try (ResultSet r = insert.executeQuery()) {
          r.next();
          runId = r.getLong(1);
        }
      }
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
        lock.setInt(1, LOCK_CLASS);
        lock.setInt(2, (int) runId);
        lock.execute();
      }
      connection.commit();
      connection.setAutoCommit(true);
      return new Lease(runId, connection);
    } catch (SQLException e) {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // reported below
        }
      }
      throw new IllegalStateException("cannot record the export run: " + e.getMessage(), e);
    }
  }

  /**
   * Marks runs still {@code running} whose process is gone (their lock is free) as failed with the
   * reason {@code interrupted}; returns their ids. Live runs in other processes are left alone.
   */
  public List<Long> reapInterrupted() {
    List<Long> running = jdbc.queryForList("SELECT run_id FROM export.export_runs WHERE status = 'running' ORDER BY run_id", Long.class);
    List<Long> reaped = new java.util.ArrayList<>();
    for (long runId : running) {
      try (Connection connection = jdbc.getDataSource().getConnection()) {
        boolean free;
        try (PreparedStatement take = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
          take.setInt(1, LOCK_CLASS);
          take.setInt(2, (int) runId);
          try (ResultSet r = take.executeQuery()) {
            r.next();
            free = r.getBoolean(1);
          }
        }
        if (free) {
          try {
            int updated = jdbc.update("UPDATE export.export_runs SET status = 'failed', finished_at = now(), error = ?,"
                + " error_class = 'interrupted' WHERE run_id = ? AND status = 'running'", INTERRUPTED, runId);
            if (updated == 1) {
              reaped.add(runId);
            }
          } finally {
            try (PreparedStatement release = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
              release.setInt(1, LOCK_CLASS);
              release.setInt(2, (int) runId);
              release.execute();
            }
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot check export run " + runId + ": " + e.getMessage(), e);
      }
    }
    return reaped;
  }

  /** The error recorded for a run whose process ended before it finished. */
  public static final String INTERRUPTED = "interrupted: the process ended before the run finished (killed or crashed)";

  public void succeeded(long runId, String summaryJson, String outputsJson) {
    jdbc.update("UPDATE export.export_runs SET status = 'succeeded', summary = ?::jsonb, outputs = ?::jsonb, finished_at = now()"
        + " WHERE run_id = ?", summaryJson, outputsJson, runId);
  }

  /** Classes of failure, as {@code error_class} and the metrics give them. */
  public static final java.util.Set<String> ERROR_CLASSES = java.util.Set.of("interrupted", "cancelled", "io", "integrity",
      "schema_mismatch", "export_error");

  /** What asking to cancel a run did. */
  public enum CancelOutcome {
    /** The run is running in a live process: it was asked to stop. */
    REQUESTED,
    /** Its process was gone: the run is now recorded as interrupted. */
    WAS_INTERRUPTED,
    /** The run had already finished. */
    ALREADY_FINISHED,
    NOT_FOUND
  }

  /** Asks run {@code runId} to stop (see {@link CancelOutcome}). */
  public CancelOutcome requestCancel(long runId) {
    Optional<Run> run = get(runId);
    if (run.isEmpty()) {
      return CancelOutcome.NOT_FOUND;
    }
    if (!run.get().status().equals("running")) {
      return CancelOutcome.ALREADY_FINISHED;
    }
    if (reapInterrupted().contains(runId)) {
      return CancelOutcome.WAS_INTERRUPTED;
    }
    int updated = jdbc.update("UPDATE export.export_runs SET cancel_requested_at = coalesce(cancel_requested_at, now())"
        + " WHERE run_id = ? AND status = 'running'", runId);
    return updated == 1 ? CancelOutcome.REQUESTED : CancelOutcome.ALREADY_FINISHED;
  }

  /** Whether a cancel was asked for run {@code runId}. */
  public boolean cancelRequested(long runId) {
    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT cancel_requested_at IS NOT NULL FROM export.export_runs WHERE run_id = ?",
        Boolean.class, runId));
  }

  public void failed(long runId, String errorClass, String error) {
    if (!ERROR_CLASSES.contains(errorClass)) {
      throw new IllegalArgumentException("unknown error class " + errorClass);
    }
    jdbc.update("UPDATE export.export_runs SET status = 'failed', error = ?, error_class = ?, finished_at = now() WHERE run_id = ?",
        error, errorClass, runId);
  }

  /** Records that run {@code runId} read {@code artifactId} (e.g. {@code advisory-snapshot:41}), identified by {@code hash} when known. */
  public void input(long runId, String artifactId, String hash) {
    jdbc.update("INSERT INTO export.export_inputs (run_id, artifact_id, hash) VALUES (?, ?, ?) ON CONFLICT (run_id, artifact_id)"
        + " DO UPDATE SET hash = EXCLUDED.hash", runId, artifactId, hash);
  }

  /** The inputs of run {@code runId}: artifact id → hash (null when none is known), by artifact id. */
  public java.util.Map<String, String> inputs(long runId) {
    java.util.Map<String, String> inputs = new java.util.TreeMap<>();
    jdbc.query("SELECT artifact_id, hash FROM export.export_inputs WHERE run_id = ?", (ResultSet r) -> {
      inputs.put(r.getString(1), r.getString(2));
    }, runId);
    return inputs;
  }

  /** One distribution of a run's bundle. */
  public record Distribution(long runId, String type, String target, String state, String meta, Instant createdAt) {}

  /** Records a distribution attempt of run {@code runId}. */
  public void distributed(long runId, String type, String target, boolean succeeded, String metaJson) {
    jdbc.update("INSERT INTO export.export_distributions (run_id, type, target, state, meta) VALUES (?, ?, ?, ?, ?::jsonb)", runId, type,
        target, succeeded ? "succeeded" : "failed", metaJson);
  }

  /** The distributions of run {@code runId}, oldest first. */
  public List<Distribution> distributions(long runId) {
    return jdbc.query("SELECT run_id, type, target, state, meta::text, created_at FROM export.export_distributions WHERE run_id = ?"
        + " ORDER BY distribution_id", (r, i) -> new Distribution(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
            r.getString(5), r.getTimestamp(6).toInstant()), runId);
  }

  /** Totals of the runs per profile, status and error class: what {@code stella export metrics} reports. */
  public record Totals(String profile, String status, String errorClass, long runs, long records, long bytes, double seconds) {}

  public List<Totals> totals() {
    return jdbc.query("SELECT profile, status, coalesce(error_class, ''), count(*),"
        + " coalesce(sum(coalesce((summary->>'advisoriesExported')::bigint, (summary->>'advisories')::bigint, 0)), 0),"
        + " coalesce(sum((SELECT sum((f.value->>'bytes')::bigint) FROM jsonb_each(CASE WHEN jsonb_typeof(outputs->'files') = 'object'"
        + "   THEN outputs->'files' ELSE '{}'::jsonb END) f)), 0),"
        + " coalesce(sum(extract(epoch FROM finished_at - started_at)), 0)"
        + " FROM export.export_runs WHERE tenant_id = 'default' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        (r, i) -> new Totals(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getDouble(7)));
  }

  public Optional<Run> get(long runId) {
    return jdbc.query(SELECT + " WHERE run_id = ?", ExportRunStore::row, runId).stream().findFirst();
  }

  /** Succeeded bundle runs (not Trivy DBs) finished before {@code before} whose data has not been pruned, oldest first. */
  public List<Run> prunable(Instant before) {
    return jdbc.query(SELECT + " WHERE tenant_id = 'default' AND status = 'succeeded' AND profile <> 'trivy:db' AND finished_at < ?"
        + " AND outputs IS NOT NULL AND outputs->>'prunedAt' IS NULL ORDER BY run_id", ExportRunStore::row, java.sql.Timestamp.from(before));
  }

  /** Notes in the run's outputs that retention removed its data files at {@code at}. */
  public void pruned(long runId, Instant at, long bytes) {
    jdbc.update("UPDATE export.export_runs SET outputs = outputs || jsonb_build_object('prunedAt', ?::text, 'prunedBytes', ?::bigint)"
        + " WHERE run_id = ?", at.toString(), bytes, runId);
  }

  /** The newest {@code limit} runs, of {@code profile} when given, newest first. */
  public List<Run> recent(Optional<String> profile, int limit) {
    return profile.isPresent()
        ? jdbc.query(SELECT + " WHERE tenant_id = 'default' AND profile = ? ORDER BY run_id DESC LIMIT ?", ExportRunStore::row,
            profile.get(), limit)
        : jdbc.query(SELECT + " WHERE tenant_id = 'default' ORDER BY run_id DESC LIMIT ?", ExportRunStore::row, limit);
  }

  private static final String SELECT = "SELECT run_id, profile, status, snapshot, parameters::text, summary::text, outputs::text,"
      + " error, started_at, finished_at, error_class FROM export.export_runs";

  private static Run row(ResultSet r, int i) throws SQLException {
    long snapshot = r.getLong(4);
    Optional<Long> snap = r.wasNull() ? Optional.empty() : Optional.of(snapshot);
    return new Run(r.getLong(1), r.getString(2), r.getString(3), snap, r.getString(5), Optional.ofNullable(r.getString(6)),
        Optional.ofNullable(r.getString(7)), Optional.ofNullable(r.getString(8)), r.getTimestamp(9).toInstant(),
        Optional.ofNullable(r.getTimestamp(10)).map(java.sql.Timestamp::toInstant), Optional.ofNullable(r.getString(11)));
  }
}
