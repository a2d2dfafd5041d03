package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.ProgressListener;

/**
 * The interleavings operators produce: kill -9 an ingest, run a different ingest, then the
 * first command again; or kill it and change the input file at the same path before the rerun.
 * Each ends with exactly what uninterrupted runs give: the same visible advisories and the same
 * verdict digests.
 */
class KillInterleavingsTest {
  /** Visible advisories as of the newest snapshot number, in a form independent of internal ids. */
  static final String VISIBLE = "SELECT count(*) || ':' || md5(string_agg(advisory_id || ':' || content_sha256, '|'"
      + " ORDER BY advisory_id)) FROM (SELECT DISTINCT ON (r.advisory_id) r.advisory_id, r.content_sha256"
      + " FROM vuln.advisory_revision r JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id"
      + " AND s.seal_seq <= (SELECT max(seal_seq) FROM vuln.snapshot) ORDER BY r.advisory_id, s.seal_seq DESC, r.revision DESC) v";
  static final String VERDICTS = "SELECT string_agg(image_digest || '=' || verdict_digest || '@' || advisory_snapshot_id, ','"
      + " ORDER BY image_digest, verdict_id) FROM policy.verdict";

  @TempDir static Path dir;
  static Path big;
  static Path small;
  static Path sboms;

  @BeforeAll
  static void corpus() throws IOException {
    Path root = new CorpusGenerator().generate(new CorpusSpec(6, 40, 20_000, 7), dir.resolve("corpus"),
        ProgressListener.none()).advisoryDirectory().getParent();
    List<Path> zips;
    try (Stream<Path> files = Files.list(root.resolve("advisories"))) {
      zips = files.sorted(Comparator.comparingLong(KillInterleavingsTest::size).reversed()).toList();
    }
    big = zips.get(0);
    small = zips.get(zips.size() - 1);
    sboms = root.resolve("sboms");
  }

  @Test
  void killThenAnotherIngestThenRerunEndsAsUninterruptedRuns() throws Exception {
    String killed = TestDatabase.fresh();
    assertThat(CliRun.run(killed, "ingest", "sboms", sboms.toString()).exitCode()).isZero();
    KilledRun.startAndKill(killed, dir.resolve("first.log"), "ingest", "advisories", big.toString());

    CliRun other = CliRun.run(killed, "ingest", "advisories", small.toString());
    assertThat(other.exitCode()).as(other.err()).isZero();
    assertThat(other.out()).contains("snapshot 1;");
    assertThat(CliRun.run(killed, "reevaluate", "--all").exitCode()).isZero();
    String verdictsAtOne = Sql.scalar(killed, VERDICTS);

    CliRun rerun = CliRun.run(killed, "ingest", "advisories", big.toString());
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("resuming interrupted run ");
    assertThat(rerun.out()).contains("snapshot 2;");
    assertThat(Sql.count(killed, "SELECT count(*) FROM vuln.snapshot WHERE NOT sealed")).isZero();

    // Replay: snapshot 1 still shows exactly what it showed before the resumed run sealed.
    assertThat(CliRun.run(killed, "reevaluate", "--all", "--snapshot", "1").exitCode()).isZero();
    assertThat(Sql.scalar(killed, VERDICTS)).as("no new verdict as of snapshot 1").isEqualTo(verdictsAtOne);
    assertThat(CliRun.run(killed, "reevaluate", "--all").exitCode()).isZero();

    String clean = TestDatabase.fresh();
    assertThat(CliRun.run(clean, "ingest", "sboms", sboms.toString()).exitCode()).isZero();
    assertThat(CliRun.run(clean, "ingest", "advisories", small.toString()).exitCode()).isZero();
    assertThat(CliRun.run(clean, "reevaluate", "--all").exitCode()).isZero();
    assertThat(CliRun.run(clean, "ingest", "advisories", big.toString()).exitCode()).isZero();
    assertThat(CliRun.run(clean, "reevaluate", "--all").exitCode()).isZero();

    assertThat(Sql.scalar(killed, VISIBLE)).isEqualTo(Sql.scalar(clean, VISIBLE));
    assertThat(Sql.scalar(killed, VERDICTS)).isEqualTo(Sql.scalar(clean, VERDICTS));
    assertThat(Sql.scalar(killed, "SELECT string_agg(product_key || advisory_id || change, '|' ORDER BY product_key, advisory_id, change) FROM"
        + " vuln.export_delta d JOIN vuln.snapshot s USING (snapshot_id) WHERE s.seal_seq = 2"))
        .isEqualTo(Sql.scalar(clean, "SELECT string_agg(product_key || advisory_id || change, '|' ORDER BY product_key, advisory_id, change) FROM"
            + " vuln.export_delta d JOIN vuln.snapshot s USING (snapshot_id) WHERE s.seal_seq = 2"));
  }

  @Test
  void killThenAnOverlappingIngestThenRerunEndsAsTheRunsInSealOrder() throws Exception {
    Path other = dir.resolve("overlap");
    int revised = reviseSomeOf(big, other, 400);
    String killed = TestDatabase.fresh();
    assertThat(CliRun.run(killed, "ingest", "sboms", sboms.toString()).exitCode()).isZero();
    KilledRun.startAndKill(killed, dir.resolve("overlap.log"), "ingest", "advisories", big.toString());
    long writtenBeforeTheKill = Sql.count(killed, "SELECT count(*) FROM vuln.advisory_revision");
    assertThat(CliRun.run(killed, "ingest", "advisories", other.toString()).exitCode()).isZero();
    assertThat(CliRun.run(killed, "reevaluate", "--all").exitCode()).isZero();
    CliRun rerun = CliRun.run(killed, "ingest", "advisories", big.toString());
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("resuming interrupted run ");
    assertThat(CliRun.run(killed, "reevaluate", "--all").exitCode()).isZero();

    // Without the kill, in the order the runs completed: the overlapping ingest, then the big one.
    String clean = TestDatabase.fresh();
    assertThat(CliRun.run(clean, "ingest", "sboms", sboms.toString()).exitCode()).isZero();
    assertThat(CliRun.run(clean, "ingest", "advisories", other.toString()).exitCode()).isZero();
    assertThat(CliRun.run(clean, "reevaluate", "--all").exitCode()).isZero();
    assertThat(CliRun.run(clean, "ingest", "advisories", big.toString()).exitCode()).isZero();
    assertThat(CliRun.run(clean, "reevaluate", "--all").exitCode()).isZero();

    assertThat(writtenBeforeTheKill).as("the kill came after some revisions of the big run").isPositive();
    assertThat(Sql.scalar(killed, VISIBLE)).isEqualTo(Sql.scalar(clean, VISIBLE));
    for (long snapshot : new long[] {1, 2}) {
      assertThat(visibleAsOf(killed, snapshot)).as("what re-evaluation reads as of snapshot %d", snapshot)
          .isEqualTo(visibleAsOf(clean, snapshot));
    }
    assertThat(Sql.scalar(killed, VERDICTS)).isEqualTo(Sql.scalar(clean, VERDICTS));
    String deltas = "SELECT string_agg(product_key || ' ' || advisory_id || ' ' || change, chr(10) ORDER BY product_key, advisory_id, change)"
        + " FROM vuln.export_delta d JOIN vuln.snapshot s USING (snapshot_id) WHERE s.seal_seq = 2";
    assertThat(Sql.scalar(killed, deltas).lines().toList()).as("deltas of snapshot 2")
        .containsExactlyInAnyOrderElementsOf(Sql.scalar(clean, deltas).lines().toList());
    assertThat(Sql.count(clean, "SELECT count(*) FROM vuln.export_delta d JOIN vuln.snapshot s USING (snapshot_id)"
        + " WHERE s.seal_seq = 2 AND change = 'changed'")).as("the revised advisories changed again").isGreaterThanOrEqualTo(revised);
  }

  /** A digest of every advisory re-evaluation reads as of {@code snapshot}, through the application's own store. */
  static String visibleAsOf(String db, long snapshot) throws Exception {
    try (org.stellaops.jobs.runtime.StellaContext context = org.stellaops.jobs.runtime.StellaContext.open(
        org.stellaops.jobs.runtime.DatabaseSettings.external(db, null, null))) {
      StringBuilder all = new StringBuilder();
      context.bean(org.stellaops.connectors.store.AdvisoryStore.class).asOf(snapshot)
          .forEach(a -> all.append(org.stellaops.connectors.canonical.AdvisoryJson.write(a)).append('\n'));
      return org.stellaops.engine.verdict.Digests.sha256Hex(all.toString());
    }
  }

  /** Writes {@code count} advisories of {@code zip} into {@code out}, each with one more alias (a change evaluation sees). */
  private static int reviseSomeOf(Path zip, Path out, int count) throws IOException {
    Files.createDirectories(out);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    int written = 0;
    try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null && written < count; entry = entries.getNextEntry()) {
        com.fasterxml.jackson.databind.node.ObjectNode record =
            (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(entries.readAllBytes());
        record.withArray("aliases").add("STELLA-REVISED-" + written);
        Files.write(out.resolve(String.format("revised-%04d.json", written)), json.writeValueAsBytes(record));
        written++;
      }
    }
    return written;
  }

  @Test
  void changedInputAtTheSamePathStartsANewRunThatStoresEverything() throws Exception {
    Path input = dir.resolve("changing").resolve("feed.zip");
    Files.createDirectories(input.getParent());
    Files.copy(big, input, StandardCopyOption.REPLACE_EXISTING);
    String killed = TestDatabase.fresh();
    KilledRun.startAndKill(killed, dir.resolve("changing.log"), "ingest", "advisories", input.toString());

    // Re-downloaded: the same documents plus one more, at the same path.
    appendDocument(big, input, "extra/EXTRA-1.json", BadInputTest.osv("EXTRA-1", "left-pad", "1.3.0"));
    CliRun rerun = CliRun.run(killed, "ingest", "advisories", input.toString());
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("the inputs changed since interrupted run 1", "starting a new run");
    assertThat(Sql.scalar(killed, "SELECT status FROM batch.batch_job_execution WHERE job_instance_id = 1"
        + " ORDER BY job_execution_id DESC LIMIT 1")).isEqualTo("ABANDONED");

    String clean = TestDatabase.fresh();
    assertThat(CliRun.run(clean, "ingest", "advisories", input.toString()).exitCode()).isZero();
    assertThat(Sql.scalar(killed, VISIBLE)).isEqualTo(Sql.scalar(clean, VISIBLE)).startsWith(countOf(clean) + ":");
    assertThat(Sql.count(killed, "SELECT count(*) FROM vuln.advisory_revision WHERE advisory_id = 'EXTRA-1'")).isEqualTo(1);
  }

  private static long countOf(String db) {
    return Sql.count(db, "SELECT count(DISTINCT advisory_id) FROM vuln.advisory_revision");
  }

  private static void appendDocument(Path from, Path to, String name, String json) throws IOException {
    Path temporary = to.resolveSibling("download.tmp");
    try (InputStream in = Files.newInputStream(from); ZipInputStream zipIn = new ZipInputStream(in);
        OutputStream out = Files.newOutputStream(temporary); ZipOutputStream zipOut = new ZipOutputStream(out)) {
      for (ZipEntry entry = zipIn.getNextEntry(); entry != null; entry = zipIn.getNextEntry()) {
        zipOut.putNextEntry(new ZipEntry(entry.getName()));
        zipIn.transferTo(zipOut);
      }
      zipOut.putNextEntry(new ZipEntry(name));
      zipOut.write(json.getBytes(StandardCharsets.UTF_8));
    }
    Files.move(temporary, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Starts the CLI in a child JVM and kills it with SIGKILL once some advisory revisions are committed. */
  static final class KilledRun {
    private KilledRun() {}

    static void startAndKill(String db, Path log, String... args) throws Exception {
      startAndKillWhen(db, log, "vuln.advisory_revision", "SELECT count(*) >= 200 FROM vuln.advisory_revision", args);
      assertThat(Sql.count(db, "SELECT count(*) FROM vuln.snapshot WHERE sealed")).as("killed before sealing").isZero();
    }

    /** Kills the child once {@code table} exists and {@code condition} (a boolean query) holds. */
    static void startAndKillWhen(String db, Path log, String table, String condition, String... args) throws Exception {
      Process child = StellaProcess.start(db, log, args);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline) {
        assertThat(child.isAlive()).as("the ingest finished or died before it could be killed: %s", log).isTrue();
        boolean ready = "t".equals(Sql.scalar(db, "SELECT (to_regclass('" + table + "') IS NOT NULL)::text").substring(0, 1));
        if (ready && "t".equals(Sql.scalar(db, condition).substring(0, 1))) {
          child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          return;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("'" + condition + "' did not hold within 3 minutes");
    }
  }
}
