package org.stellaops.connectors.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read-only mirror of the far side of an air gap ({@code mirror.*}): the advisories and the
 * package index loaded from mirror bundles, and the chain of bundles applied. A bundle is applied
 * in one transaction, so a failed or killed import leaves the state of the bundle before it.
 */
@Repository
public class MirrorStore {
  private static final int BATCH = 1_000;
  private final JdbcTemplate jdbc;
  private final JdbcTemplate cursorReads;
  private final TransactionTemplate transaction;

  public MirrorStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.cursorReads = new JdbcTemplate(jdbc.getDataSource());
    this.cursorReads.setFetchSize(BATCH);
    this.transaction = new TransactionTemplate(transactions);
  }

  /** A bundle applied (or to apply). */
  public record Bundle(String exportId, String profile, long snapshot, String createdAt, Optional<String> baseExportId, String keyId,
      long records, String stateSha256, long added, long changed, long removed, String source) {}

  /** One advisory of a lookup: its id, whether it is withdrawn, its canonical JSON. */
  public record Entry(String advisoryId, boolean withdrawn, String document) {}

  /** The bundles applied, oldest first. */
  public List<Bundle> chain() {
    return jdbc.query("SELECT export_id, profile, snapshot, created_at, base_export_id, key_id, records, state_sha256, added, changed,"
        + " removed, source FROM mirror.bundle ORDER BY seq", (r, i) -> new Bundle(r.getString(1), r.getString(2), r.getLong(3),
            r.getString(4), Optional.ofNullable(r.getString(5)), r.getString(6), r.getLong(7), r.getString(8), r.getLong(9),
            r.getLong(10), r.getLong(11), r.getString(12)));
  }

  /** The bundle applied last: the mirror's state. */
  public Optional<Bundle> head() {
    List<Bundle> chain = chain();
    return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
  }

  /** Writes into the mirror, inside {@link #apply}. */
  public final class Writer {
    private final List<Object[]> advisories = new ArrayList<>();
    private final List<Object[]> packages = new ArrayList<>();

    private final boolean fresh;

    private Writer(boolean fresh) {
      this.fresh = fresh;
    }

    /** Adds or replaces an advisory, with the product keys it names (its package rows are replaced). */
    public void put(String advisoryId, String contentSha256, boolean withdrawn, String document, java.util.Collection<String> productKeys) {
      advisories.add(new Object[] {advisoryId, contentSha256, withdrawn, document});
      productKeys.forEach(key -> packages.add(new Object[] {key, advisoryId}));
      if (advisories.size() >= BATCH) {
        flush();
      }
    }

    /** Adds an advisory whose package rows come separately ({@link #packageRows}), as a full bundle's index gives them. */
    public void put(String advisoryId, String contentSha256, boolean withdrawn, String document) {
      put(advisoryId, contentSha256, withdrawn, document, List.of());
    }

    /** Package rows: {@code productKey} names each of {@code advisoryIds}. */
    public void packageRows(String productKey, List<String> advisoryIds) {
      advisoryIds.forEach(id -> packages.add(new Object[] {productKey, id}));
      if (packages.size() >= BATCH) {
        flush();
      }
    }

    /**
     * Removes advisories and their package rows, a batch of ids per statement; returns the ids the
     * mirror did not hold (in the order given), so the caller can refuse the bundle.
     */
    public List<String> remove(List<String> advisoryIds) {
      flush();
      java.util.Set<String> held = new java.util.HashSet<>();
      for (int from = 0; from < advisoryIds.size(); from += BATCH) {
        String[] ids = advisoryIds.subList(from, Math.min(advisoryIds.size(), from + BATCH)).toArray(String[]::new);
        jdbc.update(c -> {
          java.sql.PreparedStatement s = c.prepareStatement("DELETE FROM mirror.package_advisory WHERE advisory_id = ANY(?)");
          s.setArray(1, c.createArrayOf("text", ids));
          return s;
        });
        held.addAll(jdbc.query(c -> {
          java.sql.PreparedStatement s = c.prepareStatement("DELETE FROM mirror.advisory WHERE advisory_id = ANY(?) RETURNING advisory_id");
          s.setArray(1, c.createArrayOf("text", ids));
          return s;
        }, (r, i) -> r.getString(1)));
      }
      return advisoryIds.stream().filter(id -> !held.contains(id)).toList();
    }

    /** Every advisory id of the state with its content digest, in code point order of the id. */
    public void forEachRecord(BiConsumer<String, String> consumer) {
      flush();
      cursorReads.query("SELECT advisory_id, content_sha256 FROM mirror.advisory ORDER BY advisory_id COLLATE \"C\"",
          (java.sql.ResultSet r) -> {
            consumer.accept(r.getString(1), r.getString(2));
          });
    }

    void flush() {
      if (!advisories.isEmpty()) {
        if (!fresh) {
          List<Object[]> ids = advisories.stream().map(a -> new Object[] {a[0]}).toList();
          jdbc.batchUpdate("DELETE FROM mirror.package_advisory WHERE advisory_id = ?", ids);
        }
        jdbc.batchUpdate("INSERT INTO mirror.advisory (advisory_id, content_sha256, withdrawn, document) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (advisory_id) DO UPDATE SET content_sha256 = EXCLUDED.content_sha256, withdrawn = EXCLUDED.withdrawn,"
            + " document = EXCLUDED.document", advisories);
        advisories.clear();
      }
      if (!packages.isEmpty()) {
        jdbc.batchUpdate("INSERT INTO mirror.package_advisory (product_key, advisory_id) VALUES (?, ?) ON CONFLICT DO NOTHING", packages);
        packages.clear();
      }
    }
  }

  /**
   * Applies one bundle in a single transaction. A full bundle (no base) empties the mirror first,
   * and replaces a state only when {@code replace}; a delta applies only onto its base, the head.
   * {@code body} writes through the {@link Writer} and may throw to roll everything back;
   * the bundle is recorded last.
   */
  public void apply(Bundle bundle, boolean replace, Consumer<Writer> body) {
    transaction.executeWithoutResult(status -> {
      // One import at a time: a second waits here, then sees the first's result as its head.
      jdbc.execute("SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", 0)");
      Optional<String> head = head().map(Bundle::exportId);
      if (bundle.baseExportId().isPresent() && !bundle.baseExportId().equals(head)) {
        throw new StateMismatch("the bundle applies onto export " + bundle.baseExportId().get() + ", but the mirror holds "
            + head.map(h -> "export " + h).orElse("nothing (import a full bundle first)"));
      }
      if (bundle.baseExportId().isEmpty() && head.isPresent() && !replace) {
        throw new StateMismatch("the mirror already holds export " + head.get() + "; a full bundle replaces it only when asked to (--replace)");
      }
      if (head.isPresent() && head.get().equals(bundle.exportId())) {
        throw new StateMismatch("the mirror already holds export " + bundle.exportId() + " (this bundle): nothing to do");
      }
      if (bundle.baseExportId().isEmpty()) {
        jdbc.execute("TRUNCATE mirror.package_advisory, mirror.advisory");
      }
      Writer writer = new Writer(bundle.baseExportId().isEmpty());
      body.accept(writer);
      writer.flush();
      jdbc.update("INSERT INTO mirror.bundle (export_id, profile, snapshot, created_at, base_export_id, key_id, records, state_sha256,"
          + " added, changed, removed, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", bundle.exportId(), bundle.profile(),
          bundle.snapshot(), bundle.createdAt(), bundle.baseExportId().orElse(null), bundle.keyId(), bundle.records(),
          bundle.stateSha256(), bundle.added(), bundle.changed(), bundle.removed(), bundle.source());
    });
  }

  /** The mirror's state is not the one a bundle applies onto. */
  public static final class StateMismatch extends RuntimeException {
    public StateMismatch(String message) {
      super(message);
    }
  }

  /** Advisory-lock class of imports: one at a time per database, held for the transaction. */
  static final int LOCK_CLASS = 0x4D697272;

  /** The advisories that name {@code productKey}, by id. */
  public List<Entry> lookup(String productKey) {
    return jdbc.query("SELECT a.advisory_id, a.withdrawn, a.document FROM mirror.package_advisory p"
        + " JOIN mirror.advisory a ON a.advisory_id = p.advisory_id WHERE p.product_key = ? ORDER BY a.advisory_id COLLATE \"C\"",
        (r, i) -> new Entry(r.getString(1), r.getBoolean(2), r.getString(3)), productKey);
  }

  /** One advisory by id. */
  public Optional<Entry> advisory(String advisoryId) {
    return jdbc.query("SELECT advisory_id, withdrawn, document FROM mirror.advisory WHERE advisory_id = ?",
        (r, i) -> new Entry(r.getString(1), r.getBoolean(2), r.getString(3)), advisoryId).stream().findFirst();
  }

  /** Every package key with the ids naming it, in key order, to {@code consumer} (for comparisons and exports). */
  public void forEachPackage(BiConsumer<String, List<String>> consumer) {
    transaction.executeWithoutResult(status -> {
      String[] key = {null};
      List<String> ids = new ArrayList<>();
      cursorReads.query("SELECT product_key, advisory_id FROM mirror.package_advisory ORDER BY product_key COLLATE \"C\","
          + " advisory_id COLLATE \"C\"", (java.sql.ResultSet r) -> {
            if (key[0] != null && !key[0].equals(r.getString(1))) {
              consumer.accept(key[0], List.copyOf(ids));
              ids.clear();
            }
            key[0] = r.getString(1);
            ids.add(r.getString(2));
          });
      if (key[0] != null) {
        consumer.accept(key[0], List.copyOf(ids));
      }
    });
  }

  /** Records that a bundle from {@code source} was refused, with its problems (each one line). */
  public void refused(String source, List<String> problems) {
    com.fasterxml.jackson.databind.node.ArrayNode list = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
    problems.forEach(list::add);
    jdbc.update("INSERT INTO mirror.import_refusal (source, problems) VALUES (?, ?::jsonb)", source, list.toString());
  }

  /** Bundles refused so far. */
  public long refusals() {
    return jdbc.queryForObject("SELECT count(*) FROM mirror.import_refusal", Long.class);
  }

  /** Bundles applied so far, per profile. */
  public java.util.Map<String, Long> importsByProfile() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.query("SELECT profile, count(*) FROM mirror.bundle GROUP BY profile", (java.sql.ResultSet r) -> {
      counts.put(r.getString(1), r.getLong(2));
    });
    return counts;
  }

  /** Advisories and package rows held. */
  public long[] counts() {
    return new long[] {jdbc.queryForObject("SELECT count(*) FROM mirror.advisory", Long.class),
        jdbc.queryForObject("SELECT count(*) FROM mirror.package_advisory", Long.class),
        jdbc.queryForObject("SELECT count(DISTINCT product_key) FROM mirror.package_advisory", Long.class)};
  }
}
