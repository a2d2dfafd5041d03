package org.stellaops.connectors.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stellaops.connectors.canonical.AdvisoryJson;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.engine.match.EvaluationDigests;
import org.stellaops.engine.verdict.Digests;
import org.stellaops.connectors.feed.AdvisoryDocument;
import org.stellaops.connectors.source.ParsedDocument;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;

/**
 * Advisories in PostgreSQL: raw documents, normalised revisions, affected packages and export
 * deltas. Writes are batched per chunk and keyed by content hashes and natural keys, so writing
 * the same documents again changes nothing.
 *
 * <p>Visibility follows seal order: as of snapshot number N, an advisory is its revision from the
 * run sealed last at or before N (the newest revision within that run). While a run is open, it
 * compares each advisory with its own newest revision if it wrote one, else with what is visible
 * now; revisions of runs that never completed are ignored, so a later run stores those changes
 * again instead of skipping them. Export deltas are computed when the run seals, from the state
 * visible just before it to the run's final revisions, so they stay right whatever other runs
 * sealed while this one was interrupted.
 */
@Repository
public class AdvisoryStore {
  private final JdbcTemplate jdbc;
  private final SnapshotStore snapshots;
  /** Reads {@value #FETCH_ROWS} rows per round trip: inside a transaction PostgreSQL then reads through a cursor. */
  private final JdbcTemplate cursorReads;
  private final org.springframework.transaction.support.TransactionTemplate transaction;

  public AdvisoryStore(JdbcTemplate jdbc, SnapshotStore snapshots,
      org.springframework.transaction.PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.snapshots = snapshots;
    this.cursorReads = new JdbcTemplate(jdbc.getDataSource());
    this.cursorReads.setFetchSize(FETCH_ROWS);
    this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
  }

  /**
   * Stores the accepted documents of a chunk; returns how many new revisions it made. A document
   * may hold many advisories (a distribution's feed); each revision points at its raw document.
   */
  public int write(long jobInstanceId, List<ParsedDocument<AdvisoryDocument>> items) {
    List<ParsedDocument<AdvisoryDocument>> accepted = items.stream().filter(i -> i.value().isPresent()).toList();
    if (accepted.isEmpty()) {
      return 0;
    }
    long existing = snapshots.existing(jobInstanceId).orElse(-1L);
    Map<String, State> states = states(existing, accepted.stream().flatMap(i -> i.value().get().advisories().stream())
        .map(Advisory::id).distinct().toList());
    Map<String, ParsedDocument<AdvisoryDocument>> raw = new LinkedHashMap<>();
    List<Pending> pending = new ArrayList<>();
    for (ParsedDocument<AdvisoryDocument> item : accepted) {
      raw.putIfAbsent(item.sha256(), item);
      for (Advisory advisory : item.value().get().advisories()) {
        String json = AdvisoryJson.write(advisory);
        String contentSha = Digests.sha256Hex(json);
        State state = states.getOrDefault(advisory.id(), State.NONE);
        if (state.compareWith().filter(contentSha::equals).isPresent()) {
          continue;
        }
        int revision = state.maxRevision + 1;
        pending.add(new Pending(item, advisory, json, contentSha, revision));
        states.put(advisory.id(), new State(revision, Optional.of(contentSha), state.base));
      }
    }
    // The run's snapshot is created with its first revision: a run that changes nothing makes none.
    long snapshotId = existing >= 0 || pending.isEmpty() ? existing : snapshots.forJobInstance(jobInstanceId);
    flush(snapshotId, raw.values(), pending);
    return pending.size();
  }

  private void flush(long snapshotId, java.util.Collection<ParsedDocument<AdvisoryDocument>> raw, List<Pending> pending) {
    jdbc.batchUpdate("INSERT INTO vuln.raw_document (sha256, source, path, media_type, size_bytes, content)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", raw.stream().map(item -> new Object[] {item.sha256(), item.value().get().format(),
            item.source(), mediaType(item.source()), item.bytes().length, item.bytes()}).toList());
    List<Object[]> revisions = new ArrayList<>();
    List<Object[]> affected = new ArrayList<>();
    for (Pending p : pending) {
      revisions.add(new Object[] {p.advisory.id(), p.revision, snapshotId, p.item.sha256(), p.contentSha256,
          p.advisory.hasBeenWithdrawn(), p.advisory.modified().orElse(null), p.json});
      Map<String, String> digestByKey = evaluationDigests(p.advisory);
      List<AffectedPackage> packages = p.advisory.affected();
      for (int i = 0; i < packages.size(); i++) {
        String key = productKey(packages.get(i));
        String name = key.substring(key.indexOf('/') + 1);
        affected.add(new Object[] {p.advisory.id(), p.revision, i, packages.get(i).ecosystem(), name, key,
            digestByKey.get(key)});
      }
    }
    jdbc.batchUpdate("INSERT INTO vuln.advisory_revision (advisory_id, revision, snapshot_id, raw_sha256, content_sha256,"
        + " withdrawn, modified, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)", revisions);
    jdbc.batchUpdate("INSERT INTO vuln.affected_package (advisory_id, revision, ordinal, ecosystem, package_name, product_key,"
        + " evaluation_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)", affected);
  }

  /** The product keys ({@code ecosystem/normalised-name}) an advisory names, sorted, each once. */
  public static java.util.SortedSet<String> productKeys(Advisory advisory) {
    java.util.SortedSet<String> keys = new java.util.TreeSet<>();
    advisory.affected().forEach(a -> keys.add(productKey(a)));
    return keys;
  }

  private static String productKey(AffectedPackage affected) {
    return Ecosystems.productKey(affected.ecosystem(), affected.name());
  }

  /**
   * Per product key, the digest of what evaluating a component of that product reads from this
   * advisory ({@link EvaluationDigests}: id, aliases, severity, withdrawal and the key's entries).
   */
  static Map<String, String> evaluationDigests(Advisory advisory) {
    Map<String, List<AffectedPackage>> byKey = new LinkedHashMap<>();
    advisory.affected().forEach(a -> byKey.computeIfAbsent(productKey(a), k -> new ArrayList<>()).add(a));
    Map<String, String> digests = new HashMap<>();
    byKey.forEach((key, entries) -> digests.put(key, EvaluationDigests.ofEntries(advisory, entries)));
    return digests;
  }

  /**
   * Writes the export deltas of a run, in the transaction that seals it: for each advisory the
   * run revised, from the revision visible now (the newest by seal order) to the run's final one.
   * {@code added}: the final revision names the key and the visible one did not; {@code changed}:
   * both name it and what evaluation reads for it differs; {@code withdrawn}: the final revision
   * withdraws the advisory (for the keys whose evaluation changed); {@code removed}: the visible
   * revision named the key and the final one does not.
   */
  public void computeDeltas(long snapshotId) {
    jdbc.update("DELETE FROM vuln.export_delta WHERE tenant_id = 'default' AND snapshot_id = ?", snapshotId);
    // The run's revisions are not committed yet, so the planner has no statistics for them and
    // expects a handful: it then joins the key sets below in nested loops, which for a 50,000-advisory
    // run is billions of comparisons (minutes). Hash joins cost one pass over the tables (seconds).
    jdbc.execute("SET LOCAL enable_nestloop = off");
    jdbc.update("WITH own AS (SELECT DISTINCT ON (advisory_id) advisory_id, revision, withdrawn FROM vuln.advisory_revision"
        + "   WHERE tenant_id = 'default' AND snapshot_id = ? ORDER BY advisory_id, revision DESC),"
        + " base AS (SELECT DISTINCT ON (r.advisory_id) r.advisory_id, r.revision FROM vuln.advisory_revision r"
        + "   JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.seal_seq IS NOT NULL"
        + "   WHERE r.tenant_id = 'default' AND r.advisory_id IN (SELECT advisory_id FROM own)"
        + "   ORDER BY r.advisory_id, s.seal_seq DESC, r.revision DESC),"
        + " own_keys AS (SELECT DISTINCT o.advisory_id, a.product_key, a.evaluation_sha256, o.withdrawn FROM own o"
        + "   JOIN vuln.affected_package a ON a.tenant_id = 'default' AND a.advisory_id = o.advisory_id AND a.revision = o.revision),"
        + " base_keys AS (SELECT DISTINCT b.advisory_id, a.product_key, a.evaluation_sha256 FROM base b"
        + "   JOIN vuln.affected_package a ON a.tenant_id = 'default' AND a.advisory_id = b.advisory_id AND a.revision = b.revision)"
        + " INSERT INTO vuln.export_delta (snapshot_id, product_key, advisory_id, change)"
        + " SELECT ?, k.product_key, k.advisory_id,"
        + "   CASE WHEN k.withdrawn THEN 'withdrawn' WHEN b.product_key IS NULL THEN 'added' ELSE 'changed' END"
        + " FROM own_keys k LEFT JOIN base_keys b ON b.advisory_id = k.advisory_id AND b.product_key = k.product_key"
        + " WHERE b.product_key IS NULL OR b.evaluation_sha256 IS NULL OR k.evaluation_sha256 IS NULL"
        + "   OR b.evaluation_sha256 <> k.evaluation_sha256"
        + " UNION ALL SELECT ?, b.product_key, b.advisory_id, 'removed' FROM base_keys b WHERE NOT EXISTS"
        + "   (SELECT 1 FROM own_keys k WHERE k.advisory_id = b.advisory_id AND k.product_key = b.product_key)",
        snapshotId, snapshotId, snapshotId);
    jdbc.execute("SET LOCAL enable_nestloop TO DEFAULT");
  }

  /** The product keys the export deltas of snapshot numbers in ({@code after}, {@code upTo}] name, sorted. */
  public List<String> changedProductKeys(long after, long upTo) {
    return deltaValues("product_key", after, upTo);
  }

  /** The advisory ids the export deltas of snapshot numbers in ({@code after}, {@code upTo}] name, sorted. */
  public List<String> changedAdvisoryIds(long after, long upTo) {
    return deltaValues("advisory_id", after, upTo);
  }

  private List<String> deltaValues(String column, long after, long upTo) {
    // The snapshot ids first, then their deltas by id: joined on the seal order range, PostgreSQL
    // cannot tell how many deltas match and scans every delta ever recorded (30 ms at 220,000);
    // with the ids bound it reads the few it needs through the primary key (under 2 ms).
    List<Long> snapshots = jdbc.queryForList("SELECT snapshot_id FROM vuln.snapshot WHERE seal_seq > ? AND seal_seq <= ?",
        Long.class, after, upTo);
    if (snapshots.isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList("SELECT DISTINCT " + column + " FROM vuln.export_delta WHERE tenant_id = 'default'"
        + " AND snapshot_id = ANY(?) ORDER BY 1", String.class, (Object) snapshots.toArray(Long[]::new));
  }

  /** Of advisories {@code ids}, each one's revision as of snapshot number {@code snapshotNumber} (see {@link #asOf}). */
  public List<Advisory> asOf(long snapshotNumber, java.util.Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.query("SELECT DISTINCT ON (r.advisory_id) r.document::text FROM vuln.advisory_revision r"
        + " JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.seal_seq <= ?"
        + " WHERE r.tenant_id = 'default' AND r.advisory_id = ANY(?) ORDER BY r.advisory_id, s.seal_seq DESC, r.revision DESC",
        ps -> {
          ps.setLong(1, snapshotNumber);
          ps.setArray(2, JdbcArrays.text(ps.getConnection(), List.copyOf(ids)));
        },
        (r, i) -> AdvisoryJson.read(r.getString(1)));
  }

  /**
   * Per advisory: the highest revision number used by anyone, this run's newest revision and the
   * revision visible now (newest by seal order).
   */
  private Map<String, State> states(long snapshotId, List<String> advisoryIds) {
    Map<String, State> states = new HashMap<>();
    jdbc.query("SELECT advisory_id, role, content_sha256, max_revision FROM (SELECT DISTINCT ON (advisory_id, role) * FROM ("
        + "   SELECT r.advisory_id, r.revision, r.content_sha256, s.seal_seq,"
        + "     max(r.revision) OVER (PARTITION BY r.advisory_id) AS max_revision,"
        + "     CASE WHEN r.snapshot_id = ? THEN 'own' WHEN s.seal_seq IS NOT NULL THEN 'base' ELSE 'other' END AS role"
        + "   FROM vuln.advisory_revision r JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id"
        + "   WHERE r.tenant_id = 'default' AND r.advisory_id = ANY(?)) x"
        + "  ORDER BY advisory_id, role, seal_seq DESC NULLS LAST, revision DESC) r",
        ps -> {
          ps.setLong(1, snapshotId);
          ps.setArray(2, JdbcArrays.text(ps.getConnection(), advisoryIds));
        },
        r -> {
          State state = states.getOrDefault(r.getString(1), State.NONE);
          Optional<String> content = Optional.of(r.getString(3));
          State updated = switch (r.getString(2)) {
            case "own" -> new State(r.getInt(4), content, state.base);
            case "base" -> new State(r.getInt(4), state.own, content);
            default -> new State(r.getInt(4), state.own, state.base);
          };
          states.put(r.getString(1), updated);
        });
    return states;
  }

  /**
   * Every advisory as of snapshot number {@code snapshotNumber}: for each, its revision from the
   * run sealed last at or before that number. Runs that have not completed are never visible,
   * and a run sealed later never changes what an earlier number shows.
   */
  public List<Advisory> asOf(long snapshotNumber) {
    List<Advisory> all = new ArrayList<>();
    forEachAsOf(snapshotNumber, all::add);
    return all;
  }

  /**
   * {@link #asOf}, handed to {@code consumer} one advisory at a time as the rows arrive: read
   * through a cursor ({@value #FETCH_ROWS} rows per round trip) in a read-only transaction, so
   * neither the driver nor this store holds the whole snapshot.
   */
  public void forEachAsOf(long snapshotNumber, java.util.function.Consumer<Advisory> consumer) {
    // In a transaction (the caller's, or one of its own) so that the fetch size makes a cursor.
    transaction.executeWithoutResult(status -> cursorReads.query(AS_OF, (java.sql.ResultSet row) -> {
      consumer.accept(AdvisoryJson.read(row.getString(1)));
    }, snapshotNumber));
  }

  /**
   * {@link #forEachAsOf}, keeping only advisories whose current revision came from a raw document of
   * one of {@code sources} (the source recorded at ingest, e.g. {@code osv}).
   */
  public void forEachAsOf(long snapshotNumber, java.util.Set<String> sources, java.util.function.Consumer<Advisory> consumer) {
    transaction.executeWithoutResult(status -> cursorReads.query(AS_OF_FROM_SOURCES, ps -> {
      ps.setLong(1, snapshotNumber);
      ps.setArray(2, JdbcArrays.text(ps.getConnection(), List.copyOf(new java.util.TreeSet<>(sources))));
    }, (java.sql.ResultSet row) -> {
      consumer.accept(AdvisoryJson.read(row.getString(1)));
    }));
  }

  /**
   * {@link #forEachAsOf}, in code point order of the advisory id whatever the database's collation
   * (mirror bundles list advisories by id, and a delta merges against that order).
   */
  public void forEachAsOfInIdOrder(long snapshotNumber, java.util.function.Consumer<Advisory> consumer) {
    transaction.executeWithoutResult(status -> cursorReads.query(AS_OF_ID_ORDER, (java.sql.ResultSet row) -> {
      consumer.accept(AdvisoryJson.read(row.getString(1)));
    }, snapshotNumber));
  }

  /**
   * The ids of advisories revised by the runs sealed after snapshot number {@code after} up to
   * {@code upTo}: the only ones whose content as of {@code upTo} can differ from {@code after}'s.
   */
  public java.util.SortedSet<String> revisedIds(long after, long upTo) {
    List<Long> snapshots = jdbc.queryForList("SELECT snapshot_id FROM vuln.snapshot WHERE seal_seq > ? AND seal_seq <= ?",
        Long.class, after, upTo);
    java.util.SortedSet<String> ids = new java.util.TreeSet<>();
    if (!snapshots.isEmpty()) {
      jdbc.query("SELECT DISTINCT advisory_id FROM vuln.advisory_revision WHERE tenant_id = 'default' AND snapshot_id = ANY(?)",
          (java.sql.ResultSet r) -> {
            ids.add(r.getString(1));
          }, (Object) snapshots.toArray(Long[]::new));
    }
    return ids;
  }

  /** The sources advisories were ingested from, sorted. */
  public List<String> sources() {
    return jdbc.queryForList("SELECT DISTINCT source FROM vuln.raw_document WHERE tenant_id = 'default' ORDER BY 1", String.class);
  }

  private static final String AS_OF_FROM_SOURCES = "SELECT c.document FROM ("
      + "SELECT DISTINCT ON (r.advisory_id) r.advisory_id, r.document::text AS document, r.raw_sha256 FROM vuln.advisory_revision r"
      + " JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.seal_seq <= ?"
      + " WHERE r.tenant_id = 'default' ORDER BY r.advisory_id, s.seal_seq DESC, r.revision DESC) c"
      + " JOIN vuln.raw_document d ON d.tenant_id = 'default' AND d.sha256 = c.raw_sha256"
      + " WHERE d.source = ANY(?) ORDER BY c.advisory_id";

  private static final int FETCH_ROWS = 1000;
  private static final String AS_OF = "SELECT DISTINCT ON (r.advisory_id) r.document::text FROM vuln.advisory_revision r"
      + " JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.seal_seq <= ?"
      + " WHERE r.tenant_id = 'default' ORDER BY r.advisory_id, s.seal_seq DESC, r.revision DESC";

  private static final String AS_OF_ID_ORDER = "SELECT DISTINCT ON (r.advisory_id COLLATE \"C\") r.document::text"
      + " FROM vuln.advisory_revision r JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.seal_seq <= ?"
      + " WHERE r.tenant_id = 'default' ORDER BY r.advisory_id COLLATE \"C\", s.seal_seq DESC, r.revision DESC";

  private static String mediaType(String source) {
    return source.endsWith(".yaml") || source.endsWith(".yml") ? "application/yaml" : "application/json";
  }

  /** A revision to write. */
  private record Pending(ParsedDocument<AdvisoryDocument> item, Advisory advisory, String json, String contentSha256, int revision) {}

  /** What a chunk needs to know about one advisory: highest revision number, own newest and visible content hashes. */
  private record State(int maxRevision, Optional<String> own, Optional<String> base) {
    static final State NONE = new State(0, Optional.empty(), Optional.empty());

    Optional<String> compareWith() {
      return own.or(() -> base);
    }
  }
}
