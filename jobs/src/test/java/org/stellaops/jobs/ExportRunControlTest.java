package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * {@code stella export run cancel} and {@code run status [--wait]} against a real export in a
 * child process: a cancelled run stops, leaves nothing at its output, and is recorded as failed
 * with error class {@code cancelled}; status reports each state with the exit code a scheduler
 * needs.
 */
class ExportRunControlTest {
  @Test
  void aRunningExportIsCancelledCleanlyAndStatusReportsEachState(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    Path corpus = new org.stellaops.connectors.bench.CorpusGenerator().generate(new org.stellaops.connectors.bench.CorpusSpec(1, 5, 40_000, 3),
        root.resolve("corpus"), org.stellaops.connectors.bench.ProgressListener.none()).advisoryDirectory();
    assertThat(CliRun.run(db, "ingest", "advisories", corpus.toString()).exitCode()).isZero();
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString()).exitCode()).isZero();
    String key = root.resolve("keys/stella-export.key").toString();

    Path out = root.resolve("mirror");
    Process export = StellaProcess.start(db, root.resolve("export.log"), "export", "run", "create", "--profile", "mirror:full",
        "--out", out.toString(), "--key", key, "--shard-records", "500");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!MirrorExportTest.staged(root, ".mirror.partial-")) {
      assertThat(export.isAlive()).as("the export ended before it was cancelled: " + Files.readString(root.resolve("export.log"))).isTrue();
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
    CliRun running = CliRun.run(db, "export", "run", "status", "1");
    assertThat(running.exitCode()).isZero();
    assertThat(running.out()).contains("run 1 mirror:full running snapshot 1");

    CliRun cancel = CliRun.run(db, "export", "run", "cancel", "1");
    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    assertThat(cancel.out()).contains("cancel requested");
    assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(export.exitValue()).isEqualTo(ExitCodes.EXPORT);
    assertThat(Files.readString(root.resolve("export.log"))).contains("was cancelled");
    assertThat(out).doesNotExist();
    assertThat(MirrorExportTest.staged(root, ".mirror.partial-")).isFalse();

    CliRun status = CliRun.run(db, "export", "run", "status", "1", "--wait");
    assertThat(status.exitCode()).isEqualTo(ExitCodes.EXPORT);
    assertThat(status.out()).contains("run 1 mirror:full failed").contains("cancelled:");
    CliRun again = CliRun.run(db, "export", "run", "cancel", "1");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("has already finished");
    assertThat(CliRun.run(db, "export", "run", "status", "99").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

    assertThat(CliRun.run(db, "export", "run", "create", "--profile", "json:raw", "--out", root.resolve("raw").toString(), "--key", key)
        .exitCode()).isZero();
    CliRun done = CliRun.run(db, "export", "run", "status", "2", "--wait");
    assertThat(done.exitCode()).isZero();
    assertThat(done.out()).contains("run 2 json:raw succeeded snapshot 1").contains("export id sha256:");
    assertThat(CliRun.run(db, "export", "metrics").out()).contains("export_failures_total{error_class=\"cancelled\",profile=\"mirror:full\"} 1.0");
  }
}
