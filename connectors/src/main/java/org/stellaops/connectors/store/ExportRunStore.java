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
      Optional<String> summary, Optional<String> outputs, Optional<String> error, Instant startedAt, Optional<Instant> finishedAt) {}

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
            int updated = jdbc.update("UPDATE export.export_runs SET status = 'failed', finished_at = now(), error = ?"
                + " WHERE run_id = ? AND status = 'running'", INTERRUPTED, runId);
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

  public void failed(long runId, String error) {
    jdbc.update("UPDATE export.export_runs SET status = 'failed', error = ?, finished_at = now() WHERE run_id = ?", error, runId);
  }

  public Optional<Run> get(long runId) {
    return jdbc.query(SELECT + " WHERE run_id = ?", ExportRunStore::row, runId).stream().findFirst();
  }

  /** The newest {@code limit} runs, of {@code profile} when given, newest first. */
  public List<Run> recent(Optional<String> profile, int limit) {
    return profile.isPresent()
        ? jdbc.query(SELECT + " WHERE tenant_id = 'default' AND profile = ? ORDER BY run_id DESC LIMIT ?", ExportRunStore::row,
            profile.get(), limit)
        : jdbc.query(SELECT + " WHERE tenant_id = 'default' ORDER BY run_id DESC LIMIT ?", ExportRunStore::row, limit);
  }

  private static final String SELECT = "SELECT run_id, profile, status, snapshot, parameters::text, summary::text, outputs::text,"
      + " error, started_at, finished_at FROM export.export_runs";

  private static Run row(ResultSet r, int i) throws SQLException {
    long snapshot = r.getLong(4);
    Optional<Long> snap = r.wasNull() ? Optional.empty() : Optional.of(snapshot);
    return new Run(r.getLong(1), r.getString(2), r.getString(3), snap, r.getString(5), Optional.ofNullable(r.getString(6)),
        Optional.ofNullable(r.getString(7)), Optional.ofNullable(r.getString(8)), r.getTimestamp(9).toInstant(),
        Optional.ofNullable(r.getTimestamp(10)).map(java.sql.Timestamp::toInstant));
  }
}
