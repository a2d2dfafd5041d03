package org.stellaops.connectors.store;

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

  /** Records a run of {@code profile} over snapshot number {@code snapshot} as started; returns its id. */
  public long start(String profile, long snapshot, String parametersJson) {
    return jdbc.queryForObject("INSERT INTO export.export_runs (profile, status, snapshot, parameters) VALUES (?, 'running', ?, ?::jsonb)"
        + " RETURNING run_id", Long.class, profile, snapshot, parametersJson);
  }

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
