package org.stellaops.jobs.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stellaops.engine.verdict.VerdictEvaluator.Evaluation;
import org.stellaops.engine.verdict.VerdictJson;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.InputManifest;
import org.stellaops.schemas.verdict.Verdict;

/**
 * Verdicts in PostgreSQL, append-only: one row per distinct input manifest with its canonical
 * JSON, and its findings (bulk-loaded with COPY) for SQL.
 */
@Repository
public class VerdictStore {
  private final JdbcTemplate jdbc;
  private final DataSource dataSource;

  public VerdictStore(JdbcTemplate jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /**
   * For each of {@code imageDigests}, keyed {@code image|sbomDigest}: the advisories digest of its
   * newest verdict at or before snapshot {@code snapshotId} under this engine and policy, so an
   * image whose inputs did not change is skipped without evaluating it.
   */
  public Map<String, String> currentAdvisoryDigests(long snapshotId, String engineVersion, String policyDigest,
      List<String> imageDigests) {
    Map<String, String> digests = new HashMap<>();
    if (imageDigests.isEmpty()) {
      return digests;
    }
    jdbc.query("SELECT DISTINCT ON (image_digest, sbom_digest) image_digest || '|' || sbom_digest, advisories_digest"
        + " FROM policy.verdict WHERE tenant_id = 'default' AND advisory_snapshot_id <= ? AND engine_version = ?"
        + " AND policy_digest = ? AND advisories_digest IS NOT NULL AND image_digest = ANY(?)"
        + " ORDER BY image_digest, sbom_digest, advisory_snapshot_id DESC, verdict_id DESC",
        ps -> {
          ps.setLong(1, snapshotId);
          ps.setString(2, engineVersion);
          ps.setString(3, policyDigest);
          ps.setArray(4, JdbcArrays.text(ps.getConnection(), imageDigests));
        },
        r -> {
          digests.put(r.getString(1), r.getString(2));
        });
    return digests;
  }

  /** Images whose current SBOM has no verdict under this engine and policy: new images, or new SBOMs of known ones. */
  public List<String> imagesWithoutVerdict(String engineVersion, String policyDigest) {
    return jdbc.queryForList("SELECT i.image_digest FROM sbom.image i WHERE i.tenant_id = 'default'"
        + " AND NOT EXISTS (SELECT 1 FROM policy.verdict v WHERE v.tenant_id = i.tenant_id"
        + " AND v.image_digest = i.image_digest AND v.sbom_digest = 'sha256:' || i.sbom_sha256"
        + " AND v.engine_version = ? AND v.policy_digest = ?) ORDER BY i.image_digest", String.class, engineVersion, policyDigest);
  }

  /** Appends verdicts and their findings. */
  public void append(long jobInstanceId, List<Evaluation> evaluations) throws SQLException, IOException {
    if (evaluations.isEmpty()) {
      return;
    }
    List<Long> ids = jdbc.queryForList("SELECT nextval('policy.verdict_verdict_id_seq') FROM generate_series(1, ?)",
        Long.class, evaluations.size());
    List<Object[]> rows = new ArrayList<>();
    CsvCopy findings = new CsvCopy();
    for (int i = 0; i < evaluations.size(); i++) {
      Verdict v = evaluations.get(i).verdict();
      InputManifest m = v.manifest();
      rows.add(new Object[] {ids.get(i), v.imageDigest(), m.sbomDigest(), m.advisorySnapshotId(), m.engineVersion(),
          m.policyDigest(), v.decision().name(), v.verdictDigest(), evaluations.get(i).canonicalBody(), jobInstanceId,
          m.advisoriesDigest()});
      List<Finding> list = v.findings();
      for (int f = 0; f < list.size(); f++) {
        Finding x = list.get(f);
        findings.row(ids.get(i), f, x.advisoryId(), x.purl(), x.ecosystem(), x.packageName(), x.version(),
            x.status().label(), x.severity().name(), x.score().orElse(null), x.matched(), x.fixedVersion().orElse(null),
            x.reason());
      }
    }
    jdbc.batchUpdate("INSERT INTO policy.verdict (verdict_id, image_digest, sbom_digest, advisory_snapshot_id, engine_version,"
        + " policy_digest, decision, verdict_digest, document, job_instance_id, advisories_digest)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    findings.copyInto(dataSource, "policy.finding (verdict_id, ordinal, advisory_id, purl, ecosystem, package_name, version,"
        + " status, severity, score, matched, fixed_version, reason)");
  }

  /** The newest verdict of each image (only {@code imageDigests} when not empty), by image digest. */
  public List<StoredVerdict> latest(List<String> imageDigests) {
    return newest(imageDigests, " AND i.image_digest IS NOT NULL");
  }

  /**
   * The verdict of each image (only {@code imageDigests} when not empty) for its current SBOM as
   * of snapshot number {@code snapshot}: what a re-evaluation at that snapshot decided or kept.
   */
  public List<StoredVerdict> evaluatedAt(List<String> imageDigests, long snapshot) {
    return newest(imageDigests, " AND v.advisory_snapshot_id <= " + snapshot
        + " AND v.sbom_digest = 'sha256:' || i.sbom_sha256");
  }

  private List<StoredVerdict> newest(List<String> imageDigests, String condition) {
    String where = (imageDigests.isEmpty() ? "" : " AND v.image_digest = ANY(?)") + condition;
    return jdbc.query("SELECT DISTINCT ON (v.image_digest) v.document, v.verdict_digest, v.advisory_snapshot_id,"
        + " (i.sbom_sha256 IS DISTINCT FROM substr(v.sbom_digest, 8)) AS stale, d.name"
        + " FROM policy.verdict v LEFT JOIN sbom.image i ON i.tenant_id = v.tenant_id AND i.image_digest = v.image_digest"
        + " LEFT JOIN sbom.document d ON d.tenant_id = v.tenant_id AND d.sha256 = substr(v.sbom_digest, 8)"
        + " WHERE v.tenant_id = 'default'" + where + " ORDER BY v.image_digest, v.advisory_snapshot_id DESC, v.verdict_id DESC",
        ps -> {
          if (!imageDigests.isEmpty()) {
            ps.setArray(1, JdbcArrays.text(ps.getConnection(), imageDigests));
          }
        },
        (r, i) -> new StoredVerdict(VerdictJson.read(r.getString(1), r.getString(2), r.getLong(3)), r.getString(1),
            r.getBoolean(4), java.util.Optional.ofNullable(r.getString(5))));
  }

  /**
   * A stored verdict, its canonical body, whether the image's SBOM has changed since, and the
   * name its SBOM gives the image.
   */
  public record StoredVerdict(Verdict verdict, String canonicalBody, boolean sbomChanged,
      java.util.Optional<String> imageName) {}
}
