package org.stellaops.jobs.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    Map<String, ParsedDocument<Advisory>> fresh = new LinkedHashMap<>();
    for (ParsedDocument<Advisory> item : items) {
      if (item.value().isPresent()) {
        fresh.putIfAbsent(item.sha256(), item);
      }
    }
    fresh.keySet().removeAll(existingRaw(fresh.keySet()));
    if (fresh.isEmpty()) {
      return 0;
    }
    long snapshotId = snapshots.forJobInstance(jobInstanceId);
    Map<String, Current> current = current(fresh.values().stream().map(i -> i.value().get().id()).distinct().toList());
    Batch batch = new Batch();
    for (ParsedDocument<Advisory> item : fresh.values()) {
      batch.raw.add(new Object[] {item.sha256(), "osv", item.source(), mediaType(item.source()), item.bytes().length, item.bytes()});
      revise(item, snapshotId, current, batch);
    }
    flush(batch);
    return batch.revisions.size();
  }

  private void revise(ParsedDocument<Advisory> item, long snapshotId, Map<String, Current> current, Batch batch) {
    Advisory advisory = item.value().get();
    String json = AdvisoryJson.write(advisory);
    String contentSha = Digests.sha256Hex(json);
    Current previous = current.get(advisory.id());
    if (previous != null && previous.contentSha256.equals(contentSha)) {
      return;
    }
    int revision = previous == null ? 1 : previous.revision + 1;
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
    String change = advisory.hasBeenWithdrawn() ? "withdrawn" : previous == null ? "added" : "changed";
    keys.forEach(key -> batch.deltas.add(new Object[] {snapshotId, key, advisory.id(), change}));
    if (previous != null) {
      previous.productKeys.stream().filter(k -> !keys.contains(k))
          .forEach(key -> batch.deltas.add(new Object[] {snapshotId, key, advisory.id(), "removed"}));
    }
    current.put(advisory.id(), new Current(revision, contentSha, keys));
  }

  private void flush(Batch batch) {
    jdbc.batchUpdate("INSERT INTO vuln.raw_document (sha256, source, path, media_type, size_bytes, content)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", batch.raw);
    jdbc.batchUpdate("INSERT INTO vuln.advisory_revision (advisory_id, revision, snapshot_id, raw_sha256, content_sha256,"
        + " withdrawn, modified, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)", batch.revisions);
    jdbc.batchUpdate("INSERT INTO vuln.affected_package (advisory_id, revision, ordinal, ecosystem, package_name, product_key)"
        + " VALUES (?, ?, ?, ?, ?, ?)", batch.affected);
    jdbc.batchUpdate("INSERT INTO vuln.export_delta (snapshot_id, product_key, advisory_id, change)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", batch.deltas);
  }

  private Set<String> existingRaw(Set<String> sha256s) {
    if (sha256s.isEmpty()) {
      return Set.of();
    }
    return new java.util.HashSet<>(jdbc.query(
        "SELECT sha256 FROM vuln.raw_document WHERE tenant_id = 'default' AND sha256 = ANY(?)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), sha256s)), (r, i) -> r.getString(1)));
  }

  private Map<String, Current> current(List<String> advisoryIds) {
    Map<String, Current> current = new HashMap<>();
    jdbc.query("SELECT r.advisory_id, r.revision, r.content_sha256, coalesce(array_agg(a.product_key ORDER BY a.ordinal)"
        + "   FILTER (WHERE a.product_key IS NOT NULL), '{}')"
        + " FROM (SELECT DISTINCT ON (advisory_id) advisory_id, revision, content_sha256 FROM vuln.advisory_revision"
        + "       WHERE tenant_id = 'default' AND advisory_id = ANY(?) ORDER BY advisory_id, revision DESC) r"
        + " LEFT JOIN vuln.affected_package a ON a.advisory_id = r.advisory_id AND a.revision = r.revision"
        + " GROUP BY r.advisory_id, r.revision, r.content_sha256",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), advisoryIds)),
        r -> {
          String[] keys = (String[]) r.getArray(4).getArray();
          current.put(r.getString(1), new Current(r.getInt(2), r.getString(3), new LinkedHashSet<>(List.of(keys))));
        });
    return current;
  }

  /**
   * Every advisory as of a snapshot: the newest revision of each in a sealed snapshot with id at
   * most {@code snapshotId}. Revisions of runs that have not completed are never visible.
   */
  public List<Advisory> asOf(long snapshotId) {
    return jdbc.query("SELECT DISTINCT ON (r.advisory_id) r.document::text FROM vuln.advisory_revision r"
        + " JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.sealed"
        + " WHERE r.tenant_id = 'default' AND r.snapshot_id <= ? ORDER BY r.advisory_id, r.revision DESC",
        (r, i) -> AdvisoryJson.read(r.getString(1)), snapshotId);
  }

  private static String mediaType(String source) {
    return source.endsWith(".yaml") || source.endsWith(".yml") ? "application/yaml" : "application/json";
  }

  private record Current(int revision, String contentSha256, Set<String> productKeys) {}

  private static final class Batch {
    final List<Object[]> raw = new ArrayList<>();
    final List<Object[]> revisions = new ArrayList<>();
    final List<Object[]> affected = new ArrayList<>();
    final List<Object[]> deltas = new ArrayList<>();
  }
}
