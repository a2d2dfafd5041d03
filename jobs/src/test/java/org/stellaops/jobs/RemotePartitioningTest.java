package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.CorpusSummary;
import org.stellaops.connectors.bench.ProgressListener;

/**
 * {@code reevaluate --workers 2} with two {@code stella worker} processes, one killed with SIGKILL
 * in the middle of a partition: the run notices the dead worker, ends as failed, and the same
 * command run again resumes that partition from its last commit on the surviving worker. The
 * verdicts then equal those of an ordinary single-process run, one per image.
 */
class RemotePartitioningTest {
  private static final Pattern RUNNING = Pattern.compile("running (evaluatePartition:partition\\d+) \\(step execution (\\d+)\\)");

  @Test
  void aWorkerKilledMidPartitionIsNoticedAndItsPartitionIsResumedByTheRerun(@TempDir Path dir) throws Exception {
    CorpusSummary corpus = new CorpusGenerator().generate(new CorpusSpec(160, 150, 6_000, 23), dir.resolve("corpus"),
        ProgressListener.none());
    String remote = TestDatabase.fresh();
    String reference = TestDatabase.fresh();
    for (String db : List.of(remote, reference)) {
      assertThat(CliRun.run(db, "ingest", "advisories", corpus.advisoryDirectory().toString()).exitCode()).isZero();
      assertThat(CliRun.run(db, "ingest", "sboms", corpus.sbomDirectory().toString()).exitCode()).isZero();
    }
    CliRun local = CliRun.run(reference, "reevaluate", "--all", "--threads", "1");
    assertThat(local.exitCode()).as(local.err()).isZero();

    Path logA = dir.resolve("worker-a.log");
    Path logB = dir.resolve("worker-b.log");
    Path managerLog = dir.resolve("manager.log");
    Process a = StellaProcess.start(remote, logA, "worker", "--name", "A", "--threads", "1");
    Process b = StellaProcess.start(remote, logB, "worker", "--name", "B", "--threads", "1");
    try {
      Process manager = StellaProcess.start(remote, managerLog, "reevaluate", "--all", "--workers", "2", "--chunk-size", "1");
      // Kill A once the partition it runs has committed two chunks (and so is neither unstarted nor done).
      long stepExecution = -1;
      String partition = null;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline) {
        assertThat(manager.isAlive()).as("the run ended before a worker could be killed: %s%n--- A:%n%s%n--- B:%n%s",
            Files.readString(managerLog), Files.readString(logA), Files.readString(logB)).isTrue();
        Matcher running = RUNNING.matcher(Files.exists(logA) ? Files.readString(logA) : "");
        if (stepExecution < 0 && running.find()) {
          partition = running.group(1);
          stepExecution = Long.parseLong(running.group(2));
        }
        if (stepExecution > 0 && Sql.count(remote, "SELECT count(*) FROM batch.batch_step_execution WHERE step_execution_id = "
            + stepExecution + " AND commit_count >= 2 AND status = 'STARTED'") == 1) {
          a.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          break;
        }
        Thread.sleep(20);
      }
      assertThat(a.isAlive()).as("worker A was killed mid-partition").isFalse();
      boolean ended = manager.waitFor(2, TimeUnit.MINUTES);
      assertThat(ended).as("the run notices the dead worker and ends:%n%s%n--- A:%n%s%n--- B:%n%s", Files.readString(managerLog),
          Files.readString(logA), Files.readString(logB)).isTrue();
      assertThat(manager.exitValue()).as(Files.readString(managerLog)).isEqualTo(1);
      assertThat(Files.readString(managerLog)).contains("run the same command again to resume it");
      assertThat(Sql.scalar(remote, "SELECT status FROM batch.batch_step_execution WHERE step_execution_id = " + stepExecution))
          .isEqualTo("FAILED");
      long committedBeforeKill = Sql.count(remote, "SELECT read_count FROM batch.batch_step_execution WHERE step_execution_id = "
          + stepExecution);
      long partitionSize = 160 / 4; // two partitions per worker, cut evenly
      assertThat(committedBeforeKill).isBetween(2L, partitionSize - 1);

      CliRun rerun = CliRun.run(remote, "reevaluate", "--all", "--workers", "2");
      assertThat(rerun.exitCode()).as(rerun.err()).isZero();
      assertThat(rerun.out()).as("only the killed partition's remaining images are read again")
          .contains("reevaluate: " + (partitionSize - committedBeforeKill) + " image(s) read")
          .contains("1 partition(s)");
      assertThat(Files.readString(logB)).contains("running " + partition + " ");
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
    }
    assertThat(Sql.scalar(remote, Sql.CURRENT_VERDICTS)).isEqualTo(Sql.scalar(reference, Sql.CURRENT_VERDICTS));
    assertThat(Sql.count(remote, "SELECT count(*) FROM policy.verdict"))
        .as("one verdict per image: nothing evaluated twice").isEqualTo(160);
    assertThat(Sql.count(remote, "SELECT count(*) FROM messaging.int_channel_message")).as("no request left behind").isZero();
  }
}
