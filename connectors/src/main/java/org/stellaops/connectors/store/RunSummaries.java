package org.stellaops.connectors.store;

import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** One-line summaries of ingest runs, computed from what the run stored (so they survive restarts). */
@Repository
public class RunSummaries {
  private final JdbcTemplate jdbc;
  private final SnapshotStore snapshots;

  public RunSummaries(JdbcTemplate jdbc, SnapshotStore snapshots) {
    this.jdbc = jdbc;
    this.snapshots = snapshots;
  }

  /** A summary line for run {@code jobInstanceId} of kind {@code advisories} or {@code sboms}. */
  public String describe(String kind, long jobInstanceId, int rejected, double seconds) {
    if (kind.equals("advisories")) {
      var snapshot = snapshots.existing(jobInstanceId);
      long revisions = snapshot.isPresent() ? count("SELECT count(*) FROM vuln.advisory_revision WHERE snapshot_id = ?",
          snapshot.getAsLong()) : 0;
      long deltas = snapshot.isPresent() ? count("SELECT count(*) FROM vuln.export_delta WHERE snapshot_id = ?",
          snapshot.getAsLong()) : 0;
      long total = count("SELECT count(DISTINCT advisory_id) FROM vuln.advisory_revision");
      return String.format(Locale.ROOT, "advisories: %d new revision(s), %d product key change(s), %d rejected; "
          + "%d advisories stored; snapshot %s; %.1f s", revisions, deltas, rejected, total,
          describeSnapshot(jobInstanceId), seconds);
    }
    long images = count("SELECT count(*) FROM sbom.image_history WHERE job_instance_id = ?", jobInstanceId);
    long stored = count("SELECT count(*) FROM sbom.image");
    return String.format(Locale.ROOT, "sboms: %d image assignment(s) in this run, %d rejected; %d images stored; %.1f s",
        images, rejected, stored, seconds);
  }

  private String describeSnapshot(long jobInstanceId) {
    var number = snapshots.number(jobInstanceId);
    if (number.isPresent()) {
      return Long.toString(number.getAsLong());
    }
    return snapshots.existing(jobInstanceId).isPresent() ? "not sealed (the run did not complete)"
        : "unchanged (" + snapshots.latestSealed() + ")";
  }

  private long count(String sql, Object... arguments) {
    Long value = jdbc.queryForObject(sql, Long.class, arguments);
    return value == null ? 0 : value;
  }
}
