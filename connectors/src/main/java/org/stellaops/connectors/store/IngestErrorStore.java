package org.stellaops.connectors.store;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stellaops.connectors.source.ParsedDocument;
import org.stellaops.connectors.source.RejectionKind;

/** Records rejected documents in {@code audit.ingest_error}, one row per document per run. */
@Repository
public class IngestErrorStore {
  private static final String INSERT = "INSERT INTO audit.ingest_error (job_name, job_instance_id, source, location, reason,"
      + " sha256, kind) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, job_instance_id, source) DO NOTHING";
  private final JdbcTemplate jdbc;

  public IngestErrorStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the rejected items of a chunk; accepted items are ignored. */
  public void recordRejections(String jobName, long jobInstanceId, List<? extends ParsedDocument<?>> items) {
    List<Object[]> rows = items.stream()
        .filter(item -> item.rejection().isPresent())
        .map(item -> new Object[] {jobName, jobInstanceId, printable(item.source()), printable(item.rejection().get().location()),
            printable(item.rejection().get().reason()), item.bytes().length == 0 ? null : item.sha256(),
            item.rejectionKind().label()})
        .toList();
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(INSERT, rows);
    }
  }

  /** Records that the database refused to store {@code source}; {@code sha256} may be null. */
  public void recordRefusal(String jobName, long jobInstanceId, String source, String sha256, String reason) {
    jdbc.update(INSERT, jobName, jobInstanceId, printable(source), "", printable(reason), sha256, RejectionKind.REFUSED.label());
  }

  /** The rejections of one run, oldest first. */
  public List<IngestError> forJobInstance(long jobInstanceId) {
    return jdbc.query("SELECT source, location, reason, kind FROM audit.ingest_error WHERE job_instance_id = ?"
        + " ORDER BY error_id",
        (r, i) -> new IngestError(r.getString(1), r.getString(2), r.getString(3), RejectionKind.ofLabel(r.getString(4))),
        jobInstanceId);
  }

  /** Text PostgreSQL can store: a name or reason may hold the very character that was refused. */
  private static String printable(String text) {
    return text.replace("\u0000", "\\u0000");
  }

  /** One rejected document. */
  public record IngestError(String source, String location, String reason, RejectionKind kind) {}
}
