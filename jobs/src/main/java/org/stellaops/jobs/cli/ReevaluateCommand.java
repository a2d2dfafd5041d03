package org.stellaops.jobs.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.stellaops.jobs.runtime.JobIdentity;
import org.stellaops.jobs.runtime.JobRun;
import org.stellaops.jobs.runtime.JobRunner;
import org.stellaops.jobs.runtime.ProgressRelay;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.IngestErrorStore;
import org.stellaops.connectors.store.IngestErrorStore.IngestError;
import org.stellaops.connectors.store.SnapshotStore;
import org.stellaops.connectors.store.VerdictStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stella reevaluate --all | --image DIGEST...}. */
@Command(name = "reevaluate", mixinStandardHelpOptions = true,
    description = {"Evaluate images against the advisories of the newest complete snapshot with the default policy.",
        "Images whose SBOM, snapshot, policy and engine are unchanged since their last verdict are skipped."})
final class ReevaluateCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;
  @ArgGroup(exclusive = true, multiplicity = "1") Selection selection;

  @Option(names = "--snapshot", paramLabel = "N", description = "Evaluate as of advisory snapshot number N, which must"
      + " exist (default: the newest).")
  Long snapshot;

  @Option(names = "--fail-on", paramLabel = "WHEN", defaultValue = "never",
      description = "never, or fail: exit 10 when any evaluated image's verdict is FAIL (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(names = "--threads", paramLabel = "N",
      description = "Evaluate on N local threads (default: one per core). The images are cut into partitions (two per thread).")
  Integer threads;

  @Option(names = "--chunk-size", paramLabel = "N",
      description = "Images evaluated and stored per transaction (default: 50). A resumed run keeps the size it started with.")
  Integer chunkSize;

  @Option(names = "--workers", paramLabel = "N",
      description = "Send the partitions to N `stella worker` processes through the database instead of evaluating here"
          + " (needs --db-url: a PostgreSQL every worker reaches). See docs/workers.md.")
  Integer workers;

  /** Every image, named ones, or those a snapshot's changes touch. */
  static final class Selection {
    @Option(names = "--all", required = true, description = "Every image with an SBOM.") boolean all;
    @Option(names = "--image", paramLabel = "DIGEST", required = true, description = "An image digest (repeatable).")
    List<String> images;
    @Option(names = "--impacted-by", paramLabel = "N", required = true,
        description = "Only the images whose SBOM holds a product key that snapshot N changed (stella impact --delta N),"
            + " evaluated as of N. Every other image keeps its verdict: its inputs did not change.")
    Long impactedBy;
    @Option(names = "--changed", required = true,
        description = "Only what changed since the last --changed run: the images the deltas of every snapshot sealed"
            + " since then touch, and images whose SBOM has no verdict yet; evaluated as of the newest snapshot.")
    boolean changed;
  }

  /** Either every image or named ones (also used by report). */
  static final class ImageSelection {
    @Option(names = "--all", required = true, description = "Every image with an SBOM.") boolean all;
    @Option(names = "--image", paramLabel = "DIGEST", required = true, description = "An image digest (repeatable).")
    List<String> images;
  }

  @Override
  public Integer call() throws Exception {
    List<String> images = selection.images == null ? List.of() : selection.images;
    ImageDigests.requireWellFormed(spec, "--image", images);
    if (snapshot != null && snapshot < 1) {
      throw new ParameterException(spec.commandLine(), "--snapshot must be a snapshot number (1 or more), got " + snapshot);
    }
    if (selection.impactedBy != null && (selection.impactedBy < 1 || snapshot != null)) {
      throw new ParameterException(spec.commandLine(), "--impacted-by takes a snapshot number (1 or more) and evaluates"
          + " as of it; do not combine it with --snapshot");
    }
    if (threads != null && threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be 1 or more, got " + threads);
    }
    if (chunkSize != null && (chunkSize < 1 || chunkSize > 10_000)) {
      throw new ParameterException(spec.commandLine(), "--chunk-size must be between 1 and 10000, got " + chunkSize);
    }
    if (workers != null && workers < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be 1 or more, got " + workers);
    }
    if (workers != null && database.settings().jdbcUrl().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--workers sends partitions to `stella worker` processes through"
          + " the database, so it needs a PostgreSQL they all reach: give --db-url (or STELLA_DB_URL), and the same to each worker");
    }
    try (StellaContext context = StellaContext.open(database.settings())) {
      org.stellaops.jobs.reevaluate.ReevaluationWorkers spread = context.bean(org.stellaops.jobs.reevaluate.ReevaluationWorkers.class);
      if (threads != null) {
        spread.threads(threads);
      }
      if (workers != null) {
        spread.remoteWorkers(workers);
      }
      if (chunkSize != null) {
        spread.chunkSize(chunkSize);
      }
      if (selection.changed && snapshot != null) {
        throw new ParameterException(spec.commandLine(), "--changed evaluates as of the newest snapshot; do not combine it"
            + " with --snapshot");
      }
      Outcome outcome = selection.impactedBy != null ? runImpacted(spec, context, selection.impactedBy - 1,
          selection.impactedBy, false) : selection.changed ? runChanged(spec, context)
          : run(spec, context, images, snapshot);
      if (outcome.exitCode() != ExitCodes.OK) {
        return outcome.exitCode();
      }
      if (failOn == FailOn.never) {
        return ExitCodes.OK;
      }
      VerdictStore.Decisions decisions = context.bean(VerdictStore.class).decisionsAt(images, outcome.snapshot());
      return failOn.exitCode(decisions.failing(), decisions.total(), spec.commandLine().getErr());
    }
  }

  /** How a re-evaluation ended, and the snapshot number it evaluated against. */
  record Outcome(int exitCode, long snapshot) {}

  /** Re-evaluates what changed since the last {@code --changed} run, and moves its cursor. */
  static Outcome runChanged(CommandSpec spec, StellaContext context) throws Exception {
    org.springframework.jdbc.core.JdbcTemplate jdbc = context.bean(org.springframework.jdbc.core.JdbcTemplate.class);
    long from = jdbc.query("SELECT snapshot_id FROM policy.reevaluation_cursor WHERE tenant_id = 'default'",
        r -> r.next() ? r.getLong(1) : 0L);
    long to = context.bean(SnapshotStore.class).latestSealed();
    spec.commandLine().getErr().println("stella: re-evaluating changes of snapshots " + (from + 1) + ".." + to
        + " and images without a verdict");
    Outcome outcome = runImpacted(spec, context, from, to, true);
    if (outcome.exitCode() == ExitCodes.OK) {
      jdbc.update("INSERT INTO policy.reevaluation_cursor (tenant_id, snapshot_id) VALUES ('default', ?)"
          + " ON CONFLICT (tenant_id) DO UPDATE SET snapshot_id = EXCLUDED.snapshot_id", to);
    }
    return outcome;
  }

  /** Re-evaluates the images the deltas of snapshots in (from, to] touch, as of {@code to}. */
  static Outcome runImpacted(CommandSpec spec, StellaContext context, long from, long to, boolean unevaluated)
      throws Exception {
    if (to > 0) {
      FleetPreconditions.requireSnapshot(context, to);
    }
    FleetPreconditions.fleetIndex(spec, context);
    Map<String, String> identity = new TreeMap<>();
    identity.put("images", "impacted");
    identity.put("impactedFrom", Long.toString(from));
    identity.put("impactedTo", Long.toString(to));
    identity.put("unevaluated", Boolean.toString(unevaluated));
    identity.put("snapshot", Long.toString(to));
    return launch(spec, context, identity, to);
  }

  /** Re-evaluates {@code images} (all when empty) in an open context and prints a summary. */
  static Outcome run(CommandSpec spec, StellaContext context, List<String> images, Long snapshot) throws Exception {
    boolean all = images.isEmpty();
    if (!all) {
      List<String> known = context.bean(SbomStore.class).images(images).stream()
          .map(SbomStore.ImageSbom::imageDigest).toList();
      List<String> missing = images.stream().filter(d -> !known.contains(d)).toList();
      if (!missing.isEmpty()) {
        throw new NotFoundException("no SBOM ingested for image(s) " + String.join(", ", missing));
      }
    }
    long snapshotId = snapshot != null ? snapshot : context.bean(SnapshotStore.class).latestSealed();
    if (snapshot != null) {
      FleetPreconditions.requireSnapshot(context, snapshot);
    }
    Map<String, String> identity = new TreeMap<>();
    identity.put("images", all ? "*" : String.join(",", images.stream().sorted().toList()));
    identity.put("snapshot", Long.toString(snapshotId));
    return launch(spec, context, identity, snapshotId);
  }

  private static Outcome launch(CommandSpec spec, StellaContext context, Map<String, String> identity, long snapshotId)
      throws Exception {
    context.bean(ProgressRelay.class).install(ConsoleProgress.forThisProcess());
    long started = System.nanoTime();
    JobRun run = context.bean(JobRunner.class).run(context.bean("reevaluateJob", Job.class), JobIdentity.of(identity));
    run.notices().forEach(notice -> spec.commandLine().getErr().println("stella: " + notice));
    // Read back: partitions run in worker processes update the repository, not this process's objects.
    JobExecution execution = context.bean(org.springframework.batch.core.explore.JobExplorer.class)
        .getJobExecution(run.execution().getId());
    long read = 0;
    long written = 0;
    long unchanged = 0;
    int partitions = 0;
    for (StepExecution step : execution.getStepExecutions()) {
      if (step.getStepName().startsWith(org.stellaops.jobs.reevaluate.ReevaluateJobConfig.PARTITION_STEP + ":")) {
        read += step.getReadCount();
        written += step.getWriteCount();
        unchanged += step.getFilterCount();
        partitions++;
      }
    }
    spec.commandLine().getOut().println(String.format(Locale.ROOT,
        "reevaluate: %d image(s) read, %d new verdict(s), %d unchanged (same SBOM and advisory inputs); advisory snapshot %d;"
            + " %d partition(s); %.1f s",
        read, written, unchanged, snapshotId, partitions, (System.nanoTime() - started) / 1e9));
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      spec.commandLine().getErr().println("stella: re-evaluation did not complete; run the same command again to resume it");
      return new Outcome(ExitCodes.ERROR, snapshotId);
    }
    List<IngestError> refused = context.bean(IngestErrorStore.class).forJobInstance(run.instanceId());
    if (!refused.isEmpty()) {
      // A verdict the database refuses is our bug, not bad input: the other images were stored, but say so.
      refused.forEach(r -> spec.commandLine().getErr().println("stella: the verdict of " + r.source()
          + " could not be stored: " + r.reason()));
      spec.commandLine().getErr().println("stella: " + refused.size() + " verdict(s) not stored (kept in"
          + " audit.ingest_error); those images keep their previous verdict");
      return new Outcome(ExitCodes.ERROR, snapshotId);
    }
    return new Outcome(ExitCodes.OK, snapshotId);
  }
}
