package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.ProgressListener;

/**
 * Kill -9 the CLI in the middle of an ingest, run the same command again, and compare every
 * stored row with an uninterrupted run into another database.
 */
class KillAndRerunTest {
  private static final int ADVISORIES = 12_000;

  /** Order-independent fingerprints of every table an ingest writes (timestamps and run ids left out). */
  private static final List<String> FINGERPRINTS = List.of(
      "SELECT count(*) || ':' || md5(string_agg(sha256 || path || size_bytes || md5(content), '|' ORDER BY sha256)) FROM vuln.raw_document",
      "SELECT count(*) || ':' || md5(string_agg(advisory_id || revision || snapshot_id || raw_sha256 || content_sha256 || document::text,"
          + " '|' ORDER BY advisory_id, revision)) FROM vuln.advisory_revision",
      "SELECT count(*) || ':' || md5(string_agg(advisory_id || revision || ordinal || product_key, '|' ORDER BY advisory_id, revision, ordinal))"
          + " FROM vuln.affected_package",
      "SELECT count(*) || ':' || md5(string_agg(snapshot_id || product_key || advisory_id || change, '|'"
          + " ORDER BY snapshot_id, product_key, advisory_id)) FROM vuln.export_delta",
      "SELECT string_agg(snapshot_id || ':' || sealed || ':' || seal_seq, ',' ORDER BY snapshot_id) FROM vuln.snapshot");

  @Test
  void killedIngestResumesToExactlyTheSameRows(@TempDir Path dir) throws Exception {
    Path corpus = new CorpusGenerator().generate(new CorpusSpec(1, 5, ADVISORIES, 7), dir.resolve("corpus"),
        ProgressListener.none()).advisoryDirectory();

    String killed = TestDatabase.fresh();
    Process child = StellaProcess.start(killed, dir.resolve("child.log"), "ingest", "advisories", corpus.toString());
    long committed = awaitSomeCommitted(killed, child);
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long atKill = Sql.count(killed, "SELECT count(*) FROM vuln.advisory_revision");
    assertThat(atKill).as("killed midway, after %d were seen committed", committed).isBetween(1L, ADVISORIES - 1L);
    assertThat(Sql.scalar(killed, "SELECT status FROM batch.batch_job_execution")).isEqualTo("STARTED");

    CliRun rerun = CliRun.run(killed, "ingest", "advisories", corpus.toString());
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(Sql.count(killed, "SELECT count(*) FROM batch.batch_job_instance")).as("resumed, not started over").isEqualTo(1);
    assertThat(Sql.scalar(killed, "SELECT string_agg(status, ',' ORDER BY job_execution_id) FROM batch.batch_job_execution"))
        .isEqualTo("FAILED,COMPLETED");

    String clean = TestDatabase.fresh();
    assertThat(CliRun.run(clean, "ingest", "advisories", corpus.toString()).exitCode()).isZero();
    assertThat(Sql.count(clean, "SELECT count(*) FROM vuln.advisory_revision")).isEqualTo(ADVISORIES);
    for (String fingerprint : FINGERPRINTS) {
      assertThat(Sql.scalar(killed, fingerprint)).as(fingerprint).isEqualTo(Sql.scalar(clean, fingerprint));
    }
  }

  private static long awaitSomeCommitted(String db, Process child) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(child.isAlive()).as("the ingest finished or died before it could be killed").isTrue();
      long count = tableExists(db) ? Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision") : 0;
      if (count >= 1000) {
        return count;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no advisories were committed within 3 minutes");
  }

  private static boolean tableExists(String db) {
    return "t".equals(Sql.scalar(db, "SELECT (to_regclass('vuln.advisory_revision') IS NOT NULL)::text").substring(0, 1));
  }
}
