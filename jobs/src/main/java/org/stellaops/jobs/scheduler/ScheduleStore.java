package org.stellaops.jobs.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code scheduler} schema: schedules, cursors and run records. */
@Repository
public class ScheduleStore {
  /** The source of export deltas that cursors track today. */
  public static final String ADVISORIES = "advisories";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public ScheduleStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** A stored schedule and how far its slots have been fired. */
  public record Stored(ScheduleDefinition definition, Instant firedUpTo) {}

  /** What {@link #apply} did per schedule name: created, updated or unchanged. */
  public Map<String, String> apply(List<ScheduleDefinition> schedules, String sourceYaml, Instant now) {
    return transaction.execute(status -> {
      Map<String, String> outcome = new LinkedHashMap<>();
      for (ScheduleDefinition schedule : schedules) {
        String definition = schedule.toJson().toString();
        List<String> existing = jdbc.queryForList("SELECT definition::text FROM scheduler.schedule WHERE name = ? FOR UPDATE",
            String.class, schedule.name());
        if (existing.isEmpty()) {
          jdbc.update("INSERT INTO scheduler.schedule (name, definition, source_yaml, cron, zone, enabled, fired_up_to)"
              + " VALUES (?, ?::jsonb, ?, ?, ?, ?, ?)", schedule.name(), definition, sourceYaml, schedule.cron().springForm(),
              schedule.zone().getId(), schedule.enabled(), Timestamp.from(now));
          outcome.put(schedule.name(), "created");
        } else if (sameJson(existing.get(0), definition)) {
          outcome.put(schedule.name(), "unchanged");
        } else {
          // fired_up_to is kept: changing a schedule never replays slots it already passed.
          jdbc.update("UPDATE scheduler.schedule SET definition = ?::jsonb, source_yaml = ?, cron = ?, zone = ?, enabled = ?,"
              + " updated_at = now() WHERE name = ?", definition, sourceYaml, schedule.cron().springForm(),
              schedule.zone().getId(), schedule.enabled(), schedule.name());
          outcome.put(schedule.name(), "updated");
        }
      }
      return outcome;
    });
  }

  private static boolean sameJson(String a, String b) {
    try {
      return JSON.readTree(a).equals(JSON.readTree(b));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every schedule, by name. */
  public List<Stored> all() {
    return jdbc.query("SELECT definition::text, fired_up_to FROM scheduler.schedule ORDER BY name",
        (r, i) -> new Stored(read(r.getString(1)), r.getTimestamp(2).toInstant()));
  }

  /** One schedule. */
  public Optional<Stored> find(String name) {
    return jdbc.query("SELECT definition::text, fired_up_to FROM scheduler.schedule WHERE name = ?",
        (r, i) -> new Stored(read(r.getString(1)), r.getTimestamp(2).toInstant()), name).stream().findFirst();
  }

  /** Removes a schedule (its run records stay); false when there was none. */
  public boolean remove(String name) {
    return jdbc.update("DELETE FROM scheduler.schedule WHERE name = ?", name) == 1;
  }

  private static ScheduleDefinition read(String json) {
    try {
      return ScheduleDefinition.fromJson(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The snapshot number up to which a schedule has processed deltas of {@code source} (0: none yet). */
  public long cursor(String schedule, String source) {
    return jdbc.query("SELECT snapshot FROM scheduler.cursor WHERE schedule_name = ? AND source = ?",
        r -> r.next() ? r.getLong(1) : 0L, schedule, source);
  }

  /**
   * Claims cron slot {@code slot} for a new run: moves the schedule's fired-up-to mark to the slot
   * and records the run, in one transaction, only if no process did either before. Empty when
   * the slot was already taken.
   */
  public Optional<Long> claimSlot(String schedule, Instant slot, int missed, long from, long to) {
    return transaction.execute(status -> {
      int moved = jdbc.update("UPDATE scheduler.schedule SET fired_up_to = ? WHERE name = ? AND fired_up_to < ?",
          Timestamp.from(slot), schedule, Timestamp.from(slot));
      if (moved != 1) {
        return Optional.<Long>empty();
      }
      List<Long> run = jdbc.queryForList("INSERT INTO scheduler.run (schedule_name, trigger, slot, missed_slots, status,"
          + " from_snapshot, to_snapshot) VALUES (?, ?, ?, ?, 'running', ?, ?) ON CONFLICT (schedule_name, slot) DO NOTHING"
          + " RETURNING run_id", Long.class, schedule, missed > 0 ? "catch-up" : "cron", Timestamp.from(slot), missed, from, to);
      if (run.isEmpty()) {
        status.setRollbackOnly();
        return Optional.<Long>empty();
      }
      return Optional.of(run.get(0));
    });
  }

  /** Records a manual run. */
  public long startManual(String schedule, long from, long to) {
    return jdbc.queryForObject("INSERT INTO scheduler.run (schedule_name, trigger, status, from_snapshot, to_snapshot)"
        + " VALUES (?, 'manual', 'running', ?, ?) RETURNING run_id", Long.class, schedule, from, to);
  }

  /** A run that was left running (its process died): id and the snapshots it processes. */
  public record Interrupted(long runId, long from, long to) {}

  /** Runs of {@code schedule} still marked running, oldest first. */
  public List<Interrupted> interrupted(String schedule) {
    return jdbc.query("SELECT run_id, from_snapshot, to_snapshot FROM scheduler.run WHERE schedule_name = ?"
        + " AND status = 'running' ORDER BY run_id", (r, i) -> new Interrupted(r.getLong(1), r.getLong(2), r.getLong(3)),
        schedule);
  }

  /** Whether a run has recorded its selection already (a resumed run keeps it). */
  public boolean hasSelection(long runId) {
    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT selected IS NOT NULL FROM scheduler.run WHERE run_id = ?",
        Boolean.class, runId));
  }

  /** One image a run selected, why (delta, no-verdict, stale), and the changed product keys that selected it. */
  public record SelectedImage(String imageDigest, List<String> reasons, java.util.Collection<String> productKeys) {}

  /**
   * Records a run's selection in one transaction: its images in order, each with its newest
   * verdict before the run, and the run's counts (from the recorded reasons).
   */
  public void recordSelection(long runId, List<SelectedImage> images, int deferred, double selectionMs) {
    transaction.executeWithoutResult(status -> {
      jdbc.batchUpdate("INSERT INTO scheduler.run_image (run_id, ordinal, image_digest, reasons, product_keys)"
          + " VALUES (?, ?, ?, ?, ?)", new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
            @Override
            public void setValues(java.sql.PreparedStatement ps, int i) throws java.sql.SQLException {
              SelectedImage image = images.get(i);
              ps.setLong(1, runId);
              ps.setInt(2, i);
              ps.setString(3, image.imageDigest());
              ps.setArray(4, ps.getConnection().createArrayOf("text", image.reasons().toArray()));
              ps.setArray(5, ps.getConnection().createArrayOf("text", image.productKeys().toArray()));
            }

            @Override
            public int getBatchSize() {
              return images.size();
            }
          });
      jdbc.update("UPDATE scheduler.run_image ri SET previous_verdict_id = v.verdict_id, previous_decision = v.decision"
          + " FROM (SELECT DISTINCT ON (image_digest) image_digest, verdict_id, decision FROM policy.verdict"
          + "   WHERE tenant_id = 'default' AND image_digest IN (SELECT image_digest FROM scheduler.run_image WHERE run_id = ?)"
          + "   ORDER BY image_digest, verdict_id DESC) v"
          + " WHERE ri.run_id = ? AND v.image_digest = ri.image_digest", runId, runId);
      jdbc.update("UPDATE scheduler.run r SET selected = c.selected, impacted = c.impacted, unevaluated = c.unevaluated,"
          + " stale = c.stale, deferred = ?, selection_ms = ? FROM (SELECT count(*) AS selected,"
          + "   count(*) FILTER (WHERE 'delta' = ANY(reasons)) AS impacted,"
          + "   count(*) FILTER (WHERE 'no-verdict' = ANY(reasons)) AS unevaluated,"
          + "   count(*) FILTER (WHERE 'stale' = ANY(reasons)) AS stale FROM scheduler.run_image WHERE run_id = ?) c"
          + " WHERE r.run_id = ?", deferred, selectionMs, runId, runId);
    });
  }

  /**
   * Per image of a run: the verdict after it, new critical findings, fixed findings; then the run's
   * totals. Verdicts stored as finding groups are compared group by group: a group both verdicts
   * hold has the same findings in each, so only the groups that differ (the components the delta
   * touched) are compared finding by finding. Verdicts stored before finding groups are compared
   * row by row through {@code policy.finding}.
   */
  public void recordChanges(long runId) {
    jdbc.update("UPDATE scheduler.run_image ri SET verdict_id = nv.verdict_id, decision = nv.decision"
        + " FROM (SELECT DISTINCT ON (image_digest) image_digest, verdict_id, decision FROM policy.verdict"
        + "   WHERE tenant_id = 'default' AND image_digest IN (SELECT image_digest FROM scheduler.run_image WHERE run_id = ?)"
        + "   ORDER BY image_digest, verdict_id DESC) nv"
        + " WHERE ri.run_id = ? AND nv.image_digest = ri.image_digest", runId, runId);
    String changedNew = "SELECT f.* FROM unnest(nv.finding_groups) g JOIN policy.group_finding f ON f.group_id = g"
        + " WHERE g <> ALL(pv.finding_groups) AND f.status = 'affected'";
    String changedOld = "SELECT o.* FROM unnest(pv.finding_groups) g JOIN policy.group_finding o ON o.group_id = g"
        + " WHERE g <> ALL(nv.finding_groups) AND o.status = 'affected'";
    jdbc.update("UPDATE scheduler.run_image ri SET"
        + " new_criticals = (SELECT count(*) FROM (" + changedNew + ") f WHERE f.severity = 'CRITICAL'"
        + "   AND NOT EXISTS (SELECT 1 FROM (" + changedOld + ") o WHERE o.advisory_id = f.advisory_id AND o.purl = f.purl)),"
        + " fixed = (SELECT count(*) FROM (" + changedOld + ") o"
        + "   WHERE NOT EXISTS (SELECT 1 FROM (" + changedNew + ") f WHERE f.advisory_id = o.advisory_id AND f.purl = o.purl))"
        + " FROM policy.verdict nv, policy.verdict pv"
        + " WHERE ri.run_id = ? AND nv.verdict_id = ri.verdict_id AND pv.verdict_id = ri.previous_verdict_id"
        + " AND nv.finding_groups IS NOT NULL AND pv.finding_groups IS NOT NULL", runId);
    jdbc.update("UPDATE scheduler.run_image ri SET"
        + " new_criticals = (SELECT count(*) FROM policy.finding f WHERE f.verdict_id = ri.verdict_id"
        + "   AND f.status = 'affected' AND f.severity = 'CRITICAL' AND NOT EXISTS (SELECT 1 FROM policy.finding o"
        + "   WHERE o.verdict_id = ri.previous_verdict_id AND o.status = 'affected' AND o.advisory_id = f.advisory_id"
        + "   AND o.purl = f.purl)),"
        + " fixed = (SELECT count(*) FROM policy.finding o WHERE o.verdict_id = ri.previous_verdict_id"
        + "   AND o.status = 'affected' AND NOT EXISTS (SELECT 1 FROM policy.finding f WHERE f.verdict_id = ri.verdict_id"
        + "   AND f.status = 'affected' AND f.advisory_id = o.advisory_id AND f.purl = o.purl))"
        + " WHERE ri.run_id = ? AND ri.verdict_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM policy.verdict nv"
        + "   JOIN policy.verdict pv ON pv.verdict_id = ri.previous_verdict_id WHERE nv.verdict_id = ri.verdict_id"
        + "   AND nv.finding_groups IS NOT NULL AND pv.finding_groups IS NOT NULL)", runId);
    jdbc.update("UPDATE scheduler.run r SET evaluated = c.evaluated, unchanged = c.unchanged, new_criticals = c.new_criticals,"
        + " fixed = c.fixed, flips = c.flips FROM (SELECT"
        + "   count(*) FILTER (WHERE verdict_id IS DISTINCT FROM previous_verdict_id) AS evaluated,"
        + "   count(*) FILTER (WHERE verdict_id IS NOT DISTINCT FROM previous_verdict_id) AS unchanged,"
        + "   coalesce(sum(new_criticals) FILTER (WHERE verdict_id IS DISTINCT FROM previous_verdict_id), 0) AS new_criticals,"
        + "   coalesce(sum(fixed) FILTER (WHERE verdict_id IS DISTINCT FROM previous_verdict_id), 0) AS fixed,"
        + "   count(*) FILTER (WHERE previous_decision IS NOT NULL AND decision IS DISTINCT FROM previous_decision) AS flips"
        + "   FROM scheduler.run_image WHERE run_id = ?) c WHERE r.run_id = ?", runId, runId);
  }

  /**
   * Ends a run as succeeded and, when it deferred nothing, moves the schedule's cursor from the
   * run's {@code from} to its {@code to}, in one transaction. The cursor moves only from where the
   * run started, so a delta is processed by exactly one successful run.
   */
  public void succeed(long runId, String schedule, long from, long to, long durationMs) {
    transaction.executeWithoutResult(status -> {
      Integer deferred = jdbc.queryForObject("UPDATE scheduler.run SET status = 'succeeded', finished_at = now(),"
          + " duration_ms = ? WHERE run_id = ? RETURNING deferred", Integer.class, durationMs, runId);
      if (deferred != null && deferred == 0 && to > from) {
        int moved = jdbc.update("UPDATE scheduler.cursor SET snapshot = ?, updated_at = now() WHERE schedule_name = ?"
            + " AND source = ? AND snapshot = ?", to, schedule, ADVISORIES, from);
        if (moved == 0) {
          int inserted = from == 0 ? jdbc.update("INSERT INTO scheduler.cursor (schedule_name, source, snapshot)"
              + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", schedule, ADVISORIES, to) : 0;
          if (inserted == 0) {
            throw new IllegalStateException("the cursor of schedule " + schedule + " moved while run " + runId
                + " ran; it was expected at snapshot " + from);
          }
        }
      }
    });
  }

  /** Ends a run as failed with the reason; the cursor stays. */
  public void fail(long runId, String reason, long durationMs) {
    jdbc.update("UPDATE scheduler.run SET status = 'failed', finished_at = now(), duration_ms = ?, error = ? WHERE run_id = ?",
        durationMs, reason, runId);
  }
}
