package org.stellaops.jobs.store;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stellaops.jobs.ingest.ParsedDocument;

/** Records rejected documents in {@code audit.ingest_error}, one row per document per run. */
@Repository
public class IngestErrorStore {
  private final JdbcTemplate jdbc;

  public IngestErrorStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the rejected items of a chunk; accepted items are ignored. */
  public void recordRejections(String jobName, long jobInstanceId, List<? extends ParsedDocument<?>> items) {
    List<Object[]> rows = items.stream()
        .filter(item -> item.rejection().isPresent())
        .map(item -> new Object[] {jobName, jobInstanceId, item.source(), item.rejection().get().location(),
            item.rejection().get().reason(), item.bytes().length == 0 ? null : item.sha256()})
        .toList();
    if (!rows.isEmpty()) {
      jdbc.batchUpdate("INSERT INTO audit.ingest_error (job_name, job_instance_id, source, location, reason, sha256)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, job_instance_id, source) DO NOTHING", rows);
    }
  }

  /** The rejections of one run, oldest first. */
  public List<IngestError> forJobInstance(long jobInstanceId) {
    return jdbc.query("SELECT source, location, reason FROM audit.ingest_error WHERE job_instance_id = ? ORDER BY error_id",
        (r, i) -> new IngestError(r.getString(1), r.getString(2), r.getString(3)), jobInstanceId);
  }

  /** One rejected document. */
  public record IngestError(String source, String location, String reason) {}
}
