package org.stellaops.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.ExportRunStore;
import org.stellaops.connectors.store.SnapshotStore;
import org.stellaops.exports.trivy.OciArtifact;
import org.stellaops.exports.trivy.OciRegistryClient;
import org.stellaops.exports.trivy.TrivyDbExport;
import org.stellaops.exports.trivy.TrivyDbSummary;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.schemas.advisory.Advisory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stella export trivy-db | runs | run}: exports of the advisory store and their run records. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the advisory store for other tools. Every export is recorded as a run (`stella export runs`).",
        "Formats: docs/exports/trivy-db.md (Trivy DB) and docs/export-center/ (signed bundles)."},
    subcommands = {ExportCommand.TrivyDb.class, ExportCommand.Runs.class, ExportCommand.Run.class, ExportBundleCommands.Verify.class,
        ExportBundleCommands.Keys.class, ExportProfilesCommand.class, ExportMetricsCommand.class, ExportBundleCommands.Distribute.class,
        ExportBundleCommands.Retention.class})
final class ExportCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String TRIVY_PROFILE = "trivy:db";

  @Command(name = "trivy-db", mixinStandardHelpOptions = true,
      description = {"Write a Trivy vulnerability database (schema 2) built from one advisory snapshot: trivy.db,",
          "metadata.json and db.tar.gz in DIR; optionally an OCI image layout and a push to a registry, from which",
          "`trivy image --db-repository REGISTRY/REPO:TAG` pulls it. Air-gapped use: copy trivy.db and metadata.json",
          "into Trivy's cache (<cache>/db/) and run Trivy with --skip-db-update.",
          "The same snapshot gives byte-identical files. Advisories that cannot be written are counted by reason."},
      footer = {"", "Registry credentials: STELLA_REGISTRY_USER and STELLA_REGISTRY_PASSWORD (Basic or token exchange).",
          "Exit codes: 0 ok, 2 bad arguments, 4 snapshot not found, 7 database unavailable, 8 export or push failed."})
  static final class TrivyDb implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for trivy.db, metadata.json and db.tar.gz.")
    Path out;

    @Option(names = "--snapshot", paramLabel = "N", description = "Advisory snapshot number (default: the newest).")
    Long snapshot;

    @Option(names = "--sources", split = ",", paramLabel = "SOURCE",
        description = "Only advisories ingested from these sources (comma-separated: osv, alpine-secdb, debian-tracker; default: all).")
    List<String> sources;

    @Option(names = "--oci-layout", paramLabel = "DIR", description = "Also write the OCI artifact as an OCI image layout here.")
    Path ociLayout;

    @Option(names = "--push", paramLabel = "REGISTRY/REPO[:TAG]",
        description = "Push the OCI artifact to a registry (tag default 2, as Trivy asks for). HTTP for loopback hosts.")
    String push;

    @Option(names = "--plain-http", description = "Talk HTTP, not HTTPS, to the --push registry (loopback hosts always do).")
    boolean plainHttp;

    @Option(names = "--tag", defaultValue = "2", paramLabel = "TAG", description = "Tag named in the OCI layout's index (default: ${DEFAULT-VALUE}).")
    String tag;

    @Option(names = "--next-update", defaultValue = "PT24H", paramLabel = "DURATION",
        description = "NextUpdate in metadata.json is the snapshot's seal time plus this ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    String nextUpdate;

    @Option(names = "--source-name", defaultValue = "Stella Ops", paramLabel = "NAME",
        description = "Data source name: the part after :: in language bucket names, shown by Trivy (default: ${DEFAULT-VALUE}).")
    String sourceName;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
      Duration next = duration();
      OciRegistryClient.Reference reference = push == null ? null : reference();
      if (sourceName.isBlank() || sourceName.contains("::")) {
        throw new ParameterException(spec.commandLine(), "--source-name must be non-blank text without '::', got '" + sourceName + "'");
      }
      PrintWriter err = spec.commandLine().getErr();
      try (StellaContext context = StellaContext.open(database.settings())) {
        ExportCommand.Snapshot chosenSnapshot = ExportCommand.snapshot(context, snapshot);
        long number = chosenSnapshot.number();
        Instant sealedAt = chosenSnapshot.sealedAt();
        AdvisoryStore advisories = context.bean(AdvisoryStore.class);
        Set<String> chosen = sources == null ? Set.of() : new LinkedHashSet<>(sources);
        if (!chosen.isEmpty()) {
          List<String> known = advisories.sources();
          List<String> unknown = chosen.stream().filter(s -> !known.contains(s)).toList();
          if (!unknown.isEmpty()) {
            throw new NotFoundException("no advisories from source(s) " + unknown + "; the store holds " + known);
          }
        }
        ExportRunStore runs = context.bean(ExportRunStore.class);
        reap(runs, err);
        try (ExportRunStore.Lease lease = runs.start(TRIVY_PROFILE, number, parameters(number, chosen, next).toString())) {
          return export(lease.runId(), number, sealedAt, chosen, next, reference, runs, advisories, err);
        }
      }
    }

    private int export(long runId, long number, Instant sealedAt, Set<String> chosen, Duration next,
        OciRegistryClient.Reference reference, ExportRunStore runs, AdvisoryStore advisories, PrintWriter err) throws Exception {
      err.printf(Locale.ROOT, "stella: export run %d: Trivy DB from advisory snapshot %d (sealed %s) into %s%n", runId, number,
          sealedAt, out);
      TrivyDbExport.Result result;
      Optional<OciRegistryClient.Pushed> pushed = Optional.empty();
      try {
        Runnable check = cancelCheck(runs, runId);
        Consumer<Consumer<Advisory>> reader = chosen.isEmpty()
            ? sink -> advisories.forEachAsOf(number, progress(checked(sink, check), err))
            : sink -> advisories.forEachAsOf(number, chosen, progress(checked(sink, check), err));
        result = TrivyDbExport.run(new TrivyDbExport.Options(out, sourceName, sealedAt, next, Optional.ofNullable(ociLayout), tag),
            reader);
        if (reference != null) {
          OciRegistryClient client = new OciRegistryClient(env("STELLA_REGISTRY_USER"), env("STELLA_REGISTRY_PASSWORD"), plainHttp);
          pushed = Optional.of(client.push(reference, result.artifact()));
        }
      } catch (IOException | RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        runs.failed(runId, errorClass(e), message);
        err.println("stella: export run " + runId + " failed (" + errorClass(e) + "): " + message);
        return ExitCodes.EXPORT;
      }
      ObjectNode summary = summaryJson(result.summary());
      ObjectNode outputs = outputsJson(result, reference, pushed);
      runs.input(runId, "advisory-snapshot:" + number, null);
      runs.succeeded(runId, summary.toString(), outputs.toString());
      PrintWriter stdout = spec.commandLine().getOut();
      if (format == Format.json) {
        ObjectNode all = JSON.createObjectNode();
        all.put("runId", runId);
        all.put("profile", TRIVY_PROFILE);
        all.put("snapshot", number);
        all.set("summary", summary);
        all.set("outputs", outputs);
        stdout.print(PRETTY.writeValueAsString(all) + "\n");
      } else {
        printTable(stdout, runId, number, result, reference, pushed);
      }
      stdout.flush();
      return ExitCodes.OK;
    }

    private Duration duration() {
      try {
        Duration d = Duration.parse(nextUpdate);
        if (d.isNegative() || d.isZero()) {
          throw new ParameterException(spec.commandLine(), "--next-update must be positive, got " + nextUpdate);
        }
        return d;
      } catch (DateTimeParseException e) {
        throw new ParameterException(spec.commandLine(), "--next-update must be an ISO-8601 duration such as PT24H or P3D, got '"
            + nextUpdate + "'");
      }
    }

    private OciRegistryClient.Reference reference() {
      try {
        return OciRegistryClient.Reference.parse(push);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--push: " + e.getMessage());
      }
    }

    private ObjectNode parameters(long number, Set<String> chosen, Duration next) {
      ObjectNode p = JSON.createObjectNode();
      p.put("out", out.toAbsolutePath().toString());
      p.put("snapshot", number);
      p.putPOJO("sources", List.copyOf(chosen));
      p.put("sourceName", sourceName);
      p.put("nextUpdate", next.toString());
      if (ociLayout != null) {
        p.put("ociLayout", ociLayout.toAbsolutePath().toString());
        p.put("tag", tag);
      }
      if (push != null) {
        p.put("push", push);
      }
      return p;
    }

    private void printTable(PrintWriter o, long runId, long number, TrivyDbExport.Result result, OciRegistryClient.Reference reference,
        Optional<OciRegistryClient.Pushed> pushed) {
      TrivyDbSummary s = result.summary();
      o.printf(Locale.ROOT, "export run %d (trivy:db) of advisory snapshot %d%n", runId, number);
      o.printf(Locale.ROOT, "advisories: %d read, %d exported, %d with nothing Trivy can hold; %d advisory entries%n",
          s.advisoriesRead(), s.advisoriesExported(), s.advisoriesNotExported(), s.entries());
      o.println("buckets:");
      s.buckets().forEach((name, count) -> o.printf(Locale.ROOT, "  %-40s %8d packages %9d entries%n", name, count.packages(), count.entries()));
      if (!s.skipped().isEmpty()) {
        o.println("left out or widened (affected packages), by reason:");
        s.skipped().forEach((reason, r) -> o.printf(Locale.ROOT, "  %7d  %s%s (e.g. %s)%n", r.count(), reason,
            r.widened() ? " [written widened]" : "", r.example()));
      }
      o.println("files:");
      result.files().forEach((name, f) -> o.printf(Locale.ROOT, "  %-14s %12d bytes  %s%n", name, f.bytes(), f.sha256()));
      if (ociLayout != null) {
        o.printf(Locale.ROOT, "OCI layout: %s (manifest %s, tag %s)%n", ociLayout, result.artifact().manifestDigest(), tag);
      }
      pushed.ifPresent(p -> o.printf(Locale.ROOT, "pushed: %s@%s (%d blob(s) uploaded, %d already there)%n", reference,
          p.manifestDigest(), p.blobsUploaded(), p.blobsPresent()));
    }
  }

  enum Format { table, json }

  /** The advisory snapshot an export reads: its number and seal time. */
  record Snapshot(long number, Instant sealedAt) {}

  /** Snapshot {@code requested}, or the newest; not found when there is none. */
  static Snapshot snapshot(StellaContext context, Long requested) throws NotFoundException {
    SnapshotStore snapshots = context.bean(SnapshotStore.class);
    long number = requested == null ? snapshots.latestSealed() : requested;
    if (number < 1) {
      throw new NotFoundException("no advisory snapshot to export: ingest advisories first (stella ingest advisories PATH)");
    }
    FleetPreconditions.requireSnapshot(context, number);
    return new Snapshot(number, snapshots.sealedAt(number).orElseThrow());
  }

  /**
   * The class of an export failure, for {@code error_class} and the metrics: {@code io} (the disk
   * or the network), {@code schema_mismatch} (a stored advisory this version cannot read), else
   * {@code export_error}.
   */
  static String errorClass(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Cancelled) {
        return "cancelled";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.UncheckedIOException u && String.valueOf(u.getMessage()).startsWith("stored advisory is not valid")) {
        return "schema_mismatch";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof java.io.UncheckedIOException) {
        return "io";
      }
    }
    return "export_error";
  }

  /** The run was asked to stop (`stella export run cancel`). */
  static final class Cancelled extends RuntimeException {
    Cancelled(long runId) {
      super("export run " + runId + " was cancelled (stella export run cancel); nothing was written in its place");
    }
  }

  /**
   * A check to call as an export goes: at most every two seconds it asks the database whether
   * the run was cancelled, and throws {@link Cancelled} when it was.
   */
  static Runnable cancelCheck(ExportRunStore runs, long runId) {
    long[] next = {System.nanoTime() + 2_000_000_000L};
    return () -> {
      if (System.nanoTime() >= next[0]) {
        next[0] = System.nanoTime() + 2_000_000_000L;
        if (runs.cancelRequested(runId)) {
          throw new Cancelled(runId);
        }
      }
    };
  }

  /** {@code sink}, calling {@code check} before each advisory. */
  static Consumer<Advisory> checked(Consumer<Advisory> sink, Runnable check) {
    return advisory -> {
      check.run();
      sink.accept(advisory);
    };
  }

  /** Marks export runs whose process died before finishing as failed, saying so. */
  static void reap(ExportRunStore runs, PrintWriter err) {
    for (long runId : runs.reapInterrupted()) {
      err.println("stella: export run " + runId + " was interrupted before it finished (its process is gone); recorded as failed");
    }
  }

  /** Hands advisories on, printing a line every 100,000 so a long export shows it is moving. */
  static Consumer<Advisory> progress(Consumer<Advisory> sink, PrintWriter err) {
    long[] count = {0};
    long started = System.nanoTime();
    return advisory -> {
      sink.accept(advisory);
      if (++count[0] % 100_000 == 0) {
        err.printf(Locale.ROOT, "stella: %,d advisories read (%.0f s)%n", count[0], (System.nanoTime() - started) / 1e9);
        err.flush();
      }
    };
  }

  static ObjectNode summaryJson(TrivyDbSummary s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("advisoriesRead", s.advisoriesRead());
    n.put("advisoriesExported", s.advisoriesExported());
    n.put("advisoriesNotExported", s.advisoriesNotExported());
    n.put("entries", s.entries());
    ObjectNode buckets = n.putObject("buckets");
    s.buckets().forEach((name, c) -> buckets.putObject(name).put("packages", c.packages()).put("entries", c.entries()));
    ObjectNode skipped = n.putObject("skipped");
    s.skipped().forEach((reason, r) -> skipped.putObject(reason).put("count", r.count()).put("example", r.example())
        .put("widened", r.widened()));
    return n;
  }

  static ObjectNode outputsJson(TrivyDbExport.Result result, OciRegistryClient.Reference reference,
      Optional<OciRegistryClient.Pushed> pushed) {
    ObjectNode n = JSON.createObjectNode();
    ObjectNode files = n.putObject("files");
    result.files().forEach((name, f) -> files.putObject(name).put("bytes", f.bytes()).put("sha256", f.sha256()));
    OciArtifact artifact = result.artifact();
    n.putObject("oci").put("manifestDigest", artifact.manifestDigest()).put("layerDigest", artifact.layerDigest())
        .put("layerBytes", artifact.layerSize());
    pushed.ifPresent(p -> n.putObject("pushed").put("reference", reference.toString()).put("manifestDigest", p.manifestDigest()));
    return n;
  }

  static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isEmpty());
  }

  @Command(name = "runs", mixinStandardHelpOptions = true, description = "List recent export runs, newest first.")
  static final class Runs implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Only runs of this profile (e.g. trivy:db).")
    String profile;

    @Option(names = "--limit", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
      if (limit < 1) {
        throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, got " + limit);
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        ExportRunStore store = context.bean(ExportRunStore.class);
        reap(store, spec.commandLine().getErr());
        List<ExportRunStore.Run> runs = store.recent(Optional.ofNullable(profile), limit);
        PrintWriter o = spec.commandLine().getOut();
        if (runs.isEmpty()) {
          o.println("no export runs" + (profile == null ? "" : " of profile " + profile));
        }
        for (ExportRunStore.Run r : runs) {
          String detail = r.summary().map(ExportCommand::oneLine).orElse(r.error().orElse(r.status().equals("running")
              ? "running in another process" : ""));
          o.printf(Locale.ROOT, "%6d  %-10s %-9s snapshot %-6s %s  %s%n", r.runId(), r.profile(), r.status(),
              r.snapshot().map(String::valueOf).orElse("-"), r.startedAt(), detail);
        }
        o.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Create an export run, or show one.",
      subcommands = {ExportBundleCommands.Create.class, RunGet.class, RunStatus.class, RunCancel.class, ExportBundleCommands.Download.class})
  static final class Run {}

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = {"One line on an export run: profile, status, snapshot, how long, its error class or export id.",
          "With --wait, waits until it finishes (for schedulers such as Airflow): the exit code then says how it ended."},
      footer = {"", "Exit codes: 0 running or succeeded, 4 no such run, 8 failed (with --wait: also when it ends failed),",
          "9 --wait timed out."})
  static final class RunStatus implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "RUN_ID") long runId;
    @Option(names = "--wait", description = "Wait until the run finishes.") boolean waitFor;
    @Option(names = "--timeout", defaultValue = "PT6H", paramLabel = "DURATION",
        description = "With --wait: give up after this ISO-8601 duration (default: ${DEFAULT-VALUE}).") String timeout;

    @Override
    public Integer call() throws Exception {
      Duration limit;
      try {
        limit = Duration.parse(timeout);
      } catch (java.time.format.DateTimeParseException e) {
        throw new ParameterException(spec.commandLine(), "--timeout must be an ISO-8601 duration such as PT30M, got '" + timeout + "'");
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        ExportRunStore store = context.bean(ExportRunStore.class);
        reap(store, spec.commandLine().getErr());
        long deadline = System.nanoTime() + limit.toNanos();
        ExportRunStore.Run r = store.get(runId).orElseThrow(() -> new NotFoundException("export run " + runId + " does not exist"));
        while (waitFor && r.status().equals("running")) {
          if (System.nanoTime() > deadline) {
            spec.commandLine().getErr().println("stella: export run " + runId + " still running after " + timeout);
            return ExitCodes.BUSY;
          }
          Thread.sleep(1_000);
          reap(store, spec.commandLine().getErr());
          r = store.get(runId).orElseThrow();
        }
        Instant end = r.finishedAt().orElse(Instant.now());
        String detail = switch (r.status()) {
          case "succeeded" -> r.outputs().map(o -> {
            try {
              return "export id " + JSON.readTree(o).path("manifestSha256").asText(JSON.readTree(o).path("files").path("trivy.db")
                  .path("sha256").asText(""));
            } catch (IOException e) {
              return "";
            }
          }).orElse("");
          case "failed" -> r.errorClass().orElse("export_error") + ": " + r.error().orElse("");
          default -> store.cancelRequested(runId) ? "cancel requested" : "";
        };
        spec.commandLine().getOut().printf(Locale.ROOT, "run %d %s %s snapshot %s, %s, %.0f s%s%n", runId, r.profile(), r.status(),
            r.snapshot().map(String::valueOf).orElse("-"), r.startedAt(), Duration.between(r.startedAt(), end).toMillis() / 1000.0,
            detail.isEmpty() ? "" : "; " + detail);
        spec.commandLine().getOut().flush();
        return r.status().equals("failed") ? ExitCodes.EXPORT : ExitCodes.OK;
      }
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = {"Ask a running export to stop. The exporting process checks every two seconds, stops, removes what it staged",
          "(a bundle already at its --out stays as it was) and records the run as failed with error_class cancelled. A run",
          "whose process is gone is recorded as interrupted at once."},
      footer = {"", "Exit codes: 0 asked (or already stopped), 2 the run had already finished, 4 no such run."})
  static final class RunCancel implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "RUN_ID") long runId;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        ExportRunStore.CancelOutcome outcome = context.bean(ExportRunStore.class).requestCancel(runId);
        PrintWriter o = spec.commandLine().getOut();
        switch (outcome) {
          case NOT_FOUND -> throw new NotFoundException("export run " + runId + " does not exist");
          case ALREADY_FINISHED -> throw new ParameterException(spec.commandLine(), "export run " + runId
              + " has already finished; nothing to cancel (stella export run status " + runId + ")");
          case WAS_INTERRUPTED -> o.println("export run " + runId + ": its process was gone; recorded as interrupted");
          default -> o.println("export run " + runId + ": cancel requested; it stops at its next check (stella export run status "
              + runId + " --wait)");
        }
        o.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one export run: parameters, summary and outputs, as JSON.")
  static final class RunGet implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_ID", description = "The run id `stella export runs` lists.")
    long runId;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        ExportRunStore store = context.bean(ExportRunStore.class);
        reap(store, spec.commandLine().getErr());
        ExportRunStore.Run r = store.get(runId)
            .orElseThrow(() -> new NotFoundException("export run " + runId + " does not exist"));
        ObjectNode n = JSON.createObjectNode();
        n.put("runId", r.runId());
        n.put("profile", r.profile());
        n.put("status", r.status());
        r.snapshot().ifPresent(s -> n.put("snapshot", s));
        n.put("startedAt", r.startedAt().toString());
        r.finishedAt().ifPresent(f -> n.put("finishedAt", f.toString()));
        n.set("parameters", JSON.readTree(r.parameters()));
        if (r.summary().isPresent()) {
          n.set("summary", JSON.readTree(r.summary().get()));
        }
        if (r.outputs().isPresent()) {
          n.set("outputs", JSON.readTree(r.outputs().get()));
        }
        r.error().ifPresent(e -> n.put("error", e));
        r.errorClass().ifPresent(c -> n.put("errorClass", c));
        Map<String, String> inputs = store.inputs(runId);
        if (!inputs.isEmpty()) {
          var list = n.putArray("inputs");
          inputs.forEach((artifact, hash) -> {
            var item = list.addObject().put("artifact", artifact);
            if (hash != null) {
              item.put("hash", hash);
            }
          });
        }
        List<ExportRunStore.Distribution> distributions = store.distributions(runId);
        if (!distributions.isEmpty()) {
          var list = n.putArray("distributions");
          for (ExportRunStore.Distribution d : distributions) {
            list.addObject().put("type", d.type()).put("target", d.target()).put("state", d.state()).put("at", d.createdAt().toString())
                .set("meta", JSON.readTree(d.meta()));
          }
        }
        spec.commandLine().getOut().print(PRETTY.writeValueAsString(n) + "\n");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
    }
  }

  private static String oneLine(String summaryJson) {
    try {
      JsonNode s = JSON.readTree(summaryJson);
      return s.path("advisoriesExported").asLong() + " of " + s.path("advisoriesRead").asLong() + " advisories, "
          + s.path("entries").asLong() + " entries, " + s.path("buckets").size() + " buckets";
    } catch (IOException e) {
      return summaryJson;
    }
  }

  private ExportCommand() {}
}
