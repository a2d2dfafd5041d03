package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stella export metrics} against a real PostgreSQL: the Prometheus text shows what the
 * runs recorded (records, bytes, durations per profile), failures by error class (an interrupted
 * run), and mirror imports and refusals; {@code --out} writes the same text to a file.
 */
class ExportMetricsTest {
  @Test
  void metricsCountWhatTheRunsAndImportsRecorded(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    ExportProfilesTest.feed(root.resolve("feed"), "GHSA-x1", "one");
    ExportProfilesTest.feed(root.resolve("feed"), "GHSA-x2", "two");
    ExportProfilesTest.feed(root.resolve("feed"), "GHSA-x3", "three");
    assertThat(CliRun.run(db, "ingest", "advisories", root.resolve("feed").toString()).exitCode()).isZero();
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString()).exitCode()).isZero();
    String key = root.resolve("keys/stella-export.key").toString();

    // A run whose process is gone (no lock held): the next export command records it as interrupted.
    try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
      s.execute("INSERT INTO export.export_runs (profile, status, snapshot, parameters) VALUES ('mirror:full', 'running', 1, '{}')");
    }
    CliRun full = CliRun.run(db, "export", "run", "create", "--profile", "mirror:full", "--key", key, "--out", root.resolve("full").toString());
    assertThat(full.exitCode()).as(full.err()).isZero();
    assertThat(full.err()).contains("export run 1 was interrupted");
    assertThat(CliRun.run(db, "export", "run", "create", "--profile", "json:raw", "--key", key, "--out", root.resolve("raw").toString())
        .exitCode()).isZero();
    long fullBytes;
    try (var files = Files.walk(root.resolve("full"))) {
      fullBytes = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".jsonl.zst") || f.endsWith("README.md"))
          .mapToLong(f -> f.toFile().length()).sum();
    }

    // One bundle imported, one refused (a changed byte).
    assertThat(CliRun.run(db, "mirror", "import", root.resolve("full").toString(), "--key", root.resolve("keys/stella-export.pub").toString())
        .exitCode()).isZero();
    MirrorExportTest.copy(root.resolve("full"), root.resolve("bad"));
    Files.writeString(root.resolve("bad/README.md"), "changed");
    assertThat(CliRun.run(db, "mirror", "import", root.resolve("bad").toString(), "--replace").exitCode()).isEqualTo(6);

    CliRun metrics = CliRun.run(db, "export", "metrics");
    assertThat(metrics.exitCode()).as(metrics.err()).isZero();
    String text = metrics.out();
    assertThat(text).contains("export_runs_total{profile=\"mirror:full\",status=\"succeeded\"} 1.0")
        .contains("export_runs_total{profile=\"mirror:full\",status=\"failed\"} 1.0")
        .contains("export_runs_total{profile=\"json:raw\",status=\"succeeded\"} 1.0")
        .contains("export_failures_total{error_class=\"interrupted\",profile=\"mirror:full\"} 1.0")
        .contains("export_records_total{profile=\"mirror:full\"} 3.0")
        .contains("export_records_total{profile=\"json:raw\"} 3.0")
        .contains("export_bytes_total{profile=\"mirror:full\"} " + fullBytes + ".0")
        .contains("export_duration_seconds_count{profile=\"json:raw\"} 1")
        .contains("export_verify_fail_total 1.0")
        .contains("mirror_imports_total{profile=\"mirror:full\"} 1.0")
        .contains("mirror_advisories 3.0");
    assertThat(CliRun.run(db, "export", "run", "get", "1").out()).contains("\"errorClass\" : \"interrupted\"");

    Path file = root.resolve("textfile/stella_export.prom");
    assertThat(CliRun.run(db, "export", "metrics", "--out", file.toString()).exitCode()).isZero();
    assertThat(Files.readString(file)).contains("export_verify_fail_total 1.0");
  }
}
