package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.exports.bundle.JsonlShards;

/**
 * {@code stella export run create --profile json:policy} on the demo fleet against a real
 * PostgreSQL: the bundle holds every image's current verdict (decision, rule, findings, input
 * fingerprints, digest) and the policy snapshot they were evaluated with, verifies, and is
 * byte-identical when exported again.
 */
class PolicyExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void thePolicyBundleHoldsEveryImagesVerdictAndThePolicyTheyWereEvaluatedWith(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    assertThat(CliRun.run(db, "demo").exitCode()).isZero();
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString()).exitCode()).isZero();
    String key = root.resolve("keys/stella-export.key").toString();

    CliRun create = CliRun.run(db, "export", "run", "create", "--profile", "json:policy", "--out", root.resolve("policy").toString(),
        "--key", key);
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(create.out()).contains("verdicts").contains("3 records");
    assertThat(CliRun.offline("export", "verify", root.resolve("policy").toString(), "--key",
        root.resolve("keys/stella-export.pub").toString()).exitCode()).isZero();

    JsonNode manifest = JSON.readTree(root.resolve("policy/export.json").toFile());
    assertThat(manifest.at("/profile").asText()).isEqualTo("json:policy");
    String policyDigest = manifest.at("/policy/digest").asText();
    assertThat(policyDigest).startsWith("sha256:");
    assertThat(Files.readString(root.resolve("policy/policy/snapshot.yaml"))).contains("digest: " + policyDigest).contains("name: default");

    List<String> lines = new ArrayList<>();
    List<String> files = new ArrayList<>();
    manifest.path("files").forEach(f -> {
      if (f.path("path").asText().startsWith("findings/")) {
        files.add(f.path("path").asText());
      }
    });
    JsonlShards.read(root.resolve("policy"), files, lines::add);
    // Every line and the manifest follow the published schemas.
    com.networknt.schema.SchemaRegistry registry = com.networknt.schema.SchemaRegistry.withDefaultDialect(
        com.networknt.schema.SpecificationVersion.DRAFT_2020_12);
    com.networknt.schema.Schema lineSchema;
    com.networknt.schema.Schema manifestSchema;
    try (var in = getClass().getClassLoader().getResourceAsStream("json-schema/policy-evaluated.v1.schema.json");
        var manifestIn = getClass().getClassLoader().getResourceAsStream("json-schema/export-manifest.v1.schema.json")) {
      lineSchema = registry.getSchema(in);
      manifestSchema = registry.getSchema(manifestIn);
    }
    assertThat(manifestSchema.validate(manifest)).isEmpty();
    for (String line : lines) {
      assertThat(lineSchema.validate(JSON.readTree(line))).as(line).isEmpty();
    }
    TreeMap<String, String> exported = new TreeMap<>();
    for (String line : lines) {
      JsonNode verdict = JSON.readTree(line);
      assertThat(verdict.at("/body/verdict").asText()).isEqualTo("FAIL");
      assertThat(verdict.at("/body/rule").asText()).startsWith("default:");
      assertThat(verdict.at("/body/inputs/policyDigest").asText()).isEqualTo(policyDigest);
      assertThat(verdict.at("/body/inputs/sbomDigest").asText()).startsWith("sha256:");
      assertThat(verdict.at("/body/findings").size()).isPositive();
      exported.put(verdict.path("imageDigest").asText(), verdict.path("verdictDigest").asText());
    }
    // The verdicts are the database's current ones, digest for digest.
    StringBuilder expected = new StringBuilder();
    exported.forEach((image, digest) -> expected.append(expected.length() == 0 ? "" : ",").append(image).append('=').append(digest));
    assertThat(expected.toString()).isEqualTo(Sql.scalar(db, Sql.CURRENT_VERDICTS));

    CliRun again = CliRun.run(db, "export", "run", "create", "--profile", "json:policy", "--out", root.resolve("again").toString(),
        "--key", key);
    assertThat(again.exitCode()).isZero();
    for (String name : List.of("export.json", "provenance.json", "policy/snapshot.yaml", files.get(0))) {
      assertThat(Files.readAllBytes(root.resolve("again").resolve(name))).as(name).isEqualTo(Files.readAllBytes(root.resolve("policy")
          .resolve(name)));
    }
  }
}
