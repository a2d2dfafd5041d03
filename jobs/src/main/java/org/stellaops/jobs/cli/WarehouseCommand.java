package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.warehouse.Warehouse;
import org.stellaops.warehouse.WarehouseSnapshotWriter;
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
    subcommands = {WarehouseCommand.Snapshot.class, WarehouseCommand.ListSnapshots.class})
public final class WarehouseCommand {
  private WarehouseCommand() {}

  /** Advisory-lock class of warehouse snapshot runs (the key is the date's epoch day). */
  static final int LOCK_CLASS = 0x57617265;

  static Path root(DatabaseOptions database, Path given) {
    return given != null ? given : database.home.resolve("warehouse");
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
      description = {"Write the warehouse snapshot of a date (default: today, UTC) from the database: advisories and affected",
          "packages as of the newest advisory snapshot, images, each image's current verdict and its findings, as Parquet (zstd)",
          "in Hive partitions TABLE/snapshot_date=D/tenant=default/. The snapshot's manifest (_manifests/) is written last, so",
          "a run killed midway is invisible; running a date again replaces it once the new one is complete."},
      footer = {"", "Exit codes: 0 ok, 2 bad arguments, 7 database unavailable."})
  static final class Snapshot implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The snapshot date (default: today, UTC).") String date;
    @Option(names = "--warehouse", paramLabel = "DIR", description = "The warehouse folder (default: HOME/warehouse).") Path warehouse;
    @Option(names = "--rows-per-file", defaultValue = "1000000", paramLabel = "N",
        description = "Rows per Parquet file before a new one starts (default: ${DEFAULT-VALUE}).") long rowsPerFile;

    @Override
    public Integer call() throws Exception {
      LocalDate day = date(spec, date).orElse(LocalDate.now(ZoneOffset.UTC));
      if (rowsPerFile < 1) {
        throw new ParameterException(spec.commandLine(), "--rows-per-file must be 1 or more");
      }
      Path root = root(database, warehouse);
      PrintWriter out = spec.commandLine().getOut();
      long started = System.nanoTime();
      try (StellaContext context = StellaContext.open(database.settings());
          java.sql.Connection lock = context.bean(JdbcTemplate.class).getDataSource().getConnection()) {
        // One snapshot run per date at a time: a second would remove the first's files when it publishes.
        try (java.sql.PreparedStatement take = lock.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
          take.setInt(1, LOCK_CLASS);
          take.setInt(2, (int) day.toEpochDay());
          try (java.sql.ResultSet r = take.executeQuery()) {
            r.next();
            if (!r.getBoolean(1)) {
              spec.commandLine().getErr().println("stella: a warehouse snapshot of " + day + " is already running against this database;"
                  + " run it again when that one has finished");
              return ExitCodes.BUSY;
            }
          }
        }
        JdbcTemplate jdbc = context.bean(JdbcTemplate.class);
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(1_000);
        org.springframework.transaction.support.TransactionTemplate transaction = new org.springframework.transaction.support
            .TransactionTemplate(context.bean(org.springframework.transaction.PlatformTransactionManager.class));
        long advisorySnapshot = context.bean(org.stellaops.connectors.store.SnapshotStore.class).latestSealed();
        Map<String, Long> rows;
        try (WarehouseSnapshotWriter writer = new WarehouseSnapshotWriter(root, day, "default", rowsPerFile)) {
          WarehouseSnapshotWriter.TableWriter advisories = writer.table(WarehouseTable.named("advisories"));
          WarehouseSnapshotWriter.TableWriter affected = writer.table(WarehouseTable.named("affected_packages"));
          if (advisorySnapshot > 0) {
            context.bean(AdvisoryStore.class).forEachAsOf(advisorySnapshot, a -> {
              try {
                advisories.add(a.id(), a.severity().level().name(), a.severity().score().orElse(null), a.summary(),
                    a.published().orElse(null), a.modified().orElse(null), a.hasBeenWithdrawn(), String.join(",", a.aliases()),
                    advisorySnapshot);
                for (var p : a.affected()) {
                  affected.add(a.id(), p.ecosystem(), p.name(), Ecosystems.productKey(p.ecosystem(), p.name()), advisorySnapshot);
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
          }
          WarehouseSnapshotWriter.TableWriter images = writer.table(WarehouseTable.named("images"));
          transaction.executeWithoutResult(status -> cursor.query("SELECT i.image_digest, d.name, 'sha256:' || i.sbom_sha256,"
              + " d.component_count FROM sbom.image i JOIN sbom.document d ON d.tenant_id = i.tenant_id AND d.sha256 = i.sbom_sha256"
              + " WHERE i.tenant_id = 'default' ORDER BY i.image_digest", (java.sql.ResultSet r) -> {
                add(images, r.getString(1), r.getString(2), r.getString(3), r.getLong(4));
              }));
          WarehouseSnapshotWriter.TableWriter verdicts = writer.table(WarehouseTable.named("verdicts"));
          WarehouseSnapshotWriter.TableWriter findings = writer.table(WarehouseTable.named("findings"));
          String current = "SELECT DISTINCT ON (v.image_digest) v.* FROM policy.verdict v JOIN sbom.image i ON i.tenant_id = v.tenant_id"
              + " AND i.image_digest = v.image_digest WHERE v.tenant_id = 'default'"
              + " ORDER BY v.image_digest, v.advisory_snapshot_id DESC, v.verdict_id DESC";
          transaction.executeWithoutResult(status -> cursor.query("SELECT c.image_digest, c.decision,"
              + " policy.verdict_document(c.*)::jsonb->>'rule', c.verdict_digest, c.advisory_snapshot_id, c.sbom_digest, c.policy_digest,"
              + " c.engine_version, c.created_at FROM (" + current + ") c ORDER BY c.image_digest", (java.sql.ResultSet r) -> {
                add(verdicts, r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getString(6), r.getString(7),
                    r.getString(8), r.getTimestamp(9).toInstant());
              }));
          transaction.executeWithoutResult(status -> cursor.query("SELECT c.image_digest, c.verdict_digest, f.advisory_id, f.purl,"
              + " f.ecosystem, f.package_name, f.version, f.status, f.severity, f.score, f.fixed_version FROM (" + current + ") c"
              + " JOIN policy.finding f ON f.verdict_id = c.verdict_id ORDER BY c.image_digest, f.ordinal", (java.sql.ResultSet r) -> {
                double score = r.getDouble(10);
                add(findings, r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                    r.getString(7), r.getString(8), r.getString(9), r.wasNull() ? null : score, r.getString(11));
              }));
          WarehouseSnapshotWriter.TableWriter history = writer.table(WarehouseTable.named("image_history"));
          transaction.executeWithoutResult(status -> cursor.query("SELECT seq, image_digest, 'sha256:' || sbom_sha256, job_instance_id"
              + " FROM sbom.image_history WHERE tenant_id = 'default' ORDER BY seq", (java.sql.ResultSet r) -> {
                add(history, r.getLong(1), r.getString(2), r.getString(3), r.getLong(4));
              }));
          WarehouseSnapshotWriter.TableWriter deltas = writer.table(WarehouseTable.named("export_deltas"));
          transaction.executeWithoutResult(status -> cursor.query("SELECT s.seal_seq, d.product_key, d.advisory_id, d.change"
              + " FROM vuln.export_delta d JOIN vuln.snapshot s ON s.snapshot_id = d.snapshot_id AND s.seal_seq IS NOT NULL"
              + " WHERE d.tenant_id = 'default' ORDER BY s.seal_seq, d.product_key, d.advisory_id", (java.sql.ResultSet r) -> {
                add(deltas, r.getLong(1), r.getString(2), r.getString(3), r.getString(4));
              }));
          WarehouseSnapshotWriter.TableWriter exportRuns = writer.table(WarehouseTable.named("export_runs"));
          transaction.executeWithoutResult(status -> cursor.query("SELECT run_id, profile, status, snapshot, started_at, finished_at,"
              + " error_class, outputs->>'manifestSha256' FROM export.export_runs WHERE tenant_id = 'default' ORDER BY run_id",
              (java.sql.ResultSet r) -> {
                long snap = r.getLong(4);
                Long snapshotNumber = r.wasNull() ? null : snap;
                java.sql.Timestamp finished = r.getTimestamp(6);
                add(exportRuns, r.getLong(1), r.getString(2), r.getString(3), snapshotNumber, r.getTimestamp(5).toInstant(),
                    finished == null ? null : finished.toInstant(), r.getString(7), r.getString(8));
              }));
          Map<String, Object> source = new LinkedHashMap<>();
          source.put("advisorySnapshot", advisorySnapshot);
          rows = writer.publish(source);
        }
        out.printf(Locale.ROOT, "warehouse snapshot %s in %s (%.1f s):%n", day, root, (System.nanoTime() - started) / 1e9);
        for (WarehouseTable table : WarehouseTable.ALL) {
          out.printf(Locale.ROOT, "  %-18s %,12d rows%n", table.name(), rows.getOrDefault(table.name(), 0L));
        }
        out.flush();
        return ExitCodes.OK;
      }
    }

    private static void add(WarehouseSnapshotWriter.TableWriter table, Object... values) {
      try {
        table.add(values);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The published warehouse snapshots with their row counts.")
  static final class ListSnapshots implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--warehouse", paramLabel = "DIR", description = "The warehouse folder (default: HOME/warehouse).") Path warehouse;

    @Override
    public Integer call() throws Exception {
      Path root = root(database, warehouse);
      PrintWriter out = spec.commandLine().getOut();
      List<LocalDate> dates = Warehouse.snapshots(root);
      if (dates.isEmpty()) {
        out.println("no warehouse snapshot in " + root + " (stella warehouse snapshot)");
      }
      for (LocalDate d : dates) {
        var manifest = Warehouse.manifest(root, d);
        StringBuilder line = new StringBuilder(d.toString());
        manifest.path("tables").fields().forEachRemaining(e -> line.append(String.format(Locale.ROOT, "  %s %,d",
            e.getKey(), e.getValue().path("rows").asLong())));
        out.println(line);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code stella sql}: a query over a warehouse snapshot. */
  @Command(name = "sql", mixinStandardHelpOptions = true,
      description = {"Run SQL (DuckDB dialect) over a warehouse snapshot: one view per table, named after it (advisories,",
          "affected_packages, images, verdicts, findings), with the partition columns snapshot_date and tenant.",
          "Examples: docs/warehouse.md."},
      footer = {"", "Exit codes: 0 ok, 2 bad arguments or SQL (the message names the table or column), 4 no such snapshot."})
  static final class Sql implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "SQL", description = "The query.") String sql;
    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).") String format;
    @Option(names = "--snapshot", paramLabel = "YYYY-MM-DD", description = "The snapshot date (default: the newest).") String snapshot;
    @Option(names = "--warehouse", paramLabel = "DIR", description = "The warehouse folder (default: HOME/warehouse).") Path warehouse;

    @Override
    public Integer call() throws Exception {
      if (!List.of("table", "csv", "json").contains(format)) {
        throw new ParameterException(spec.commandLine(), "--format must be table, csv or json, got '" + format + "'");
      }
      Path root = root(database, warehouse);
      if (!Files.isDirectory(root)) {
        throw new NotFoundException("no warehouse at " + root + " (stella warehouse snapshot)");
      }
      try (Connection connection = Warehouse.open(root, date(spec, snapshot))) {
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
