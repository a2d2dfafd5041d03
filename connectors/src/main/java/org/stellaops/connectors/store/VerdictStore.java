package org.stellaops.connectors.store;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.stellaops.engine.verdict.CanonicalVerdict;
import org.stellaops.engine.verdict.CanonicalVerdict.FindingGroup;
import org.stellaops.engine.verdict.VerdictEvaluator.Evaluation;
import org.stellaops.engine.verdict.VerdictJson;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.InputManifest;
import org.stellaops.schemas.verdict.Verdict;

/**
 * Verdicts in PostgreSQL, append-only: one row per distinct input manifest with its canonical
 * JSON, stored as a frame and finding groups shared between images; {@code policy.finding} shows
 * the findings as rows for SQL.
 */
@Repository
public class VerdictStore {
  private static final int FETCH_ROWS = 20;

  private final JdbcTemplate jdbc;
  /** Reads {@value #FETCH_ROWS} verdicts per round trip: inside a transaction PostgreSQL then reads through a cursor. */
  private final JdbcTemplate cursorReads;
  private final TransactionTemplate transaction;
  private final FindingGroupStore groups;

  public VerdictStore(JdbcTemplate jdbc, FindingGroupStore groups, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.groups = groups;
    this.cursorReads = new JdbcTemplate(jdbc.getDataSource());
    this.cursorReads.setFetchSize(FETCH_ROWS);
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setReadOnly(true);
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

  /**
   * Appends verdicts: each row holds its body's frame and the ids of its finding groups, which are
   * written once each (see {@link FindingGroupStore}).
   */
  public void append(long jobInstanceId, List<Evaluation> evaluations) throws SQLException, IOException {
    if (evaluations.isEmpty()) {
      return;
    }
    List<Long> ids = jdbc.queryForList("SELECT nextval('policy.verdict_verdict_id_seq') FROM generate_series(1, ?)",
        Long.class, evaluations.size());
    Map<String, FindingGroupStore.Pending> pending = new HashMap<>();
    List<String[]> digestsByVerdict = new ArrayList<>(evaluations.size());
    for (Evaluation evaluation : evaluations) {
      List<FindingGroup> groups = evaluation.canonical().groups();
      List<Finding> findings = evaluation.verdict().findings();
      String[] digests = new String[groups.size()];
      int offset = 0;
      for (int g = 0; g < groups.size(); g++) {
        FindingGroup group = groups.get(g);
        digests[g] = group.templateDigest();
        int from = offset;
        pending.computeIfAbsent(digests[g], d -> new FindingGroupStore.Pending(group,
            findings.subList(from, from + group.findings())));
        offset += group.findings();
      }
      digestsByVerdict.add(digests);
    }
    Map<String, Long> groupIds = groups.ids(pending);
    jdbc.batchUpdate("INSERT INTO policy.verdict (verdict_id, image_digest, sbom_digest, advisory_snapshot_id, engine_version,"
        + " policy_digest, decision, verdict_digest, document, job_instance_id, advisories_digest, findings_at, finding_groups,"
        + " group_layers, layers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Evaluation evaluation = evaluations.get(i);
            Verdict v = evaluation.verdict();
            InputManifest m = v.manifest();
            CanonicalVerdict canonical = evaluation.canonical();
            String[] digests = digestsByVerdict.get(i);
            Long[] groupIdArray = new Long[digests.length];
            Short[] layerIndex = new Short[digests.length];
            List<String> layers = new ArrayList<>();
            Map<String, Short> layerNumbers = new HashMap<>();
            for (int g = 0; g < digests.length; g++) {
              groupIdArray[g] = groupIds.get(digests[g]);
              layerIndex[g] = canonical.groups().get(g).quotedLayer()
                  .map(quoted -> layerNumbers.computeIfAbsent(quoted, q -> {
                    layers.add(q);
                    return (short) layers.size();
                  }))
                  .orElse((short) 0);
            }
            ps.setLong(1, ids.get(i));
            ps.setString(2, v.imageDigest());
            ps.setString(3, m.sbomDigest());
            ps.setLong(4, m.advisorySnapshotId());
            ps.setString(5, m.engineVersion());
            ps.setString(6, m.policyDigest());
            ps.setString(7, v.decision().name());
            ps.setString(8, v.verdictDigest());
            ps.setString(9, canonical.frame());
            ps.setLong(10, jobInstanceId);
            ps.setString(11, m.advisoriesDigest());
            ps.setInt(12, canonical.findingsAt());
            ps.setArray(13, ps.getConnection().createArrayOf("bigint", groupIdArray));
            ps.setArray(14, ps.getConnection().createArrayOf("int2", layerIndex));
            ps.setArray(15, ps.getConnection().createArrayOf("text", layers.toArray()));
          }

          @Override
          public int getBatchSize() {
            return evaluations.size();
          }
        });
  }

  /**
   * The newest {@code limit} verdicts of {@code imageDigest} at or before snapshot number
   * {@code snapshot} under this engine and policy, newest first, without their bodies: enough to
   * tell whether a verdict for given inputs is stored and which one came before.
   */
  public List<VerdictHeader> headers(String imageDigest, long snapshot, String engineVersion, String policyDigest,
      int limit) {
    return jdbc.query("SELECT verdict_digest, advisory_snapshot_id, sbom_digest, advisories_digest, decision, verdict_id"
        + " FROM policy.verdict WHERE tenant_id = 'default' AND image_digest = ? AND advisory_snapshot_id <= ?"
        + " AND engine_version = ? AND policy_digest = ? ORDER BY advisory_snapshot_id DESC, verdict_id DESC LIMIT ?",
        (r, i) -> new VerdictHeader(r.getString(1), r.getLong(2), r.getString(3), java.util.Optional.ofNullable(r.getString(4)),
            r.getString(5), r.getLong(6)),
        imageDigest, snapshot, engineVersion, policyDigest, limit);
  }

  /** What {@link #headers} tells of one verdict. */
  public record VerdictHeader(String verdictDigest, long snapshot, String sbomDigest,
      java.util.Optional<String> advisoriesDigest, String decision, long verdictId) {}

  /**
   * What identifies each finding of verdict {@code verdictId} (advisory, package URL, status
   * label), read from its finding groups' rows (or the rows of a verdict stored before them),
   * without putting its body together.
   */
  public List<String[]> findingIdentities(long verdictId) {
    return jdbc.query("SELECT f.advisory_id, f.purl, f.status FROM policy.verdict v"
        + " CROSS JOIN LATERAL unnest(v.finding_groups) AS u (group_id) JOIN policy.group_finding f ON f.group_id = u.group_id"
        + " WHERE v.verdict_id = ? UNION ALL SELECT advisory_id, purl, status FROM policy.finding_v1 WHERE verdict_id = ?",
        (r, i) -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, verdictId, verdictId);
  }

  private static final String CURRENT = " AND i.image_digest IS NOT NULL";

  /** The newest verdict of each image (only {@code imageDigests} when not empty), by image digest. */
  public List<StoredVerdict> latest(List<String> imageDigests) {
    List<StoredVerdict> verdicts = new ArrayList<>();
    newest(imageDigests, CURRENT, jdbc, verdicts::add);
    return verdicts;
  }

  /**
   * {@link #latest}, handed to {@code consumer} one verdict at a time as the rows arrive (through
   * a cursor in a read-only transaction): a fleet's verdicts hold gigabytes of findings, more
   * than a heap should hold at once.
   */
  public void forEachLatest(List<String> imageDigests, Consumer<StoredVerdict> consumer) {
    transaction.executeWithoutResult(status -> newest(imageDigests, CURRENT, cursorReads, consumer));
  }

  /**
   * The verdict of each image for its current SBOM as of snapshot number {@code snapshot} (what a
   * re-evaluation at that snapshot decided or kept), by image digest, one at a time through a
   * cursor: what a {@code json:policy} export holds.
   */
  public void forEachAt(long snapshot, Consumer<StoredVerdict> consumer) {
    transaction.executeWithoutResult(status -> newest(List.of(), evaluatedAtCondition(snapshot), cursorReads, consumer));
  }

  /**
   * Of the verdict of each image (only {@code imageDigests} when not empty) for its current SBOM as
   * of snapshot number {@code snapshot} (what a re-evaluation at that snapshot decided or kept):
   * how many there are, and how many FAIL; no bodies read.
   */
  public Decisions decisionsAt(List<String> imageDigests, long snapshot) {
    return jdbc.query("SELECT count(*) FILTER (WHERE n.decision = 'FAIL'), count(*) FROM ("
        + newestIds(imageDigests, evaluatedAtCondition(snapshot)) + ") s JOIN policy.verdict n ON n.verdict_id = s.verdict_id",
        ps -> bindImages(ps, imageDigests),
        r -> {
          r.next();
          return new Decisions(r.getLong(1), r.getLong(2));
        });
  }

  /** Of {@code total} verdicts, {@code failing} are FAIL. */
  public record Decisions(long failing, long total) {}

  private static String evaluatedAtCondition(long snapshot) {
    return " AND v.advisory_snapshot_id <= " + snapshot + " AND v.sbom_digest = 'sha256:' || i.sbom_sha256";
  }

  /** The newest verdict id per image that meets {@code condition}, with staleness and the image's name. */
  private static String newestIds(List<String> imageDigests, String condition) {
    String where = (imageDigests.isEmpty() ? "" : " AND v.image_digest = ANY(?)") + condition;
    return "SELECT DISTINCT ON (v.image_digest) v.verdict_id, v.image_digest,"
        + " (i.sbom_sha256 IS DISTINCT FROM substr(v.sbom_digest, 8)) AS stale, d.name"
        + " FROM policy.verdict v LEFT JOIN sbom.image i ON i.tenant_id = v.tenant_id AND i.image_digest = v.image_digest"
        + " LEFT JOIN sbom.document d ON d.tenant_id = v.tenant_id AND d.sha256 = substr(v.sbom_digest, 8)"
        + " WHERE v.tenant_id = 'default'" + where + " ORDER BY v.image_digest, v.advisory_snapshot_id DESC, v.verdict_id DESC";
  }

  private static void bindImages(PreparedStatement ps, List<String> imageDigests) throws SQLException {
    if (!imageDigests.isEmpty()) {
      ps.setArray(1, JdbcArrays.text(ps.getConnection(), imageDigests));
    }
  }

  private static void newest(List<String> imageDigests, String condition, JdbcTemplate reads, Consumer<StoredVerdict> consumer) {
    // The newest verdict ids first, then the bodies of those only (a body is put together from its groups).
    reads.query("SELECT policy.verdict_document(w), w.verdict_digest, w.advisory_snapshot_id, s.stale, s.name FROM ("
        + newestIds(imageDigests, condition) + ") s JOIN policy.verdict w ON w.verdict_id = s.verdict_id ORDER BY s.image_digest",
        ps -> bindImages(ps, imageDigests),
        (ResultSet r) -> {
          consumer.accept(new StoredVerdict(VerdictJson.read(r.getString(1), r.getString(2), r.getLong(3)), r.getString(1),
              r.getBoolean(4), java.util.Optional.ofNullable(r.getString(5))));
        });
  }

  /**
   * A stored verdict, its canonical body, whether the image's SBOM has changed since, and the
   * name its SBOM gives the image.
   */
  public record StoredVerdict(Verdict verdict, String canonicalBody, boolean sbomChanged,
      java.util.Optional<String> imageName) {}
}
