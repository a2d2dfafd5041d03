package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.TreeMap;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.stellaops.jobs.runtime.JobIdentity;
import org.stellaops.jobs.runtime.JobRun;
import org.stellaops.jobs.runtime.JobRunner;
import org.stellaops.jobs.objects.S3ObjectStore;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.jobs.warehouse.WarehouseRemote;
import org.stellaops.warehouse.Warehouse;
import org.stellaops.warehouse.WarehouseCompactor;
import org.stellaops.warehouse.WarehouseManifest;
import org.stellaops.warehouse.WarehouseTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stella warehouse snapshot|list} and {@code stella sql}: Parquet snapshots of the fleet's
 * risk, and analyst SQL over them with embedded DuckDB (docs/warehouse.md).
 */
@Command(name = "warehouse", mixinStandardHelpOptions = true,
    description = {"Parquet snapshots of advisories, images, verdicts and findings for analyst SQL (stella sql) and other engines.",
        "Layout and columns: docs/warehouse.md."},
    subcommands = {WarehouseCommand.Snapshot.class, WarehouseCommand.Compact.class, WarehouseCommand.ListSnapshots.class})
public final class WarehouseCommand {
  private WarehouseCommand() {}

  static final String LOCATION_HELP = "The warehouse: a folder, or s3://BUCKET/PREFIX (with --s3-endpoint, --s3-access-key,"
      + " --s3-secret-key or STELLA_S3_*), worked on through a local cache (default: HOME/warehouse).";

  /** {@code --warehouse} and {@code --cache}, shared by the warehouse commands and {@code stella sql}. */
  static final class WarehouseOptions {
    @Option(names = "--warehouse", paramLabel = "DIR|s3://BUCKET/PREFIX", description = LOCATION_HELP) String warehouse;
    @Option(names = "--cache", paramLabel = "DIR", description = "The local cache of an s3:// warehouse (default:"
        + " HOME/warehouse-cache/BUCKET_PREFIX); it can be deleted at any time.") Path cache;
  }

  /** Where a warehouse is: a local folder, or a bucket with its local cache (the folder the code works on). */
  record Location(Path root, Optional<WarehouseRemote> remote) {
    String name() {
      return remote.map(WarehouseRemote::address).orElse(root.toString());
    }
  }

  static Location location(CommandSpec spec, DatabaseOptions database, String given, Path cache) throws java.io.IOException {
    if (given == null || !given.startsWith("s3://")) {
      if (cache != null) {
        throw new ParameterException(spec.commandLine(), "--cache is for s3:// warehouses only");
      }
      Path root = given != null ? Path.of(given) : database.home.resolve("warehouse");
      return new Location(root.toAbsolutePath().normalize(), Optional.empty());
    }
    String rest = given.substring("s3://".length());
    if (rest.isEmpty() || rest.startsWith("/") || rest.contains("..")) {
      throw new ParameterException(spec.commandLine(), "--warehouse must be s3://BUCKET[/PREFIX], got " + given);
    }
    var settings = database.settings().objects();
    if (settings.s3Endpoint().isEmpty() || settings.s3AccessKey().isEmpty() || settings.s3SecretKey().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "an s3:// warehouse needs --s3-endpoint, --s3-access-key and --s3-secret-key"
          + " (or STELLA_S3_ENDPOINT, STELLA_S3_ACCESS_KEY, STELLA_S3_SECRET_KEY)");
    }
    Path root = (cache != null ? cache : database.home.resolve("warehouse-cache").resolve(rest.replace('/', '_')))
        .toAbsolutePath().normalize();
    S3ObjectStore store = S3ObjectStore.of(given, settings.s3Endpoint().get(), settings.s3AccessKey().get(),
        settings.s3SecretKey().get());
    return new Location(root, Optional.of(new WarehouseRemote(store, root)));
  }

  static Optional<LocalDate> date(CommandSpec spec, String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "the date must be YYYY-MM-DD, got '" + text + "'");
    }
  }

  @Command(name = "snapshot", mixinStandardHelpOptions = true,
      description = {"Write the warehouse snapshot of a date (default: today, UTC) from the database, as Parquet (zstd) in Hive",
          "partitions TABLE/snapshot_date=D/tenant=default/: advisories and affected packages as of the newest advisory snapshot,",
          "images and their components, each image's current verdict with its findings, the KEV catalog and EPSS scores,",
          "export runs; and, incrementally, the image history and export",
          "deltas recorded since the previous snapshot. The manifest (_manifests/) is written last, so a run killed midway is",
          "invisible; running the same command again resumes it. Running the newest date again replaces it; earlier dates stay",
          "as published (snapshots are taken in date order)."},
      footer = {"", "Exit codes: 0 ok, 1 the run failed (run the same command to resume it), 2 bad arguments or a date before the",
          "newest snapshot, 7 database unavailable, 9 another warehouse snapshot or compaction is running."})
  static final class Snapshot implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The snapshot date (default: today, UTC).") String date;
    @Mixin WarehouseOptions place;
    @Option(names = "--rows-per-file", defaultValue = "1000000", paramLabel = "N",
        description = "Rows per Parquet file before a new one starts (default: ${DEFAULT-VALUE}).") long rowsPerFile;

    @Override
    public Integer call() throws Exception {
      LocalDate day = date(spec, date).orElse(LocalDate.now(ZoneOffset.UTC));
      if (rowsPerFile < 1) {
        throw new ParameterException(spec.commandLine(), "--rows-per-file must be 1 or more");
      }
      Location where = location(spec, database, place.warehouse, place.cache);
      Path root = where.root();
      if (where.remote().isPresent()) {
        where.remote().get().pullManifests();
      }
      try {
        WarehouseManifest.requireForward(root, day);
      } catch (WarehouseManifest.OutOfOrderSnapshotException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage().replace(root.toString(), where.name()));
      }
      if (where.remote().isPresent()) {
        // The append-only tables of the snapshot this one continues from are carried into it: the cache needs their files.
        Optional<WarehouseManifest> base = WarehouseManifest.base(root, day);
        where.remote().get().pullFiles(base.stream().toList(), true);
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        int code = run(spec, context, root, day, rowsPerFile);
        if (code == ExitCodes.OK && where.remote().isPresent()) {
          int uploaded = where.remote().get().push(List.of(day));
          spec.commandLine().getOut().printf(Locale.ROOT, "  published to %s (%d file(s) uploaded, the manifest last)%n", where.name(),
              uploaded);
          spec.commandLine().getOut().flush();
        }
        return code;
      }
    }

    /** Runs (or resumes) the snapshot job of {@code day} in an open context and prints what it wrote. */
    static int run(CommandSpec spec, StellaContext context, Path root, LocalDate day, long rowsPerFile) throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      long started = System.nanoTime();
      Map<String, String> identity = new TreeMap<>();
      identity.put("date", day.toString());
      identity.put("warehouse", root.toString());
      identity.put("rowsPerFile", Long.toString(rowsPerFile));
      JobRun run = context.bean(JobRunner.class).run(context.bean("warehouseSnapshotJob", Job.class), JobIdentity.of(identity));
      run.notices().forEach(notice -> spec.commandLine().getErr().println("stella: " + notice));
      if (run.execution().getStatus() != BatchStatus.COMPLETED) {
        run.execution().getAllFailureExceptions().forEach(e -> spec.commandLine().getErr().println("stella: " + e.getMessage()));
        spec.commandLine().getErr().println("stella: the warehouse snapshot of " + day + " did not complete; nothing of it is"
            + " visible; run the same command again to resume it");
        return ExitCodes.ERROR;
      }
      WarehouseManifest manifest = WarehouseManifest.read(root, day);
      String ownPartition = "snapshot_date=" + day + "/";
      long newBytes = 0;
      int newFiles = 0;
      out.printf(Locale.ROOT, "warehouse snapshot %s in %s (%.1f s), advisory snapshot %d:%n", day, root,
          (System.nanoTime() - started) / 1e9, manifest.sourceLong("advisorySnapshot", 0));
      for (Map.Entry<String, WarehouseManifest.TableFiles> t : manifest.tables().entrySet()) {
        long own = t.getValue().files().stream().filter(f -> f.path().contains(ownPartition)).count();
        long bytes = t.getValue().files().stream().mapToLong(WarehouseManifest.FileEntry::bytes).sum();
        newBytes += t.getValue().files().stream().filter(f -> f.path().contains(ownPartition))
            .mapToLong(WarehouseManifest.FileEntry::bytes).sum();
        newFiles += (int) own;
        out.printf(Locale.ROOT, "  %-18s %,12d rows %,14d bytes in %d file(s)%s%n", t.getKey(), t.getValue().rows(), bytes,
            t.getValue().files().size(), WarehouseTable.named(t.getKey()).appendOnly() && own < t.getValue().files().size()
                ? " (" + own + " new, the rest carried from earlier snapshots)" : "");
      }
      out.printf(Locale.ROOT, "  %d file(s), %,d bytes under snapshot_date=%s%n", newFiles, newBytes, day);
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "compact", mixinStandardHelpOptions = true,
      description = {"Merge the small Parquet files of a snapshot's partitions (from repeated runs of one date, or a small",
          "--rows-per-file) into files of up to --target-rows rows. Every manifest listing the merged files is republished with",
          "the new ones; rows and answers do not change."},
      footer = {"", "Exit codes: 0 ok, 2 bad arguments, 4 no such snapshot, 7 database unavailable, 9 a warehouse snapshot is running."})
  static final class Compact implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The snapshot to compact (default: the newest).") String date;
    @Mixin WarehouseOptions place;
    @Option(names = "--target-rows", defaultValue = "1000000", paramLabel = "N",
        description = "Rows per merged file; files with fewer rows are merged (default: ${DEFAULT-VALUE}).") long targetRows;

    @Override
    public Integer call() throws Exception {
      if (targetRows < 1) {
        throw new ParameterException(spec.commandLine(), "--target-rows must be 1 or more");
      }
      Location where = location(spec, database, place.warehouse, place.cache);
      Path root = where.root();
      List<LocalDate> dates = where.remote().isPresent() ? where.remote().get().pullManifests() : Warehouse.snapshots(root);
      LocalDate day = date(spec, date).orElse(dates.isEmpty() ? null : dates.get(dates.size() - 1));
      if (day == null || !dates.contains(day)) {
        throw new NotFoundException(where.name() + ": no warehouse snapshot" + (day == null ? "" : " of " + day) + " to compact");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (StellaContext context = StellaContext.open(database.settings())) {
        // Under the snapshot job's lock: a snapshot publishing meanwhile would list files being replaced.
        List<WarehouseCompactor.TableCompaction> done = context.bean(JobRunner.class).whileHolding(
            org.stellaops.jobs.warehouse.WarehouseJobConfig.JOB_NAME, () -> {
              if (where.remote().isEmpty()) {
                return WarehouseCompactor.compact(root, day, targetRows);
              }
              where.remote().get().pullManifests();
              where.remote().get().pullFiles(List.of(WarehouseManifest.read(root, day)), false);
              List<WarehouseCompactor.TableCompaction> merged = WarehouseCompactor.compact(root, day, targetRows);
              if (!merged.isEmpty()) {
                where.remote().get().push(Warehouse.snapshots(root).stream().filter(d -> !d.isBefore(day)).toList());
              }
              return merged;
            });
        if (done.isEmpty()) {
          out.println("warehouse snapshot " + day + ": no partition has small files to merge");
        }
        for (WarehouseCompactor.TableCompaction t : done) {
          out.printf(Locale.ROOT, "%s %s: %d file(s) merged into %d (%,d rows)%n", day, t.table(), t.filesBefore(), t.filesAfter(),
              t.rows());
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The published warehouse snapshots with their row counts.")
  static final class ListSnapshots implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Mixin WarehouseOptions place;

    @Override
    public Integer call() throws Exception {
      Location where = location(spec, database, place.warehouse, place.cache);
      Path root = where.root();
      PrintWriter out = spec.commandLine().getOut();
      List<LocalDate> dates = where.remote().isPresent() ? where.remote().get().pullManifests() : Warehouse.snapshots(root);
      if (dates.isEmpty()) {
        out.println("no warehouse snapshot in " + where.name() + " (stella warehouse snapshot)");
      }
      for (LocalDate d : dates) {
        StringBuilder line = new StringBuilder(d.toString());
        new TreeMap<>(WarehouseManifest.read(root, d).tables()).forEach((table, files) -> line.append(String.format(Locale.ROOT,
            "  %s %,d", table, files.rows())));
        out.println(line);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code stella sql}: a query over a warehouse snapshot. */
  @Command(name = "sql", mixinStandardHelpOptions = true,
      description = {"Run SQL (DuckDB dialect) over a warehouse snapshot: one view per table, named after it (advisories,",
          "affected_packages, images, components, verdicts, findings, image_history, export_deltas, export_runs), with the",
          "partition columns snapshot_date and tenant.",
          "Examples: docs/warehouse.md."},
      footer = {"", "Exit codes: 0 ok, 2 bad arguments or SQL (the message names the table or column), 4 no such snapshot."})
  static final class Sql implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "SQL", description = "The query.") String sql;
    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).") String format;
    @Option(names = "--snapshot", paramLabel = "YYYY-MM-DD|all", description = {"The snapshot date (default: the newest), or all:",
        "views over every snapshot, for questions over time (group by snapshot_date)."}) String snapshot;
    @Mixin WarehouseOptions place;

    @Override
    public Integer call() throws Exception {
      if (!List.of("table", "csv", "json").contains(format)) {
        throw new ParameterException(spec.commandLine(), "--format must be table, csv or json, got '" + format + "'");
      }
      Location where = location(spec, database, place.warehouse, place.cache);
      Path root = where.root();
      if (where.remote().isPresent()) {
        List<LocalDate> dates = where.remote().get().pullManifests();
        Optional<LocalDate> chosen = "all".equals(snapshot) ? Optional.empty() : date(spec, snapshot);
        List<WarehouseManifest> needed = new java.util.ArrayList<>();
        for (LocalDate d : dates) {
          if ("all".equals(snapshot) || d.equals(chosen.orElse(dates.get(dates.size() - 1)))) { // dates is not empty here
            needed.add(WarehouseManifest.read(root, d));
          }
        }
        where.remote().get().pullFiles(needed, false);
      } else if (!Files.isDirectory(root)) {
        throw new NotFoundException("no warehouse at " + root + " (stella warehouse snapshot)");
      }
      try (Connection connection = "all".equals(snapshot) ? Warehouse.openAll(root) : Warehouse.open(root, date(spec, snapshot))) {
        Warehouse.Result result;
        try {
          result = Warehouse.query(connection, sql);
        } catch (java.sql.SQLException e) {
          throw new ParameterException(spec.commandLine(), "SQL: " + e.getMessage());
        }
        Warehouse.print(result, format, spec.commandLine().getOut());
        return ExitCodes.OK;
      } catch (java.nio.file.NoSuchFileException e) {
        throw new NotFoundException(e.getFile());
      }
    }
  }
}
