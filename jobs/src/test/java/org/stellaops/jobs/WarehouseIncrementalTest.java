package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;
import org.stellaops.warehouse.WarehouseManifest;

/**
 * Warehouse snapshots over days of a growing fleet, against a real PostgreSQL: a later snapshot
 * writes only its own date's partitions and, for the append-only tables, only the rows recorded
 * since; each snapshot keeps the counts the database had when it was taken; a killed run is
 * invisible to the commands that follow and resumes where it stopped; compaction merges small
 * files without changing an answer.
 */
class WarehouseIncrementalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;

  @BeforeAll
  static void corpora() {
    for (int n = 1; n <= 3; n++) {
      CliRun corpus = CliRun.offline("bench", "corpus", "--images", Integer.toString(4 + 2 * n), "--components-per-image", "30",
          "--advisories", Integer.toString(600 + 200 * n), "--seed", Integer.toString(20 + n), "--out", dir.resolve("corpus-" + n).toString());
      assertThat(corpus.exitCode()).as(corpus.err()).isZero();
    }
  }

  private static void grow(String db, int n) {
    for (String kind : List.of("advisories", "sboms")) {
      CliRun ingest = CliRun.run(db, "ingest", kind, dir.resolve("corpus-" + n).resolve(kind).toString());
      assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    }
    assertThat(CliRun.run(db, "reevaluate", "--all").exitCode()).isZero();
  }

  /** What the database holds now, table by table, counted the way the warehouse defines each table. */
  static Map<String, Long> databaseCounts(String db) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("advisories", Sql.count(db, "SELECT count(DISTINCT advisory_id) FROM vuln.advisory_revision"));
    counts.put("affected_packages", Sql.count(db, "SELECT count(*) FROM (SELECT DISTINCT ON (r.advisory_id) r.advisory_id, r.revision"
        + " FROM vuln.advisory_revision r ORDER BY r.advisory_id, r.revision DESC) c JOIN vuln.affected_package a"
        + " ON a.advisory_id = c.advisory_id AND a.revision = c.revision"));
    counts.put("images", Sql.count(db, "SELECT count(*) FROM sbom.image"));
    counts.put("components", Sql.count(db, "SELECT count(*) FROM sbom.image i JOIN sbom.component c ON c.tenant_id = i.tenant_id"
        + " AND c.sbom_sha256 = i.sbom_sha256"));
    counts.put("verdicts", Sql.count(db, "SELECT count(DISTINCT image_digest) FROM policy.verdict"));
    counts.put("findings", Sql.count(db, "SELECT count(*) FROM policy.finding f JOIN (SELECT DISTINCT ON (image_digest) verdict_id"
        + " FROM policy.verdict ORDER BY image_digest, advisory_snapshot_id DESC, verdict_id DESC) c ON c.verdict_id = f.verdict_id"));
    counts.put("image_history", Sql.count(db, "SELECT count(*) FROM sbom.image_history"));
    counts.put("export_deltas", Sql.count(db, "SELECT count(*) FROM vuln.export_delta"));
    counts.put("export_runs", Sql.count(db, "SELECT count(*) FROM export.export_runs"));
    return counts;
  }

  /** The same counts, answered by DuckDB over the warehouse snapshot of {@code date}. */
  static Map<String, Long> warehouseCounts(String db, String warehouse, String date) throws Exception {
    StringBuilder sql = new StringBuilder("SELECT ");
    List<String> tables = List.of("advisories", "affected_packages", "images", "components", "verdicts", "findings", "image_history", "export_deltas",
        "export_runs");
    sql.append(tables.stream().map(t -> "(SELECT count(*) FROM " + t + ") AS " + t).collect(Collectors.joining(", ")));
    CliRun run = CliRun.run(db, "sql", "--warehouse", warehouse, "--snapshot", date, "--format", "json", sql.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode row = JSON.readTree(run.out()).get(0);
    Map<String, Long> counts = new LinkedHashMap<>();
    tables.forEach(t -> counts.put(t, row.path(t).asLong()));
    return counts;
  }

  /** Every Parquet file under the warehouse, by relative path, with its SHA-256 and modification time. */
  static Map<String, String> files(Path warehouse) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(warehouse)) {
      for (Path p : all.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        files.put(warehouse.relativize(p).toString(), org.stellaops.engine.verdict.Digests.sha256Hex(Files.readAllBytes(p)) + "@"
            + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }

  @Test
  void laterSnapshotsWriteOnlyTheirOwnPartitionsAndEverySnapshotKeepsItsCounts() throws Exception {
    String db = TestDatabase.fresh();
    Path root = dir.resolve("incremental");
    String warehouse = root.toString();
    grow(db, 1);
    // A history row whose transaction takes its number before another's but commits after the first snapshot.
    java.sql.Connection lateCommit = java.sql.DriverManager.getConnection(db);
    lateCommit.setAutoCommit(false);
    try (java.sql.Statement s = lateCommit.createStatement()) {
      s.executeUpdate("INSERT INTO sbom.image_history (image_digest, sbom_sha256, job_instance_id) VALUES ('sha256:late', 'late', 0)");
    }
    try (java.sql.Connection other = java.sql.DriverManager.getConnection(db); java.sql.Statement s = other.createStatement()) {
      s.executeUpdate("INSERT INTO sbom.image_history (image_digest, sbom_sha256, job_instance_id) VALUES ('sha256:early', 'early', 0)");
    }
    CliRun first = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-01", "--warehouse", warehouse);
    assertThat(first.exitCode()).as(first.err()).isZero();
    Map<String, Long> atFirst = databaseCounts(db);
    lateCommit.commit();
    lateCommit.close();
    assertThat(warehouseCounts(db, warehouse, "2026-12-01")).isEqualTo(atFirst);
    Map<String, String> filesAtFirst = files(root);
    byte[] firstManifest = Files.readAllBytes(WarehouseManifest.path(root, LocalDate.parse("2026-12-01")));

    grow(db, 2);
    CliRun second = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", warehouse);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("carried from earlier snapshots");
    Map<String, Long> atSecond = databaseCounts(db);
    assertThat(atSecond.get("image_history")).isGreaterThan(atFirst.get("image_history"));
    assertThat(warehouseCounts(db, warehouse, "2026-12-02")).isEqualTo(atSecond);
    assertThat(warehouseCounts(db, warehouse, "2026-12-01")).as("the first snapshot answers as it did").isEqualTo(atFirst);

    // The first date's files are untouched (same bytes, same modification time); every new file is under the second date.
    Map<String, String> filesAtSecond = files(root);
    assertThat(filesAtSecond).containsAllEntriesOf(filesAtFirst);
    assertThat(Files.readAllBytes(WarehouseManifest.path(root, LocalDate.parse("2026-12-01")))).isEqualTo(firstManifest);
    Set<String> added = new java.util.TreeSet<>(filesAtSecond.keySet());
    added.removeAll(filesAtFirst.keySet());
    assertThat(added).isNotEmpty().allMatch(p -> p.contains("snapshot_date=2026-12-02"));
    // The append-only tables hold, under the second date, exactly the rows recorded since the first.
    long historySince = atSecond.get("image_history") - atFirst.get("image_history");
    long deltasSince = atSecond.get("export_deltas") - atFirst.get("export_deltas");
    CliRun own = CliRun.run(db, "sql", "--warehouse", warehouse, "--format", "csv", "SELECT (SELECT count(*) FROM image_history WHERE"
        + " snapshot_date = DATE '2026-12-02') AS h, (SELECT count(*) FROM export_deltas WHERE snapshot_date = DATE '2026-12-02') AS d,"
        + " (SELECT count(*) FROM (SELECT seq FROM image_history GROUP BY seq HAVING count(*) > 1)) AS twice");
    assertThat(own.out()).isEqualTo("h,d,twice\n" + historySince + "," + deltasSince + ",0\n");
    assertThat(CliRun.run(db, "sql", "--warehouse", warehouse, "--format", "csv", "SELECT image_digest, CAST(snapshot_date AS VARCHAR) AS d"
        + " FROM image_history WHERE job_instance_id = 0 ORDER BY seq").out())
        .as("the row that committed late is in the second snapshot, though its number is below the first's last")
        .isEqualTo("image_digest,d\nsha256:late,2026-12-02\nsha256:early,2026-12-01\n");

    // A date before the newest snapshot is refused; both snapshots stay.
    CliRun late = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-11-30", "--warehouse", warehouse);
    assertThat(late.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(late.err()).contains("2026-12-02").contains("date order");

    // The newest date run again after more arrives: its earlier rows stay, the new ones are another (small) file of that date.
    grow(db, 3);
    CliRun again = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", warehouse);
    assertThat(again.exitCode()).as(again.err()).isZero();
    Map<String, Long> atThird = databaseCounts(db);
    assertThat(warehouseCounts(db, warehouse, "2026-12-02")).isEqualTo(atThird);
    assertThat(warehouseCounts(db, warehouse, "2026-12-01")).isEqualTo(atFirst);
    WarehouseManifest rerun = WarehouseManifest.read(root, LocalDate.parse("2026-12-02"));
    long ownHistoryFiles = rerun.tables().get("image_history").files().stream().filter(f -> f.path().contains("2026-12-02")).count();
    assertThat(ownHistoryFiles).isEqualTo(2);

    // Compaction merges them; the answers do not change and no file outside a manifest is left.
    CliRun compact = CliRun.run(db, "warehouse", "compact", "--warehouse", warehouse);
    assertThat(compact.exitCode()).as(compact.err()).isZero();
    assertThat(compact.out()).contains("2026-12-02 image_history: 2 file(s) merged into 1");
    assertThat(warehouseCounts(db, warehouse, "2026-12-02")).isEqualTo(atThird);
    assertThat(warehouseCounts(db, warehouse, "2026-12-01")).isEqualTo(atFirst);
    assertThat(CliRun.run(db, "warehouse", "compact", "--warehouse", warehouse).out()).contains("no partition has small files");
    Set<Path> listed = WarehouseManifest.referenced(root);
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.filter(p -> p.toString().endsWith(".parquet")).map(p -> p.toAbsolutePath().normalize()).toList())
          .containsExactlyInAnyOrderElementsOf(listed);
    }
  }

  @Test
  void aKilledSnapshotIsInvisibleToTheNextCommandAndItsRerunResumesAtTheStepItWasIn() throws Exception {
    String db = TestDatabase.fresh();
    Path root = dir.resolve("killed");
    String warehouse = root.toString();
    grow(db, 1);
    assertThat(CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-01", "--warehouse", warehouse).exitCode()).isZero();
    grow(db, 2);
    Map<String, Long> now = databaseCounts(db);
    // One row per file makes the run slow enough to be killed in its fleet step, after the advisories step committed.
    KillInterleavingsTest.KilledRun.startAndKillWhen(db, dir.resolve("killed.log"), "batch.batch_step_execution",
        "SELECT count(*) > 0 FROM batch.batch_step_execution WHERE step_name = 'warehouseFleet' AND status = 'STARTED'",
        "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", warehouse, "--rows-per-file", "1");
    try (Stream<Path> partial = Files.walk(root.resolve("advisories"))) {
      assertThat(partial.filter(p -> p.toString().contains("snapshot_date=2026-12-02") && p.toString().endsWith(".parquet")).count())
          .as("the killed run had written files").isPositive();
    }
    // A different command meanwhile sees only the first snapshot.
    CliRun list = CliRun.run(db, "warehouse", "list", "--warehouse", warehouse);
    assertThat(list.out()).contains("2026-12-01").doesNotContain("2026-12-02");
    assertThat(CliRun.run(db, "sql", "--warehouse", warehouse, "--format", "csv", "SELECT max(snapshot_date) AS d FROM images").out())
        .isEqualTo("d\n2026-12-01\n");
    assertThat(CliRun.run(db, "sql", "--warehouse", warehouse, "--snapshot", "2026-12-02", "SELECT 1").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);

    CliRun rerun = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", warehouse, "--rows-per-file", "1");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("resuming interrupted run");
    assertThat(warehouseCounts(db, warehouse, "2026-12-02")).isEqualTo(now);
    // The advisories step was not redone: its files are the killed process's, the fleet's the rerun's.
    WarehouseManifest manifest = WarehouseManifest.read(root, LocalDate.parse("2026-12-02"));
    String advisoriesToken = token(manifest.tables().get("advisories").files().get(0).path());
    String fleetToken = token(manifest.tables().get("findings").files().get(0).path());
    assertThat(advisoriesToken).isNotEqualTo(fleetToken);
    assertThat(manifest.tables().get("advisories").files()).allMatch(f -> token(f.path()).equals(advisoriesToken));
    // The killed run's unfinished fleet files are gone: every Parquet file is one a manifest lists.
    Set<Path> listed = WarehouseManifest.referenced(root);
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.filter(p -> p.toString().endsWith(".parquet")).map(p -> p.toAbsolutePath().normalize()).toList())
          .containsExactlyInAnyOrderElementsOf(listed);
    }
    // One row per file is many small files; compaction makes one per table partition, with the same answers.
    long before = manifest.tables().get("findings").files().size();
    assertThat(before).isEqualTo(now.get("findings"));
    CliRun compact = CliRun.run(db, "warehouse", "compact", "--warehouse", warehouse, "--date", "2026-12-02");
    assertThat(compact.exitCode()).as(compact.err()).isZero();
    assertThat(compact.out()).contains("findings: " + before + " file(s) merged into 1");
    assertThat(WarehouseManifest.read(root, LocalDate.parse("2026-12-02")).tables().get("findings").files()).hasSize(1);
    assertThat(warehouseCounts(db, warehouse, "2026-12-02")).isEqualTo(now);
  }

  @Test
  void aKilledSnapshotWhoseFilesWereDeletedMeanwhileWritesThemAgainOnResume() throws Exception {
    String db = TestDatabase.fresh();
    Path root = dir.resolve("emptied");
    String warehouse = root.toString();
    grow(db, 1);
    KillInterleavingsTest.KilledRun.startAndKillWhen(db, dir.resolve("emptied.log"), "batch.batch_step_execution",
        "SELECT count(*) > 0 FROM batch.batch_step_execution WHERE step_name = 'warehouseFleet' AND status = 'STARTED'",
        "warehouse", "snapshot", "--date", "2026-12-05", "--warehouse", warehouse, "--rows-per-file", "1");
    // The operator empties the folder before running the command again.
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThat(root).doesNotExist();
    CliRun rerun = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-05", "--warehouse", warehouse, "--rows-per-file", "1");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("resuming interrupted run");
    assertThat(warehouseCounts(db, warehouse, "2026-12-05")).isEqualTo(databaseCounts(db));
  }

  @Test
  void aWarehouseWrittenBeforePositionsWereRecordedIsContinuedWithoutRowsTwice() throws Exception {
    String db = TestDatabase.fresh();
    Path root = dir.resolve("older");
    String warehouse = root.toString();
    assertThat(CliRun.run(db, "demo").exitCode()).isZero();
    assertThat(CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-01", "--warehouse", warehouse).exitCode()).isZero();
    // The first version of the warehouse recorded only the advisory snapshot in a manifest's source.
    Path manifest = WarehouseManifest.path(root, LocalDate.parse("2026-12-01"));
    com.fasterxml.jackson.databind.node.ObjectNode older = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(manifest.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) older.path("source")).retain("advisorySnapshot");
    Files.writeString(manifest, older.toPrettyString());
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(db); java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO sbom.image_history (image_digest, sbom_sha256, job_instance_id) VALUES ('sha256:later', 'x', 0)");
    }
    CliRun next = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", warehouse);
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(warehouseCounts(db, warehouse, "2026-12-02")).isEqualTo(databaseCounts(db));
    assertThat(CliRun.run(db, "sql", "--warehouse", warehouse, "--format", "csv", "SELECT count(*) AS n FROM image_history"
        + " WHERE snapshot_date = DATE '2026-12-02'").out()).isEqualTo("n\n1\n");
  }

  /** The writer token in a part file's name: part-TOKEN-NNNNN.parquet. */
  private static String token(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.substring("part-".length(), name.lastIndexOf('-'));
  }
}
