package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * Two processes at once: while another process holds a job's lock, the same job exits 9 without
 * touching anything, and the held-up run is then neither resumed as dead nor lost.
 */
class ConcurrentRunsTest {

  @Test
  void aSecondStellaProcessOfTheSameJobExitsBusyAndTheFirstCompletes(@TempDir Path root) throws Exception {
    Path corpus = new org.stellaops.connectors.bench.CorpusGenerator().generate(
        new org.stellaops.connectors.bench.CorpusSpec(1, 5, 40_000, 3), root.resolve("corpus"),
        org.stellaops.connectors.bench.ProgressListener.none()).advisoryDirectory();
    String db = TestDatabase.fresh();
    Process first = StellaProcess.start(db, root.resolve("first.log"), "ingest", "advisories", corpus.toString());
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
    // The job holds its lock from before its first chunk to after its seal: once a chunk is
    // committed, and while the run is far from done, a second process must meet the lock.
    while (!committedSomething(db)) {
      assertThat(first.isAlive()).as("the first process ended before committing a chunk").isTrue();
      assertThat(System.nanoTime()).as("the first process never committed a chunk").isLessThan(deadline);
      Thread.sleep(20);
    }
    CliRun second = CliRun.run(db, "ingest", "advisories", corpus.toString());
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.BUSY);
    assertThat(second.err()).contains("already running against this database in another process");
    assertThat(first.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM batch.batch_job_instance WHERE job_name = 'ingestAdvisories'")).isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(DISTINCT advisory_id) FROM vuln.advisory_revision")).isEqualTo(40_000);
  }

  private static boolean committedSomething(String db) {
    boolean exists = "t".equals(Sql.scalar(db, "SELECT (to_regclass('vuln.advisory_revision') IS NOT NULL)::text").substring(0, 1));
    return exists && Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision") > 0;
  }

  @Test
  void theSameJobTwiceAtOnceIsRefusedAndOtherJobsRun(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    Path dir = Files.createDirectories(root.resolve("advisories"));
    Files.writeString(dir.resolve("a.json"), BadInputTest.osv("CONC-1", "left-pad", "1.3.0"));
    assertThat(CliRun.run(db, "ingest", "advisories", dir.toString()).exitCode()).isZero();
    Files.writeString(dir.resolve("b.json"), BadInputTest.osv("CONC-2", "lodash", "4.17.21"));
    long executions = Sql.count(db, "SELECT count(*) FROM batch.batch_job_execution");

    try (Connection other = DriverManager.getConnection(db);
        PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
      lock.setString(1, "stella-job:ingestAdvisories");
      lock.execute();

      CliRun second = CliRun.run(db, "ingest", "advisories", dir.toString());
      assertThat(second.exitCode()).isEqualTo(ExitCodes.BUSY);
      assertThat(second.err()).contains("ingestAdvisories");
      assertThat(Sql.count(db, "SELECT count(*) FROM batch.batch_job_execution")).as("no execution started").isEqualTo(executions);
      assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision WHERE advisory_id = 'CONC-2'")).isZero();

      Path sbom = Files.writeString(root.resolve("s.cdx.json"), PoisonIsolationTest.cycloneDx("lodash"));
      assertThat(CliRun.run(db, "ingest", "sboms", sbom.toString()).exitCode()).as("another job is not blocked").isZero();
    }

    CliRun after = CliRun.run(db, "ingest", "advisories", dir.toString());
    assertThat(after.exitCode()).isZero();
    assertThat(after.err()).doesNotContain("resuming");
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision WHERE advisory_id = 'CONC-2'")).isEqualTo(1);
  }
}
