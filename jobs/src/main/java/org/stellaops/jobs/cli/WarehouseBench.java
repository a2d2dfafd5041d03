package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.jobs.warehouse.WarehouseJobConfig;
import org.stellaops.warehouse.Warehouse;
import org.stellaops.warehouse.WarehouseManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stella bench warehouse}: warehouse snapshots of the database as it is, timed, then three
 * analyst questions timed on the warehouse (DuckDB) and on PostgreSQL side by side in the same
 * process, each pair checked to give the same answer.
 */
@Command(name = "warehouse", mixinStandardHelpOptions = true,
    description = {"Time warehouse snapshots of the database as it is (the CLI's own database, or --db-url) into a fresh",
        "warehouse folder, then three analyst questions on DuckDB over the snapshot and on PostgreSQL over the system of",
        "record, side by side (median of --repeat after one warm-up each), checking that both give the same rows.",
        "Prints Markdown rows for docs/benchmarks.md."})
public final class WarehouseBench implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;
  @Option(names = "--warehouse", paramLabel = "DIR", description = "The warehouse folder to write (default: HOME/bench-warehouse;"
      + " emptied first).") Path warehouse;
  @Option(names = "--snapshots", defaultValue = "3", description = "Snapshots taken, on consecutive dates (default: ${DEFAULT-VALUE}).")
  int snapshots;
  @Option(names = "--repeat", defaultValue = "5", description = "Timed runs of each query (default: ${DEFAULT-VALUE}).") int repeat;
  @Option(names = "--no-queries", description = "Time the snapshots only.") boolean noQueries;

  /** An analyst question: its text, the warehouse SQL (DuckDB) and the same over PostgreSQL's own tables. */
  public record Question(String name, String duckdb, String postgres) {}

  /** The current verdicts' findings in PostgreSQL, in the cheapest form the storage allows (no window function). */
  private static final String PG_FINDINGS = "(SELECT c.image_digest, f.* FROM " + WarehouseJobConfig.CURRENT_GROUP_FINDINGS + ")";

  public static final List<Question> QUESTIONS = List.of(
      new Question("severity sort: the 20 images with the most critical affected findings",
          "SELECT image_digest, count(*) AS critical FROM findings WHERE status = 'affected' AND severity = 'CRITICAL'"
              + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
          "SELECT image_digest, count(*) AS critical FROM " + PG_FINDINGS + " f WHERE status = 'affected' AND severity = 'CRITICAL'"
              + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"),
      new Question("top upgrades: the 10 (package, fixed version) pairs that remove the most affected findings",
          "SELECT package_name, fixed_version, count(*) AS findings, count(DISTINCT image_digest) AS images FROM findings"
              + " WHERE status = 'affected' AND fixed_version IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10",
          "SELECT package_name, fixed_version, count(*) AS findings, count(DISTINCT image_digest) AS images FROM " + PG_FINDINGS
              + " f WHERE status = 'affected' AND fixed_version IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10"),
      new Question("exposure by repository: critical and high affected findings per repository",
          "SELECT i.repository, count(DISTINCT f.image_digest) AS images, count(*) AS findings FROM findings f"
              + " JOIN images i USING (image_digest) WHERE f.status = 'affected' AND f.severity IN ('CRITICAL', 'HIGH')"
              + " GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 20",
          "SELECT d.name AS repository, count(DISTINCT f.image_digest) AS images, count(*) AS findings FROM " + PG_FINDINGS + " f"
              + " JOIN sbom.image i ON i.tenant_id = 'default' AND i.image_digest = f.image_digest"
              + " JOIN sbom.document d ON d.tenant_id = i.tenant_id AND d.sha256 = i.sbom_sha256"
              + " WHERE f.status = 'affected' AND f.severity IN ('CRITICAL', 'HIGH') GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 20"));

  @Override
  public Integer call() throws Exception {
    if (repeat < 1 || snapshots < 1) {
      throw new ParameterException(spec.commandLine(), "--repeat and --snapshots must be at least 1");
    }
    Path root = (warehouse != null ? warehouse : database.home.resolve("bench-warehouse")).toAbsolutePath().normalize();
    if (java.nio.file.Files.exists(root)) {
      TempTrees.delete(root);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StellaContext context = StellaContext.open(database.settings())) {
      LocalDate first = LocalDate.parse("2026-01-01");
      double[] times = new double[snapshots];
      for (int i = 0; i < snapshots; i++) {
        long t = System.nanoTime();
        if (WarehouseCommand.Snapshot.run(spec, context, root, first.plusDays(i), 1_000_000) != ExitCodes.OK) {
          return ExitCodes.ERROR;
        }
        times[i] = BenchCommand.seconds(t);
      }
      WarehouseManifest manifest = WarehouseManifest.read(root, first.plusDays(snapshots - 1));
      long rows = 0;
      long bytes = 0;
      StringBuilder perTable = new StringBuilder();
      for (Map.Entry<String, WarehouseManifest.TableFiles> t : manifest.tables().entrySet()) {
        long tableBytes = t.getValue().files().stream().mapToLong(WarehouseManifest.FileEntry::bytes).sum();
        rows += t.getValue().rows();
        bytes += tableBytes;
        perTable.append(String.format(Locale.ROOT, "%s%s %,d rows / %.1f MiB", perTable.length() == 0 ? "" : "; ", t.getKey(),
            t.getValue().rows(), tableBytes / 1048576.0));
      }
      out.println();
      out.printf(Locale.ROOT, "| warehouse snapshot (job, end to end), first of %d | %.1f s | %,d rows, %.1f MiB: %,.0f rows/s |%n",
          snapshots, times[0], rows, bytes / 1048576.0, rows / times[0]);
      if (snapshots > 1) {
        out.printf(Locale.ROOT, "| the next daily snapshots (append-only tables: only new rows), median of %d | %.1f s | all: %s |%n",
            snapshots - 1, BenchCommand.median(java.util.Arrays.copyOfRange(times, 1, snapshots)), java.util.Arrays.toString(times));
      }
      out.printf(Locale.ROOT, "| tables | | %s |%n", perTable);
      JdbcTemplate jdbc = context.bean(JdbcTemplate.class);
      if (noQueries) {
        out.flush();
        return ExitCodes.OK;
      }
      try (Connection duck = Warehouse.open(root, Optional.empty())) {
        for (Question q : QUESTIONS) {
          double[] duckTimes = new double[repeat];
          double[] pgTimes = new double[repeat];
          List<List<String>> duckRows = null;
          List<List<String>> pgRows = null;
          for (int r = -1; r < repeat; r++) {
            long t = System.nanoTime();
            duckRows = text(Warehouse.query(duck, q.duckdb()).rows());
            double d = BenchCommand.seconds(t);
            t = System.nanoTime();
            pgRows = jdbc.query(q.postgres(), (rs, n) -> {
              List<String> row = new ArrayList<>();
              for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.add(String.valueOf(rs.getObject(c)));
              }
              return row;
            });
            double p = BenchCommand.seconds(t);
            if (r >= 0) {
              duckTimes[r] = d;
              pgTimes[r] = p;
            }
          }
          if (!duckRows.equals(pgRows)) {
            spec.commandLine().getErr().println("stella: the answers differ for '" + q.name() + "':\n  DuckDB     " + duckRows
                + "\n  PostgreSQL " + pgRows);
            return ExitCodes.ERROR;
          }
          double duckMedian = BenchCommand.median(duckTimes);
          double pgMedian = BenchCommand.median(pgTimes);
          out.printf(Locale.ROOT, "| %s (%d rows, same on both) | DuckDB %.3f s | PostgreSQL %.3f s; PostgreSQL / DuckDB %.1f |%n",
              q.name(), duckRows.size(), duckMedian, pgMedian, pgMedian / Math.max(duckMedian, 1e-9));
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static List<List<String>> text(List<List<Object>> rows) {
    return rows.stream().map(r -> r.stream().map(String::valueOf).toList()).toList();
  }
}
