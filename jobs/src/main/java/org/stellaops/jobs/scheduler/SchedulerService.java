package org.stellaops.jobs.scheduler;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.stellaops.engine.EngineVersion;
import org.stellaops.engine.policy.Policy;
import org.stellaops.jobs.reevaluate.ReevaluationWorkers;
import org.stellaops.jobs.runtime.JobAlreadyRunningException;
import org.stellaops.jobs.runtime.JobIdentity;
import org.stellaops.jobs.runtime.JobRun;
import org.stellaops.jobs.runtime.JobRunner;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.FleetIndexStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.SnapshotStore;

/**
 * Fires schedules and runs them. A run processes the export deltas of the snapshots sealed since
 * its schedule's cursor: it selects the images those deltas touch (fleet index), images without a
 * verdict, and, with {@code onlyIf.lastReportOlderThanDays}, images whose newest verdict is older;
 * records the selection and why; re-evaluates them (job {@code reevaluate}); records what changed
 * per image; and moves the cursor in the transaction that marks the run succeeded.
 *
 * <p>A session advisory lock per schedule is held for a run, so two processes never run the same
 * schedule at once. A run left {@code running} by a process that died is resumed (its
 * re-evaluation continues from its last commit) before anything new is fired for the schedule.
 * See docs/schedules.md for the catch-up rule.
 */
@Service
public class SchedulerService {
  /** How many missed slots are counted one by one before a catch-up run says "at least". */
  static final int MAX_COUNTED_SLOTS = 10_000;
  private static final Duration BUSY_WAIT = Duration.ofSeconds(2);

  private final ScheduleStore store;
  private final JdbcTemplate jdbc;
  private final DataSource dataSource;
  private final SnapshotStore snapshots;
  private final AdvisoryStore advisories;
  private final FleetIndexStore fleet;
  private final SbomStore sboms;
  private final org.stellaops.connectors.store.VerdictStore verdicts;
  private final Policy policy;
  private final JobRunner runner;
  private final Job reevaluateJob;
  private final ReevaluationWorkers workers;
  private final SchedulerMetrics metrics;

  public SchedulerService(ScheduleStore store, JdbcTemplate jdbc, DataSource dataSource, SnapshotStore snapshots,
      AdvisoryStore advisories, FleetIndexStore fleet, SbomStore sboms, org.stellaops.connectors.store.VerdictStore verdicts,
      Policy policy, JobRunner runner,
      org.springframework.context.ApplicationContext context, ReevaluationWorkers workers, SchedulerMetrics metrics) {
    this.store = store;
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.snapshots = snapshots;
    this.advisories = advisories;
    this.fleet = fleet;
    this.sboms = sboms;
    this.verdicts = verdicts;
    this.policy = policy;
    this.runner = runner;
    this.reevaluateJob = context.getBean("reevaluateJob", Job.class);
    this.workers = workers;
    this.metrics = metrics;
  }

  /** The due slots of a schedule at {@code now}: the latest, and how many earlier ones it folds in. */
  public record Due(Instant slot, int missed, boolean missedCountIsLowerBound) {}

  /** The slots after {@code firedUpTo} and at or before {@code now}, folded into the latest (the catch-up rule). */
  public static Optional<Due> due(ScheduleDefinition schedule, Instant firedUpTo, Instant now) {
    ZonedDateTime cursor = firedUpTo.atZone(schedule.zone());
    Instant latest = null;
    int count = 0;
    while (count < MAX_COUNTED_SLOTS) {
      Optional<ZonedDateTime> next = schedule.nextSlot(cursor);
      if (next.isEmpty() || next.get().toInstant().isAfter(now)) {
        break;
      }
      latest = next.get().toInstant();
      cursor = next.get();
      count++;
    }
    if (latest == null) {
      return Optional.empty();
    }
    boolean more = count == MAX_COUNTED_SLOTS;
    if (more) {
      // Too many to count: the latest slot at or before now is found from now itself.
      latest = lastSlotAtOrBefore(schedule, now, latest);
    }
    return Optional.of(new Due(latest, count - 1, more));
  }

  private static Instant lastSlotAtOrBefore(ScheduleDefinition schedule, Instant now, Instant atLeast) {
    Instant best = atLeast;
    ZonedDateTime probe = now.minus(Duration.ofDays(400)).atZone(schedule.zone());
    if (probe.toInstant().isBefore(atLeast)) {
      probe = atLeast.atZone(schedule.zone());
    }
    for (Optional<ZonedDateTime> next = schedule.nextSlot(probe); next.isPresent() && !next.get().toInstant().isAfter(now);
        next = schedule.nextSlot(next.get())) {
      best = next.get().toInstant();
    }
    return best;
  }

  /**
   * One pass of the scheduler at {@code now}: for each enabled schedule not being run by another
   * process, resume an interrupted run, then fire the due slot if there is one.
   */
  public List<RunReport> tick(Instant now, PrintWriter out) throws Exception {
    List<RunReport> reports = new ArrayList<>();
    for (ScheduleStore.Stored stored : store.all()) {
      ScheduleDefinition schedule = stored.definition();
      if (!schedule.enabled()) {
        continue;
      }
      Optional<RunReport> report;
      try {
        report = withScheduleLock(schedule.name(), () -> fireDue(schedule, now, out, reports));
      } catch (Exception e) {
        // One schedule's failure (recorded with its run) must not stop the others or the scheduler.
        out.printf(Locale.ROOT, "schedule %s: run failed: %s%n", schedule.name(), e);
        out.flush();
        reports.add(new RunReport(schedule.name(), -1, "failed", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, String.valueOf(e)));
        continue;
      }
      report.ifPresent(reports::add);
    }
    return reports;
  }

  /** Resumes interrupted runs of {@code schedule}, then fires its due slot if any; holds its lock. */
  private Optional<RunReport> fireDue(ScheduleDefinition schedule, Instant now, PrintWriter out, List<RunReport> reports)
      throws Exception {
    List<RunReport> done = resumeInterrupted(schedule, out);
    reports.addAll(done);
    Optional<ScheduleStore.Stored> fresh = store.find(schedule.name());
    if (fresh.isEmpty()) {
      return Optional.<RunReport>empty();
    }
    Optional<Due> due = due(schedule, fresh.get().firedUpTo(), now);
    if (due.isEmpty()) {
      return Optional.<RunReport>empty();
    }
    long from = store.cursor(schedule.name(), ScheduleStore.ADVISORIES);
    long to = Math.max(from, snapshots.latestSealed());
    Optional<Long> runId = store.claimSlot(schedule.name(), due.get().slot(), due.get().missed(), from, to);
    if (runId.isEmpty()) {
      return Optional.<RunReport>empty();
    }
    out.printf(Locale.ROOT, "schedule %s: firing slot %s%s (run %d)%n", schedule.name(),
        due.get().slot().atZone(schedule.zone()), due.get().missed() > 0 ? "; " + (due.get().missedCountIsLowerBound()
            ? "at least " : "") + due.get().missed() + " earlier missed slot(s) folded into this catch-up run" : "",
        runId.get());
    out.flush();
    return Optional.of(execute(schedule, runId.get(), from, to, due.get().slot(), out));
  }

  /** Runs {@code name} now (after finishing any interrupted run of it); busy when another process runs it. */
  public RunReport runNow(String name, Instant now, PrintWriter out) throws Exception {
    ScheduleDefinition schedule = store.find(name).orElseThrow(() -> new UnknownScheduleException(name)).definition();
    Optional<RunReport> report = withScheduleLock(name, () -> {
      resumeInterrupted(schedule, out);
      long from = store.cursor(name, ScheduleStore.ADVISORIES);
      long to = Math.max(from, snapshots.latestSealed());
      long runId = store.startManual(name, from, to);
      return Optional.of(execute(schedule, runId, from, to, now, out));
    }, true);
    return report.orElseThrow();
  }

  /** A schedule that does not exist. */
  public static final class UnknownScheduleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownScheduleException(String name) {
      super("no schedule named '" + name + "' (stella schedule list shows them)");
    }
  }

  private List<RunReport> resumeInterrupted(ScheduleDefinition schedule, PrintWriter out) throws Exception {
    List<RunReport> reports = new ArrayList<>();
    for (ScheduleStore.Interrupted run : store.interrupted(schedule.name())) {
      out.printf(Locale.ROOT, "schedule %s: resuming run %d, left running by a process that stopped%n", schedule.name(),
          run.runId());
      out.flush();
      Instant reference = jdbc.queryForObject("SELECT coalesce(slot, started_at) FROM scheduler.run WHERE run_id = ?",
          Timestamp.class, run.runId()).toInstant();
      reports.add(execute(schedule, run.runId(), run.from(), run.to(), reference, out));
    }
    return reports;
  }

  private interface LockedWork {
    Optional<RunReport> call() throws Exception;
  }

  private Optional<RunReport> withScheduleLock(String name, LockedWork work) throws Exception {
    return withScheduleLock(name, work, false);
  }

  private Optional<RunReport> withScheduleLock(String name, LockedWork work, boolean required) throws Exception {
    try (Connection lock = dataSource.getConnection()) {
      try (PreparedStatement s = lock.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
        s.setString(1, "stella-schedule:" + name);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          if (!r.getBoolean(1)) {
            if (required) {
              throw new JobAlreadyRunningException("schedule " + name);
            }
            return Optional.empty();
          }
        }
      }
      try {
        return work.call();
      } finally {
        try (PreparedStatement s = lock.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
          s.setString(1, "stella-schedule:" + name);
          s.execute();
        }
      }
    }
  }

  /** What one run did. */
  public record RunReport(String schedule, long runId, String status, long from, long to, int selected, int impacted,
      int unevaluated, int stale, int deferred, int evaluated, int unchanged, int newCriticals, int fixed, int flips,
      double selectionMs, long durationMs, String error) {}

  private RunReport execute(ScheduleDefinition schedule, long runId, long from, long to, Instant reference, PrintWriter out)
      throws Exception {
    long started = System.nanoTime();
    try {
      if (!store.hasSelection(runId)) {
        select(schedule, runId, from, to, reference);
      }
      workers.ratePerSecond(schedule.ratePerSecond().orElse(0));
      JobRun run = launch(runId, to, out);
      if (run.execution().getStatus() != BatchStatus.COMPLETED) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        store.fail(runId, "the re-evaluation did not complete: " + run.execution().getExitStatus().getExitDescription(), ms);
        metrics.ended("failed");
        return report(runId, out);
      }
      store.recordChanges(runId);
      store.succeed(runId, schedule.name(), from, to, (System.nanoTime() - started) / 1_000_000);
      metrics.ended("succeeded");
      return report(runId, out);
    } catch (JobAlreadyRunningException e) {
      throw e;
    } catch (Exception | Error e) {
      store.fail(runId, String.valueOf(e), (System.nanoTime() - started) / 1_000_000);
      metrics.ended("failed");
      throw e;
    } finally {
      workers.ratePerSecond(0);
    }
  }

  private JobRun launch(long runId, long snapshot, PrintWriter out) throws Exception {
    Map<String, String> identity = new TreeMap<>();
    identity.put("images", "scheduler-run:" + runId);
    identity.put("snapshot", Long.toString(snapshot));
    boolean waiting = false;
    while (true) {
      try {
        return runner.run(reevaluateJob, JobIdentity.of(identity));
      } catch (JobAlreadyRunningException e) {
        // Another process is re-evaluating (a run of another schedule, or a reevaluate command): wait for it.
        if (!waiting) {
          out.printf(Locale.ROOT, "run %d: another re-evaluation is running against this database; waiting for it%n", runId);
          out.flush();
          waiting = true;
        }
        Thread.sleep(BUSY_WAIT.toMillis());
      }
    }
  }

  private void select(ScheduleDefinition schedule, long runId, long from, long to, Instant reference) {
    long t0 = System.nanoTime();
    SortedMap<String, SortedSet<String>> byDelta = to > from ? fleet.select(advisories.changedProductKeys(from, to))
        : new TreeMap<>();
    TreeSet<String> unevaluated = new TreeSet<>(verdicts.imagesWithoutVerdict(EngineVersion.CURRENT, policy.digest()));
    TreeSet<String> stale = new TreeSet<>();
    if (schedule.lastReportOlderThanDays().isPresent()) {
      Instant before = reference.minus(Duration.ofDays(schedule.lastReportOlderThanDays().getAsInt()));
      stale.addAll(jdbc.queryForList("SELECT image_digest FROM (SELECT DISTINCT ON (v.image_digest) v.image_digest, v.created_at"
          + " FROM policy.verdict v JOIN sbom.image i ON i.tenant_id = v.tenant_id AND i.image_digest = v.image_digest"
          + " WHERE v.tenant_id = 'default' ORDER BY v.image_digest, v.verdict_id DESC) newest WHERE created_at < ?",
          String.class, Timestamp.from(before)));
    }
    TreeSet<String> all = new TreeSet<>();
    all.addAll(byDelta.keySet());
    all.addAll(unevaluated);
    all.addAll(stale);
    if (schedule.scope().equals(ScheduleDefinition.SELECTED)) {
      all.retainAll(schedule.imageDigests());
    }
    // Only images that still have an SBOM.
    List<String> existing = all.isEmpty() ? List.of()
        : sboms.images(List.copyOf(all)).stream().map(SbomStore.ImageSbom::imageDigest).toList();
    int cap = schedule.maxJobs().orElse(Integer.MAX_VALUE);
    List<String> chosen = existing.size() > cap ? existing.subList(0, cap) : existing;
    int deferred = existing.size() - chosen.size();
    List<ScheduleStore.SelectedImage> images = new ArrayList<>(chosen.size());
    int impacted = 0;
    for (String image : chosen) {
      List<String> reasons = new ArrayList<>();
      if (byDelta.containsKey(image)) {
        reasons.add("delta");
        impacted++;
      }
      if (unevaluated.contains(image)) {
        reasons.add("no-verdict");
      }
      if (stale.contains(image)) {
        reasons.add("stale");
      }
      images.add(new ScheduleStore.SelectedImage(image, reasons, byDelta.getOrDefault(image, new TreeSet<>())));
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    store.recordSelection(runId, images, deferred, ms);
    metrics.selected(impacted, chosen.size(), ms);
  }

  /** The record of run {@code runId}, printed as its summary. */
  public RunReport report(long runId, PrintWriter out) {
    RunReport report = jdbc.queryForObject("SELECT schedule_name, run_id, status, from_snapshot, to_snapshot,"
        + " coalesce(selected, 0), coalesce(impacted, 0), coalesce(unevaluated, 0), coalesce(stale, 0), coalesce(deferred, 0),"
        + " coalesce(evaluated, 0), coalesce(unchanged, 0), coalesce(new_criticals, 0), coalesce(fixed, 0), coalesce(flips, 0),"
        + " coalesce(selection_ms, 0), coalesce(duration_ms, 0), error FROM scheduler.run WHERE run_id = ?",
        (r, i) -> new RunReport(r.getString(1), r.getLong(2), r.getString(3), r.getLong(4), r.getLong(5), r.getInt(6),
            r.getInt(7), r.getInt(8), r.getInt(9), r.getInt(10), r.getInt(11), r.getInt(12), r.getInt(13), r.getInt(14),
            r.getInt(15), r.getDouble(16), r.getLong(17), r.getString(18)), runId);
    if (out != null) {
      out.printf(Locale.ROOT, "schedule %s: run %d %s; %s%n", report.schedule(), report.runId(), report.status(),
          report.to() > report.from() ? "deltas of snapshots " + (report.from() + 1) + ".." + report.to()
              : "no new deltas (cursor at snapshot " + report.from() + ")");
      out.printf(Locale.ROOT, "  selected %d image(s) in %.1f ms: %d touched by a delta, %d without a verdict, %d stale;"
          + " %d deferred by limits.maxJobs%n", report.selected(), report.selectionMs(), report.impacted(),
          report.unevaluated(), report.stale(), report.deferred());
      if (report.status().equals("succeeded")) {
        out.printf(Locale.ROOT, "  %d new verdict(s), %d unchanged; %d new critical finding(s), %d fixed, %d verdict flip(s);"
            + " %.1f s%n", report.evaluated(), report.unchanged(), report.newCriticals(), report.fixed(), report.flips(),
            report.durationMs() / 1000.0);
      } else if (report.error() != null) {
        out.printf(Locale.ROOT, "  failed: %s%n", report.error());
      }
      out.printf(Locale.ROOT, "  metrics: %s%n", metrics.summary());
      out.flush();
    }
    return report;
  }
}
