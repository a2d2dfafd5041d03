package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.stellaops.jobs.ingest.InputDigest;
import org.stellaops.jobs.ingest.Inputs;
import org.stellaops.connectors.source.RejectionKind;
import org.stellaops.jobs.runtime.JobIdentity;
import org.stellaops.jobs.runtime.JobRun;
import org.stellaops.jobs.runtime.JobRunner;
import org.stellaops.jobs.runtime.ProgressRelay;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.signals.ExploitSignals;
import org.stellaops.connectors.store.ExploitSignalStore;
import org.stellaops.connectors.store.IngestErrorStore;
import org.stellaops.engine.verdict.Digests;
import org.stellaops.connectors.store.IngestErrorStore.IngestError;
import org.stellaops.connectors.store.RunSummaries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stella ingest advisories|sboms PATH...}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Ingest advisories, SBOMs, or exploitation signals (KEV, EPSS) into the database.",
    subcommands = {IngestCommand.Advisories.class, IngestCommand.Sboms.class, IngestCommand.Kev.class, IngestCommand.Epss.class})
final class IngestCommand {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final int ERRORS_SHOWN = 20;

  @Command(name = "advisories", mixinStandardHelpOptions = true,
      description = {"Ingest OSV advisories: JSON and YAML files, directories of them, and .zip archives "
          + "(as OSV publishes per ecosystem).", "Unchanged documents are skipped; changed advisories become new "
          + "revisions under a new snapshot, with export deltas."})
  static final class Advisories implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories or .zip archives.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
      return run(spec, database, "ingestAdvisoriesJob", paths, Map.of(), "advisories");
    }
  }

  @Command(name = "kev", mixinStandardHelpOptions = true,
      description = {"Ingest CISA's Known Exploited Vulnerabilities catalog (the JSON feed, known_exploited_vulnerabilities.json).",
          "It replaces the current catalog whole, in one transaction. An entry that is wrong (no CVE id, a date that is not one,",
          "a CVE listed twice) is rejected with its place and reason, and the others are stored. docs/exploit-signals.md."},
      footer = {"", "Exit codes: 0 ok, 3 stored with some entries rejected, 1 not a KEV catalog (nothing stored), 4 no such file,",
          "7 database unavailable."})
  static final class Kev implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE", description = "The catalog, as CISA publishes it.") Path file;

    @Override
    public Integer call() throws Exception {
      return signals(spec, database, file, "kev");
    }
  }

  @Command(name = "epss", mixinStandardHelpOptions = true,
      description = {"Ingest FIRST's EPSS scores (the daily CSV: a #model_version:…,score_date:… line, then cve,epss,percentile).",
          "They replace the current scores whole, in one transaction. A line that is wrong is rejected with its number and",
          "reason, and the others are stored. docs/exploit-signals.md."},
      footer = {"", "Exit codes: 0 ok, 3 stored with some lines rejected, 1 not an EPSS CSV (nothing stored), 4 no such file,",
          "7 database unavailable."})
  static final class Epss implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE", description = "The scores CSV (uncompressed).") Path file;

    @Override
    public Integer call() throws Exception {
      return signals(spec, database, file, "epss");
    }
  }

  private static int signals(CommandSpec spec, DatabaseOptions database, Path file, String kind) throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException("no such file: " + file);
    }
    String sha256 = Digests.sha256File(file);
    ExploitSignals.Signals<?> read;
    try {
      read = kind.equals("kev") ? ExploitSignals.kev(file)
          : ExploitSignals.epss(file);
    } catch (DocumentException e) {
      spec.commandLine().getErr().println("stella: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    PrintWriter err = spec.commandLine().getErr();
    read.rejected().stream().limit(ERRORS_SHOWN).forEach(r -> err.println("stella: " + file + " " + r.location() + ": rejected: "
        + r.reason()));
    if (read.rejected().size() > ERRORS_SHOWN) {
      err.println("stella: ... and " + (read.rejected().size() - ERRORS_SHOWN) + " more rejected");
    }
    try (StellaContext context = StellaContext.open(database.settings())) {
      ExploitSignalStore store = context.bean(ExploitSignalStore.class);
      @SuppressWarnings("unchecked")
      ExploitSignalStore.Ingest done = kind.equals("kev")
          ? store.replaceKev((ExploitSignals.Signals<ExploitSignals.KevEntry>) read,
              file.toAbsolutePath().toString(), sha256)
          : store.replaceEpss((ExploitSignals.Signals<ExploitSignals.EpssScore>) read,
              file.toAbsolutePath().toString(), sha256);
      spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%s %s: %d entries stored (the previous list replaced), %d rejected;"
          + " ingest %d%n", kind, done.version(), done.entries(), done.rejected(), done.id());
      spec.commandLine().getOut().flush();
      return done.rejected() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
  }

  @Command(name = "sboms", mixinStandardHelpOptions = true,
      description = {"Ingest SBOMs: CycloneDX 1.2-1.7 (JSON, XML) and SPDX 2.3 JSON; files, directories, .zip archives.",
          "The image is identified by --image-digest, else the digest the SBOM declares, else the SBOM's own SHA-256."})
  static final class Sboms implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directories or .zip archives.")
    List<Path> paths;

    @Option(names = "--image-digest", paramLabel = "sha256:HEX",
        description = "The image these SBOMs describe (overrides what the documents declare).")
    String imageDigest;

    @Override
    public Integer call() throws Exception {
      Map<String, String> extra = new TreeMap<>();
      if (imageDigest != null) {
        if (!DIGEST.matcher(imageDigest).matches()) {
          throw new ParameterException(spec.commandLine(),
              "--image-digest must be sha256: followed by 64 lower-case hex digits, got '" + imageDigest + "'");
        }
        extra.put("imageDigest", imageDigest);
      }
      return run(spec, database, "ingestSbomsJob", paths, extra, "sboms");
    }
  }

  static int run(CommandSpec spec, DatabaseOptions database, String jobBean, List<Path> paths,
      Map<String, String> extra, String kind) throws Exception {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new NoSuchFileException(path.toString());
      }
    }
    try (StellaContext context = StellaContext.open(database.settings())) {
      return run(spec, context, jobBean, paths, extra, kind);
    }
  }

  /** Runs an ingest job in an open context and prints its summary and rejections. */
  static int run(CommandSpec spec, StellaContext context, String jobBean, List<Path> paths,
      Map<String, String> extra, String kind) throws Exception {
    Map<String, String> arguments = new TreeMap<>(extra);
    arguments.put("inputs", Inputs.encode(paths));
    JobIdentity identity = JobIdentity.ofFiles(arguments, InputDigest.of(paths));
    PrintWriter out = spec.commandLine().getOut();
    context.bean(ProgressRelay.class).install(ConsoleProgress.forThisProcess());
    long started = System.nanoTime();
    JobRun run = context.bean(JobRunner.class).run(context.bean(jobBean, Job.class), identity);
    run.notices().forEach(notice -> spec.commandLine().getErr().println("stella: " + notice));
    JobExecution execution = run.execution();
    double seconds = (System.nanoTime() - started) / 1e9;
    long instance = execution.getJobInstance().getInstanceId();
    List<IngestError> errors = context.bean(IngestErrorStore.class).forJobInstance(instance);
    out.println(context.bean(RunSummaries.class).describe(kind, instance, errors.size(), seconds));
    report(spec, errors);
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      spec.commandLine().getErr().println("stella: the " + kind + " ingest did not complete ("
          + execution.getExitStatus().getExitDescription().lines().findFirst().orElse(execution.getStatus().name())
          + "); run the same command again to resume it");
      return ExitCodes.ERROR;
    }
    long internal = errors.stream().filter(e -> e.kind() == RejectionKind.INTERNAL).count();
    if (internal > 0) {
      spec.commandLine().getErr().println("stella: " + internal + " document(s) hit an internal error of the reader"
          + " (a bug in stella, not bad input; the log has the stack trace); the rest of the run was stored");
      return ExitCodes.ERROR;
    }
    return errors.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private static void report(CommandSpec spec, List<IngestError> errors) {
    PrintWriter err = spec.commandLine().getErr();
    for (IngestError error : errors.subList(0, Math.min(errors.size(), ERRORS_SHOWN))) {
      String label = switch (error.kind()) {
        case UNREADABLE -> "rejected: ";
        case REFUSED -> "rejected (refused by the database): ";
        case INTERNAL -> "internal error: ";
      };
      err.println(label + error.source() + (error.location().isEmpty() ? "" : " at " + error.location())
          + ": " + error.reason());
    }
    if (errors.size() > ERRORS_SHOWN) {
      err.println("... and " + (errors.size() - ERRORS_SHOWN) + " more (all are in table audit.ingest_error)");
    }
  }
}
