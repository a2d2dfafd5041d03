package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * {@code stella warehouse snapshot} and {@code stella sql} on the demo fleet against a real
 * PostgreSQL: the warehouse's row counts equal the database's, and DuckDB answers questions over
 * it; wrong SQL names what is wrong.
 */
class WarehouseSnapshotTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSnapshotHoldsWhatTheDatabaseHoldsAndSqlAnswersOverIt(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    assertThat(CliRun.run(db, "demo").exitCode()).isZero();
    String warehouse = root.resolve("warehouse").toString();
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "export", "run", "create", "--profile", "json:raw", "--out", root.resolve("raw").toString(), "--key",
        root.resolve("keys/stella-export.key").toString()).exitCode()).isZero();
    CliRun snapshot = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-01", "--warehouse", warehouse);
    assertThat(snapshot.exitCode()).as(snapshot.err()).isZero();
    assertThat(snapshot.out()).contains("warehouse snapshot 2026-12-01");

    long advisories = Sql.count(db, "SELECT count(DISTINCT advisory_id) FROM vuln.advisory_revision");
    long affected = Sql.count(db, "SELECT count(*) FROM (SELECT DISTINCT ON (r.advisory_id) r.advisory_id, r.revision"
        + " FROM vuln.advisory_revision r ORDER BY r.advisory_id, r.revision DESC) c JOIN vuln.affected_package a"
        + " ON a.advisory_id = c.advisory_id AND a.revision = c.revision");
    long images = Sql.count(db, "SELECT count(*) FROM sbom.image");
    long findings = Sql.count(db, "SELECT count(*) FROM policy.finding f JOIN (SELECT DISTINCT ON (image_digest) verdict_id"
        + " FROM policy.verdict ORDER BY image_digest, advisory_snapshot_id DESC, verdict_id DESC) c ON c.verdict_id = f.verdict_id");
    assertThat(findings).isPositive();
    JsonNode counts = JSON.readTree(CliRun.run(db, "sql", "--warehouse", warehouse, "--format", "json",
        "SELECT (SELECT count(*) FROM advisories) AS advisories, (SELECT count(*) FROM affected_packages) AS affected,"
            + " (SELECT count(*) FROM images) AS images, (SELECT count(*) FROM verdicts) AS verdicts,"
            + " (SELECT count(*) FROM findings) AS findings, (SELECT count(*) FROM image_history) AS history,"
            + " (SELECT count(*) FROM export_deltas) AS deltas, (SELECT count(*) FROM export_runs WHERE status = 'succeeded'"
            + " AND export_id LIKE 'sha256:%') AS runs").out()).get(0);
    assertThat(counts.path("advisories").asLong()).isEqualTo(advisories);
    assertThat(counts.path("affected").asLong()).isEqualTo(affected);
    assertThat(counts.path("images").asLong()).isEqualTo(images);
    assertThat(counts.path("verdicts").asLong()).isEqualTo(3);
    assertThat(counts.path("findings").asLong()).isEqualTo(findings);
    assertThat(counts.path("history").asLong()).isEqualTo(Sql.count(db, "SELECT count(*) FROM sbom.image_history")).isPositive();
    assertThat(counts.path("deltas").asLong()).isEqualTo(Sql.count(db, "SELECT count(*) FROM vuln.export_delta")).isPositive();
    assertThat(counts.path("runs").asLong()).isEqualTo(1);

    CliRun byVerdict = CliRun.run(db, "sql", "--warehouse", warehouse, "--format", "csv",
        "SELECT verdict, count(*) AS images FROM verdicts GROUP BY verdict ORDER BY verdict");
    assertThat(byVerdict.out()).isEqualTo("verdict,images\nFAIL,3\n");
    // The documented question: which upgrades remove the most affected findings.
    CliRun upgrades = CliRun.run(db, "sql", "--warehouse", warehouse, "SELECT package_name, fixed_version, count(*) AS findings"
        + " FROM findings WHERE status = 'affected' AND fixed_version IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 10");
    assertThat(upgrades.exitCode()).as(upgrades.err()).isZero();
    assertThat(upgrades.out()).contains("log4j-core").contains("2.15.0");

    CliRun wrong = CliRun.run(db, "sql", "--warehouse", warehouse, "SELECT verdikt FROM verdicts");
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("verdikt");
    assertThat(CliRun.run(db, "sql", "--warehouse", warehouse, "--snapshot", "2020-01-01", "SELECT 1").exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(CliRun.run(db, "warehouse", "list", "--warehouse", warehouse).out()).contains("2026-12-01").contains("verdicts 3");

    // A snapshot while another snapshot or a compaction runs against the database is refused (exit 9); the published one stays.
    try (java.sql.Connection other = java.sql.DriverManager.getConnection(db); java.sql.Statement s = other.createStatement()) {
      s.execute("SELECT pg_advisory_lock(hashtext('stella-job:warehouseSnapshot'))");
      CliRun busy = CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", warehouse);
      assertThat(busy.exitCode()).isEqualTo(ExitCodes.BUSY);
      assertThat(busy.err()).contains("already running");
      assertThat(CliRun.run(db, "warehouse", "compact", "--warehouse", warehouse).exitCode()).isEqualTo(ExitCodes.BUSY);
    }
    assertThat(CliRun.run(db, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", warehouse).exitCode()).isZero();
    assertThat(CliRun.run(db, "sql", "--warehouse", warehouse, "--snapshot", "2026-12-01", "--format", "csv",
        "SELECT count(*) AS n FROM verdicts").out()).isEqualTo("n\n3\n");
  }
}
