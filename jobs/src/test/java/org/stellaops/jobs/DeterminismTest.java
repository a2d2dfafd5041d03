package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The same inputs, evaluated in two independent databases, give identical verdict digests and bodies. */
class DeterminismTest {

  @Test
  void sameInputsGiveSameVerdictDigests() throws Exception {
    Path advisories = Fixtures.require("osv/Maven");
    Path sboms = Fixtures.require("sboms");
    Map<String, String> first = evaluate(advisories, sboms);
    Map<String, String> second = evaluate(advisories, sboms);
    assertThat(first).hasSize(18).isEqualTo(second);
  }

  private static Map<String, String> evaluate(Path advisories, Path sboms) throws Exception {
    String db = TestDatabase.fresh();
    assertThat(CliRun.run(db, "ingest", "advisories", advisories.toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "ingest", "sboms", sboms.toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "reevaluate", "--all").exitCode()).isZero();
    JsonNode report = new ObjectMapper().readTree(CliRun.run(db, "report", "--all", "--format", "json").out());
    Map<String, String> digests = new TreeMap<>();
    report.path("images").forEach(image -> digests.put(image.path("imageDigest").asText(),
        image.path("verdictDigest").asText() + " " + image.path("findings").toString()));
    // The stored body, put together from its frame and finding groups, hashes to the stored digest:
    // the verdict can be checked offline.
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict v WHERE verdict_digest"
        + " <> 'sha256:' || encode(sha256(convert_to(policy.verdict_document(v), 'UTF8')), 'hex')")).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict WHERE finding_groups IS NULL")).isZero();
    // Every finding of the report is a row of policy.finding, in the verdict's order.
    int reported = 0;
    for (JsonNode image : report.path("images")) {
      reported += image.path("findings").size();
    }
    assertThat(reported).isPositive();
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.finding")).isEqualTo(reported);
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.finding f JOIN policy.verdict v USING (verdict_id)"
        + " WHERE policy.verdict_document(v) NOT LIKE '%\"advisoryId\":\"' || f.advisory_id || '\"%'")).isZero();
    return digests;
  }
}
