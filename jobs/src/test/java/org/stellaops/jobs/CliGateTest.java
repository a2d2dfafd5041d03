package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/** Arguments a pipeline gets wrong, and the exit codes a pipeline gates on. */
class CliGateTest {
  private static String db;

  @BeforeAll
  static void demo() {
    db = TestDatabase.fresh();
    assertThat(CliRun.run(db, "demo").exitCode()).isZero();
  }

  @Test
  void failOnFailGatesReportAndReevaluate() {
    CliRun report = CliRun.run(db, "report", "--all", "--fail-on", "fail");
    assertThat(report.exitCode()).isEqualTo(ExitCodes.VERDICT_FAIL).isEqualTo(10);
    assertThat(report.err()).contains("3 of 3 image(s) FAIL the policy");
    assertThat(CliRun.run(db, "report", "--all").exitCode()).as("without --fail-on the report itself worked").isZero();
    assertThat(CliRun.run(db, "reevaluate", "--all", "--fail-on", "fail").exitCode()).isEqualTo(ExitCodes.VERDICT_FAIL);
    assertThat(CliRun.run(db, "report", "--all", "--fail-on", "sometimes").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aReportWrittenToAFileIsTheOneOnStandardOutputAndAFailedOneLeavesNoFile(@TempDir Path dir) throws Exception {
    for (String format : new String[] {"table", "json", "sarif"}) {
      Path file = dir.resolve("report." + format);
      CliRun printed = CliRun.run(db, "report", "--all", "--format", format);
      assertThat(CliRun.run(db, "report", "--all", "--format", format, "-o", file.toString()).exitCode()).isZero();
      assertThat(Files.readString(file)).as(format).isEqualTo(printed.out());
    }
    JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("report.json")));
    assertThat(json.path("images")).hasSize(3);
    assertThat(json.path("images").get(0).path("findings").size()).isPositive();
    assertThat(Files.readString(dir.resolve("report.table"))).endsWith("3 image(s); 3 FAIL\n");

    Path missing = dir.resolve("missing.json");
    assertThat(CliRun.run(db, "report", "--image", "sha256:" + "0".repeat(64), "-o", missing.toString()).exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.table", "report.json",
          "report.sarif");
    }
  }

  @Test
  void malformedImageDigestIsAUsageError() {
    CliRun report = CliRun.run(db, "report", "--image", "shop-frontend:latest");
    assertThat(report.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(report.err()).contains("--image must be an image digest", "'shop-frontend:latest'");
    assertThat(CliRun.run(db, "report", "--image", "sha256:ABC").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run(db, "reevaluate", "--image", "nope").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run(db, "report", "--image", "sha256:" + "0".repeat(64)).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void snapshotMustExist() {
    CliRun missing = CliRun.run(db, "reevaluate", "--all", "--snapshot", "7");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).contains("advisory snapshot 7 does not exist", "the newest is 1");
    assertThat(CliRun.run(db, "reevaluate", "--all", "--snapshot", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict WHERE advisory_snapshot_id <> 1")).isZero();
    assertThat(CliRun.run(db, "reevaluate", "--all", "--snapshot", "1").exitCode()).isZero();
  }
}
