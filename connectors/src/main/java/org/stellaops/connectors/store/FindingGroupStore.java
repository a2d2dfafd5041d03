package org.stellaops.connectors.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.stellaops.engine.verdict.CanonicalVerdict.FindingGroup;
import org.stellaops.schemas.verdict.Finding;

/**
 * Finding groups (the findings of one component, see {@code V14__finding_groups.sql}), stored
 * once each and identified by the SHA-256 of their template. Popular components are in most
 * images, so most groups a run meets are stored already: their ids come from a bounded
 * in-process cache, then from one lookup per chunk; only new groups are written, with their
 * findings as rows.
 */
@Repository
public class FindingGroupStore {
  /** Cached ids; beyond this many the cache starts over (about 200 bytes an entry). */
  static final int CACHE_LIMIT = 500_000;

  private final JdbcTemplate jdbc;
  private final DataSource dataSource;
  private final Map<String, Long> cache = new ConcurrentHashMap<>();

  public FindingGroupStore(JdbcTemplate jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** A group to store, with the findings it holds (in order); keyed by its template digest. */
  public record Pending(FindingGroup group, List<Finding> findings) {}

  /**
   * The id of each group, by template digest, writing those not stored yet in the current
   * transaction. Groups are inserted in digest order, so two transactions that write the same new
   * groups wait for each other instead of deadlocking; the one that comes second uses the first
   * one's rows.
   */
  public Map<String, Long> ids(Map<String, Pending> groups) throws SQLException, IOException {
    Map<String, Long> ids = new HashMap<>();
    SortedMap<String, Pending> missing = new TreeMap<>();
    groups.forEach((digest, pending) -> {
      Long id = cache.get(digest);
      if (id != null) {
        ids.put(digest, id);
      } else {
        missing.put(digest, pending);
      }
    });
    if (missing.isEmpty()) {
      return ids;
    }
    Map<String, Long> stored = lookup(missing.keySet());
    remember(stored);
    ids.putAll(stored);
    missing.keySet().removeAll(stored.keySet());
    if (missing.isEmpty()) {
      return ids;
    }
    Map<String, Long> inserted = insert(missing);
    ids.putAll(inserted);
    afterCommit(inserted);
    missing.keySet().removeAll(inserted.keySet());
    if (!missing.isEmpty()) {
      // Written by a transaction that committed while this one waited on the same digests.
      Map<String, Long> theirs = lookup(missing.keySet());
      if (theirs.size() != missing.size()) {
        throw new IllegalStateException(missing.size() - theirs.size() + " finding groups could neither be written nor found");
      }
      remember(theirs);
      ids.putAll(theirs);
    }
    return ids;
  }

  private Map<String, Long> lookup(Set<String> digests) {
    Map<String, Long> found = new HashMap<>();
    jdbc.query("SELECT digest, group_id FROM policy.finding_group WHERE tenant_id = 'default' AND digest = ANY(?)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), digests)),
        r -> {
          found.put(r.getString(1), r.getLong(2));
        });
    return found;
  }

  private Map<String, Long> insert(SortedMap<String, Pending> groups) throws SQLException, IOException {
    List<Long> newIds = jdbc.queryForList("SELECT nextval('policy.finding_group_group_id_seq') FROM generate_series(1, ?)",
        Long.class, groups.size());
    List<String> digests = new ArrayList<>(groups.keySet());
    List<String> templates = new ArrayList<>(groups.size());
    List<Integer> counts = new ArrayList<>(groups.size());
    for (Pending pending : groups.values()) {
      templates.add(pending.group().template());
      counts.add(pending.group().findings());
    }
    Set<String> written = new java.util.HashSet<>(jdbc.query(
        "INSERT INTO policy.finding_group (group_id, digest, template, findings)"
            + " SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::int[]) AS g (group_id, digest, template, findings)"
            + " ORDER BY digest ON CONFLICT (tenant_id, digest) DO NOTHING RETURNING digest",
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", newIds.toArray()));
          ps.setArray(2, JdbcArrays.text(ps.getConnection(), digests));
          ps.setArray(3, JdbcArrays.text(ps.getConnection(), templates));
          ps.setArray(4, ps.getConnection().createArrayOf("integer", counts.toArray()));
        },
        (r, i) -> r.getString(1)));
    Map<String, Long> inserted = new HashMap<>();
    CsvCopy rows = new CsvCopy();
    for (int i = 0; i < digests.size(); i++) {
      if (!written.contains(digests.get(i))) {
        continue;
      }
      long id = newIds.get(i);
      inserted.put(digests.get(i), id);
      List<Finding> findings = groups.get(digests.get(i)).findings();
      for (int f = 0; f < findings.size(); f++) {
        Finding x = findings.get(f);
        rows.row(id, f, x.advisoryId(), x.purl(), x.ecosystem(), x.packageName(), x.version(), x.status().label(),
            x.severity().name(), x.score().orElse(null), x.matched(), x.fixedVersion().orElse(null), x.reason());
      }
    }
    rows.copyInto(dataSource, "policy.group_finding (group_id, ordinal, advisory_id, purl, ecosystem, package_name, version,"
        + " status, severity, score, matched, fixed_version, reason)");
    return inserted;
  }

  /** Ids this transaction wrote become shareable once it commits; a rollback leaves nothing behind. */
  private void afterCommit(Map<String, Long> inserted) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      remember(inserted);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        remember(inserted);
      }
    });
  }

  private void remember(Map<String, Long> ids) {
    if (cache.size() + ids.size() > CACHE_LIMIT) {
      cache.clear();
    }
    cache.putAll(ids);
  }
}
