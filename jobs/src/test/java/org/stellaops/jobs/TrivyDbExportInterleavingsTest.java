package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.exports.bolt.BoltReader;

/**
 * Trivy DB exports as operators run them: kill -9 mid-export, then a different command, then the
 * rerun; two exports into one folder at once.
 */
class TrivyDbExportInterleavingsTest {
  private static final List<String> FILES = List.of("trivy.db", "metadata.json", "db.tar.gz");

  @TempDir
  static Path dir;
  static Path corpus;

  @BeforeAll
  static void corpus() throws Exception {
    corpus = new org.stellaops.connectors.bench.CorpusGenerator().generate(
        new org.stellaops.connectors.bench.CorpusSpec(1, 5, 60_000, 17), dir.resolve("corpus"),
        org.stellaops.connectors.bench.ProgressListener.none()).advisoryDirectory();
  }

  private static boolean staging(Path out) throws Exception {
    try (Stream<Path> entries = Files.list(out)) {
      return entries.anyMatch(p -> p.getFileName().toString().startsWith(".trivy-db-partial-"));
    }
  }

  @Test
  void aKilledExportLeavesThePreviousFilesWholeIsRecordedAsInterruptedAndTheRerunCompletes() throws Exception {
    String db = TestDatabase.fresh();
    assertThat(CliRun.run(db, "ingest", "advisories", corpus.toString()).exitCode()).isZero();
    Path out = dir.resolve("killed");
    assertThat(CliRun.run(db, "export", "trivy-db", "--out", out.toString()).exitCode()).isZero();
    byte[][] before = new byte[FILES.size()][];
    for (int i = 0; i < FILES.size(); i++) {
      before[i] = Files.readAllBytes(out.resolve(FILES.get(i)));
    }
    Path newer = Files.createDirectories(dir.resolve("newer"));
    Files.writeString(newer.resolve("DSA-9.json"), TrivyDbExportTest.debian("DSA-9", "zlib", "1:1.2.13.dfsg-1+deb12u1"));
    assertThat(CliRun.run(db, "ingest", "advisories", newer.toString()).exitCode()).isZero();

    Process export = StellaProcess.start(db, dir.resolve("killed.log"), "export", "trivy-db", "--out", out.toString());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!staging(out)) { // the export is writing
      assertThat(export.isAlive()).as("the export ended before it was killed: " + Files.readString(dir.resolve("killed.log"))).isTrue();
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
    export.destroyForcibly(); // SIGKILL
    assertThat(export.waitFor(30, TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < FILES.size(); i++) {
      assertThat(Files.readAllBytes(out.resolve(FILES.get(i)))).as(FILES.get(i) + " is still the previous export").isEqualTo(before[i]);
    }
    assertThat(BoltReader.open(out.resolve("trivy.db")).check()).isEmpty();
    assertThat(Sql.scalar(db, "SELECT status FROM export.export_runs WHERE run_id = 2")).isEqualTo("running");

    // A different command first: listing the runs finds the dead one and says so.
    CliRun runs = CliRun.run(db, "export", "runs");
    assertThat(runs.err()).contains("export run 2 was interrupted before it finished");
    assertThat(runs.out()).containsPattern("\\s2\\s+trivy:db\\s+failed\\s").contains("interrupted: the process ended");

    CliRun rerun = CliRun.run(db, "export", "trivy-db", "--out", out.toString());
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.out()).contains("export run 3 (trivy:db) of advisory snapshot 2");
    assertThat(staging(out)).as("the killed run's staging folder is gone").isFalse();
    assertThat(BoltReader.open(out.resolve("trivy.db")).root().bucket("debian 12")).isPresent();
    Path clean = dir.resolve("clean");
    assertThat(CliRun.run(db, "export", "trivy-db", "--out", clean.toString()).exitCode()).isZero();
    for (String file : FILES) {
      assertThat(Files.readAllBytes(out.resolve(file))).as(file).isEqualTo(Files.readAllBytes(clean.resolve(file)));
    }
  }

  @Test
  void twoExportsIntoOneFolderAtOnceBothSucceedWithTheSameFiles() throws Exception {
    String db = TestDatabase.fresh();
    assertThat(CliRun.run(db, "ingest", "advisories", corpus.toString()).exitCode()).isZero();
    Path out = dir.resolve("shared-out");
    Process first = StellaProcess.start(db, dir.resolve("first.log"), "export", "trivy-db", "--out", out.toString());
    Process second = StellaProcess.start(db, dir.resolve("second.log"), "export", "trivy-db", "--out", out.toString());
    assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.log"))).isZero();
    assertThat(Sql.scalar(db, "SELECT string_agg(status, ',') FROM export.export_runs")).isEqualTo("succeeded,succeeded");
    assertThat(staging(out)).isFalse();
    Path reference = dir.resolve("reference");
    assertThat(CliRun.run(db, "export", "trivy-db", "--out", reference.toString()).exitCode()).isZero();
    for (String file : FILES) {
      assertThat(Files.readAllBytes(out.resolve(file))).as(file).isEqualTo(Files.readAllBytes(reference.resolve(file)));
    }
  }
}
