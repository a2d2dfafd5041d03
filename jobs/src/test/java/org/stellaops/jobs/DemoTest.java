package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code stella demo} on the shipped sample data, and the JSON report contract it leads to. */
class DemoTest {

  @Test
  void demoIngestsEvaluatesAndExplains() throws Exception {
    String db = TestDatabase.fresh();
    CliRun demo = CliRun.run(db, "demo");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("3 image(s); 3 FAIL", "STELLA-DEMO-0001", "matched ECOSYSTEM >=2.0-beta9, <2.15.0")
        .doesNotContain("STELLA-DEMO-0009");

    CliRun report = CliRun.run(db, "report", "--all", "--format", "json");
    JsonNode root = new ObjectMapper().readTree(report.out());
    assertThat(root.path("schemaVersion").asInt()).isEqualTo(1);
    List<JsonNode> findings = new ArrayList<>();
    root.path("images").forEach(image -> {
      assertThat(image.path("verdict").asText()).isEqualTo("FAIL");
      assertThat(image.path("inputs").path("advisorySnapshotId").asLong()).isEqualTo(1);
      image.path("findings").forEach(findings::add);
    });
    assertThat(findings).extracting(f -> f.path("advisoryId").asText()).doesNotContain("STELLA-DEMO-0009");
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.path("advisoryId").asText()).isEqualTo("STELLA-DEMO-0001");
      assertThat(f.path("purl").asText()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
      assertThat(f.path("status").asText()).isEqualTo("affected");
      assertThat(f.path("matched").asText()).isEqualTo("ECOSYSTEM >=2.0-beta9, <2.15.0");
      assertThat(f.path("fixedVersion").asText()).isEqualTo("2.15.0");
      assertThat(f.path("severity").asText()).isEqualTo("CRITICAL");
      assertThat(f.path("aliases").isArray()).isTrue();
      assertThat(f.path("reason").asText()).isEqualTo("version 2.14.1 is in range ECOSYSTEM >=2.0-beta9, <2.15.0");
    });
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.path("packageName").asText()).isEqualTo("openssl");
      assertThat(f.path("status").asText()).isEqualTo("affected");
      assertThat(f.path("matched").asText()).isEqualTo("ECOSYSTEM >=0, <3.0.11-1~deb12u1");
    });

    CliRun again = CliRun.run(db, "demo");
    assertThat(again.out()).contains("0 new revision(s)", "0 new verdict(s)");
    CliRun one = CliRun.run(db, "report", "--image", "sha256:" + "0".repeat(64));
    assertThat(one.exitCode()).isEqualTo(org.stellaops.jobs.cli.ExitCodes.NOT_FOUND);
    assertThat(one.err()).contains("no verdict for image(s) sha256:" + "0".repeat(64));
  }
}
