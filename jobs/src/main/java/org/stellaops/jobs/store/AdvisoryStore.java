package org.stellaops.jobs.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stellaops.connectors.canonical.AdvisoryJson;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.engine.verdict.Digests;
import org.stellaops.jobs.ingest.ParsedDocument;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;

/**
 * Advisories in PostgreSQL: raw documents, normalised revisions, affected packages and export
 * deltas. Writes are batched per chunk and keyed by content hashes and natural keys, so writing
 * the same documents again changes nothing.
 *
 * <p>A run compares each advisory with the newest revision it can trust: its own newest revision
 * if it already wrote one, else the newest revision of a sealed snapshot. Revisions left behind
 * by a run that never completed are ignored, so a later run stores those changes again under
 * its own snapshot instead of skipping them. A run's export deltas always describe the change
 * from the sealed state before the run to the run's final revision of each advisory.
 */
@Repository
public class AdvisoryStore {
  private final JdbcTemplate jdbc;
  private final SnapshotStore snapshots;

  public AdvisoryStore(JdbcTemplate jdbc, SnapshotStore snapshots) {
    this.jdbc = jdbc;
    this.snapshots = snapshots;
  }

  /** Stores the accepted documents of a chunk; returns how many new revisions it made. */
  public int write(long jobInstanceId, List<ParsedDocument<Advisory>> items) {
    List<ParsedDocument<Advisory>> accepted = items.stream().filter(i -> i.value().isPresent()).toList();
    if (accepted.isEmpty()) {
      return 0;
    }
    // The run's snapshot is created with its first revision: a run that changes nothing makes none.
    long existing = snapshots.existing(jobInstanceId).orElse(-1L);
    Map<String, State> states = states(existing, accepted.stream().map(i -> i.value().get().id()).distinct().toList());
    long snapshotId = existing >= 0 || !anyChange(accepted, states) ? existing : snapshots.forJobInstance(jobInstanceId);
    Batch batch = new Batch();
    Set<String> raw = new LinkedHashSet<>();
    Set<String> revised = new LinkedHashSet<>();
    for (ParsedDocument<Advisory> item : accepted) {
      if (raw.add(item.sha256())) {
        batch.raw.add(new Object[] {item.sha256(), "osv", item.source(), mediaType(item.source()), item.bytes().length, item.bytes()});
      }
      if (revise(item, snapshotId, states, batch)) {
        revised.add(item.value().get().id());
      }
    }
    for (String advisoryId : revised) {
      addDeltas(snapshotId, advisoryId, states.get(advisoryId), batch);
    }
    flush(snapshotId, revised, batch);
    return batch.revisions.size();
  }

  /** Whether some document differs from what its advisory would be compared with. */
  private static boolean anyChange(List<ParsedDocument<Advisory>> accepted, Map<String, State> states) {
    for (ParsedDocument<Advisory> item : accepted) {
      State state = states.get(item.value().get().id());
      Optional<Revision> compareWith = state == null ? Optional.empty() : state.own.or(() -> state.base);
      if (compareWith.isEmpty() || !compareWith.get().contentSha256.equals(contentSha256(item.value().get()))) {
        return true;
      }
    }
    return false;
  }

  private static String contentSha256(Advisory advisory) {
    return Digests.sha256Hex(AdvisoryJson.write(advisory));
  }

  private boolean revise(ParsedDocument<Advisory> item, long snapshotId, Map<String, State> states, Batch batch) {
    Advisory advisory = item.value().get();
    String json = AdvisoryJson.write(advisory);
    String contentSha = Digests.sha256Hex(json);
    State state = states.computeIfAbsent(advisory.id(), id -> new State(0, Optional.empty(), Optional.empty()));
    Optional<Revision> compareWith = state.own.or(() -> state.base);
    if (compareWith.isPresent() && compareWith.get().contentSha256.equals(contentSha)) {
      return false;
    }
    int revision = state.maxRevision + 1;
    batch.revisions.add(new Object[] {advisory.id(), revision, snapshotId, item.sha256(), contentSha,
        advisory.hasBeenWithdrawn(), advisory.modified().orElse(null), json});
    Set<String> keys = new LinkedHashSet<>();
    List<AffectedPackage> affected = advisory.affected();
    for (int i = 0; i < affected.size(); i++) {
      String ecosystem = Ecosystems.baseEcosystem(affected.get(i).ecosystem());
      String name = Ecosystems.normaliseName(ecosystem, affected.get(i).name());
      String key = ecosystem + "/" + name;
      keys.add(key);
      batch.affected.add(new Object[] {advisory.id(), revision, i, affected.get(i).ecosystem(), name, key});
    }
    states.put(advisory.id(), new State(revision,
        Optional.of(new Revision(contentSha, advisory.hasBeenWithdrawn(), keys)), state.base));
    return true;
  }

  /** The deltas of one advisory in this run: from the sealed state before the run to the run's final revision. */
  private static void addDeltas(long snapshotId, String advisoryId, State state, Batch batch) {
    Revision last = state.own.orElseThrow();
    if (state.base.isPresent() && state.base.get().contentSha256.equals(last.contentSha256)) {
      return;
    }
    Set<String> before = state.base.map(Revision::productKeys).orElse(Set.of());
    for (String key : last.productKeys) {
      String change = last.withdrawn ? "withdrawn" : before.contains(key) ? "changed" : "added";
      batch.deltas.add(new Object[] {snapshotId, key, advisoryId, change});
    }
    state.base.ifPresent(base -> base.productKeys.stream().filter(k -> !last.productKeys.contains(k))
        .forEach(key -> batch.deltas.add(new Object[] {snapshotId, key, advisoryId, "removed"})));
  }

  private void flush(long snapshotId, Set<String> revised, Batch batch) {
    jdbc.batchUpdate("INSERT INTO vuln.raw_document (sha256, source, path, media_type, size_bytes, content)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", batch.raw);
    jdbc.batchUpdate("INSERT INTO vuln.advisory_revision (advisory_id, revision, snapshot_id, raw_sha256, content_sha256,"
        + " withdrawn, modified, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)", batch.revisions);
    jdbc.batchUpdate("INSERT INTO vuln.affected_package (advisory_id, revision, ordinal, ecosystem, package_name, product_key)"
        + " VALUES (?, ?, ?, ?, ?, ?)", batch.affected);
    if (!revised.isEmpty()) {
      jdbc.update("DELETE FROM vuln.export_delta WHERE tenant_id = 'default' AND snapshot_id = ? AND advisory_id = ANY(?)",
          ps -> {
            ps.setLong(1, snapshotId);
            ps.setArray(2, JdbcArrays.text(ps.getConnection(), revised));
          });
    }
    jdbc.batchUpdate("INSERT INTO vuln.export_delta (snapshot_id, product_key, advisory_id, change)"
        + " VALUES (?, ?, ?, ?)", batch.deltas);
  }

  /**
   * Per advisory: the highest revision number used by anyone, this run's newest revision and the
   * newest sealed revision, each with its product keys.
   */
  private Map<String, State> states(long snapshotId, List<String> advisoryIds) {
    Map<String, Integer> maxRevision = new HashMap<>();
    Map<String, Revision> own = new HashMap<>();
    Map<String, Revision> base = new HashMap<>();
    jdbc.query("SELECT r.advisory_id, r.role, r.revision, r.content_sha256, r.withdrawn,"
        + " coalesce(array_agg(a.product_key ORDER BY a.ordinal) FILTER (WHERE a.product_key IS NOT NULL), '{}')"
        + " FROM (SELECT DISTINCT ON (advisory_id, role) * FROM ("
        + "   SELECT r.advisory_id, r.revision, r.content_sha256, r.withdrawn,"
        + "     CASE WHEN r.snapshot_id = ? THEN 'own' WHEN s.sealed THEN 'base' ELSE 'other' END AS role"
        + "   FROM vuln.advisory_revision r JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id"
        + "   WHERE r.tenant_id = 'default' AND r.advisory_id = ANY(?)) x"
        + "  ORDER BY advisory_id, role, revision DESC) r"
        + " LEFT JOIN vuln.affected_package a ON a.tenant_id = 'default' AND a.advisory_id = r.advisory_id"
        + "   AND a.revision = r.revision"
        + " GROUP BY r.advisory_id, r.role, r.revision, r.content_sha256, r.withdrawn",
        ps -> {
          ps.setLong(1, snapshotId);
          ps.setArray(2, JdbcArrays.text(ps.getConnection(), advisoryIds));
        },
        r -> {
          String id = r.getString(1);
          maxRevision.merge(id, r.getInt(3), Math::max);
          Revision revision = new Revision(r.getString(4), r.getBoolean(5),
              new LinkedHashSet<>(List.of((String[]) r.getArray(6).getArray())));
          switch (r.getString(2)) {
            case "own" -> own.put(id, revision);
            case "base" -> base.put(id, revision);
            default -> { }
          }
        });
    Map<String, State> states = new LinkedHashMap<>();
    maxRevision.forEach((id, max) -> states.put(id, new State(max, Optional.ofNullable(own.get(id)),
        Optional.ofNullable(base.get(id)))));
    return states;
  }

  /**
   * Every advisory as of snapshot number {@code snapshotNumber}: the newest revision of each
   * among the runs sealed at or before it. Revisions of runs that have not completed are never
   * visible, and a run sealed later never changes what an earlier number shows.
   */
  public List<Advisory> asOf(long snapshotNumber) {
    return jdbc.query("SELECT DISTINCT ON (r.advisory_id) r.document::text FROM vuln.advisory_revision r"
        + " JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.seal_seq <= ?"
        + " WHERE r.tenant_id = 'default' ORDER BY r.advisory_id, r.revision DESC",
        (r, i) -> AdvisoryJson.read(r.getString(1)), snapshotNumber);
  }

  private static String mediaType(String source) {
    return source.endsWith(".yaml") || source.endsWith(".yml") ? "application/yaml" : "application/json";
  }

  /** One stored revision: its content hash, whether it withdraws the advisory, and the product keys it names. */
  private record Revision(String contentSha256, boolean withdrawn, Set<String> productKeys) {}

  /** What a chunk needs to know about one advisory. */
  private record State(int maxRevision, Optional<Revision> own, Optional<Revision> base) {}

  private static final class Batch {
    final List<Object[]> raw = new ArrayList<>();
    final List<Object[]> revisions = new ArrayList<>();
    final List<Object[]> affected = new ArrayList<>();
    final List<Object[]> deltas = new ArrayList<>();
  }
}
