package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * Documents the database refuses are rejected one by one with the database's reason, while the
 * rest of their chunk and of the input is stored; retriable failures are retried, never recorded
 * as bad input.
 */
class PoisonIsolationTest {

  static String cycloneDx(String componentName) {
    return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":[{\"type\":\"library\","
        + "\"name\":\"" + componentName + "\",\"version\":\"4.17.15\",\"purl\":\"pkg:npm/lodash@4.17.15\"}]}";
  }

  @Test
  void advisoryWithNulIsRejectedAndItsChunkStored(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    for (int i = 1; i <= 30; i++) {
      Files.writeString(dir.resolve(String.format("ok-%02d.json", i)), BadInputTest.osv("OK-" + i, "pkg-" + i, "1.0." + i));
    }
    String poisoned = BadInputTest.osv("NUL-1", "left-pad", "1.3.0").replace("\"modified\"", "\"summary\":\"bad \\u0000 byte\",\"modified\"");
    Files.writeString(dir.resolve("ok-15b-nul.json"), poisoned);
    // A second one in the same chunk, and the very last document of the run.
    Files.writeString(dir.resolve("zz-last-nul.json"), poisoned.replace("NUL-1", "NUL-2"));

    CliRun run = CliRun.run(db, "ingest", "advisories", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(run.out()).contains("30 new revision(s)", "2 rejected", "snapshot 1;");
    assertThat(run.err()).contains("rejected (refused by the database): " + dir.resolve("zz-last-nul.json"));
    assertThat(run.err()).contains("rejected (refused by the database): " + dir.resolve("ok-15b-nul.json"))
        .contains("\\u0000 cannot be converted to text").contains("SQLSTATE 22P05");
    assertThat(Sql.scalar(db, "SELECT string_agg(DISTINCT kind, ',') FROM audit.ingest_error")).isEqualTo("refused");
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision r JOIN vuln.snapshot s USING (snapshot_id)"
        + " WHERE s.sealed")).isEqualTo(30);

    CliRun again = CliRun.run(db, "ingest", "advisories", dir.toString());
    assertThat(again.exitCode()).as("the rerun rejects the same document and stores nothing new").isEqualTo(ExitCodes.PARTIAL);
    assertThat(again.out()).contains("0 new revision(s)", "2 rejected");
  }

  @Test
  void sbomWithNulInAComponentIsRejectedAndTheOthersStored(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Files.writeString(dir.resolve("a.cdx.json"), cycloneDx("lodash"));
    Files.writeString(dir.resolve("b.cdx.json"), cycloneDx("lo\\u0000dash"));
    Files.writeString(dir.resolve("c.cdx.json"), cycloneDx("lodash-es"));

    CliRun run = CliRun.run(db, "ingest", "sboms", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(run.err()).contains("rejected (refused by the database): " + dir.resolve("b.cdx.json"))
        .contains("SQLSTATE 22");
    assertThat(Sql.count(db, "SELECT count(*) FROM sbom.document")).isEqualTo(2);
    assertThat(Sql.scalar(db, "SELECT string_agg(name, ',' ORDER BY name) FROM sbom.component")).isEqualTo("lodash,lodash-es");
    assertThat(Sql.count(db, "SELECT count(*) FROM sbom.image")).isEqualTo(2);
  }

  @Test
  void lockTimeoutInAChunkIsRetriedNotRejected(@TempDir Path dir) throws Exception {
    String db = runWhileLocked(dir, "vuln.affected_package");
    assertThat(Sql.count(db, "SELECT sum(rollback_count) FROM batch.batch_step_execution")).as("the chunk was retried").isPositive();
  }

  @Test
  void lockTimeoutWhileSealingIsRetried(@TempDir Path dir) throws Exception {
    String db = runWhileLocked(dir, "vuln.export_delta");
    assertThat(Sql.scalar(db, "SELECT string_agg(product_key || ':' || change, ',') FROM vuln.export_delta d"
        + " JOIN vuln.snapshot s USING (snapshot_id) WHERE s.seal_seq = 2")).isEqualTo("npm/lodash:added");
  }

  /** Ingests a second document while another session holds {@code table} locked for 1.5 s (lock_timeout 150 ms). */
  private static String runWhileLocked(Path dir, String table) throws Exception {
    String db = TestDatabase.fresh();
    Files.writeString(dir.resolve("first.json"), BadInputTest.osv("LOCK-0", "left-pad", "1.3.0"));
    assertThat(CliRun.run(db, "ingest", "advisories", dir.toString()).exitCode()).isZero();
    Files.writeString(dir.resolve("second.json"), BadInputTest.osv("LOCK-1", "lodash", "4.17.21"));
    String database = Sql.scalar(db, "SELECT current_database()");
    try (Connection admin = DriverManager.getConnection(db); Statement s = admin.createStatement()) {
      s.execute("ALTER DATABASE " + database + " SET lock_timeout = '150ms'");
    }
    CompletableFuture<CliRun> run;
    try (Connection holder = DriverManager.getConnection(db); Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
      run = CompletableFuture.supplyAsync(() -> CliRun.run(db, "ingest", "advisories", dir.toString()));
      Thread.sleep(1_500);
      holder.commit();
    }
    CliRun result = run.get(2, TimeUnit.MINUTES);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("snapshot 2;");
    assertThat(Sql.count(db, "SELECT count(*) FROM audit.ingest_error")).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision WHERE advisory_id = 'LOCK-1'")).isEqualTo(1);
    return db;
  }
}
