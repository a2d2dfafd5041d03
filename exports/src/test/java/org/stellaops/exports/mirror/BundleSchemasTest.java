package org.stellaops.exports.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.exports.bundle.ExportKeys;
import org.stellaops.exports.bundle.ExportSigner;
import org.stellaops.exports.bundle.JsonBundle;
import org.stellaops.exports.bundle.JsonlShards;
import org.stellaops.schemas.advisory.Advisory;

/**
 * Every file an export bundle holds follows the JSON Schema published for it in
 * {@code schemas/src/main/resources/json-schema/}: manifest, provenance, DSSE envelope and every
 * record line of json:raw, mirror:full and mirror:delta bundles; and the schemas are strict enough
 * to refuse what our readers would refuse.
 */
class BundleSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  @TempDir
  static Path dir;
  static ExportSigner signer;

  @BeforeAll
  static void keys() throws IOException {
    ExportKeys.generate(ExportKeys.Algorithm.ECDSA_P256, dir.resolve("keys"), "signer");
    signer = ExportKeys.signer(dir.resolve("keys/signer.key"));
  }

  static Schema schema(String file) throws IOException {
    try (InputStream in = BundleSchemasTest.class.getClassLoader().getResourceAsStream("json-schema/" + file)) {
      assertThat(in).as(file).isNotNull();
      return REGISTRY.getSchema(in);
    }
  }

  /** Schema file per schema name the manifest's "schemas" gives. */
  static final Map<String, String> RECORD_SCHEMAS = Map.of("stella.advisory/v1", "advisory.v1.schema.json",
      "stella.mirror.record/v1", "mirror-record.v1.schema.json", "stella.mirror.package/v1", "mirror-package.v1.schema.json",
      "stella.mirror.removed/v1", "mirror-removed.v1.schema.json");

  /** Record type (the manifest's counts and schemas key) of a data file. */
  static String type(String path) {
    if (path.startsWith("indexes/records-")) {
      return "records";
    }
    if (path.startsWith("indexes/packages-")) {
      return "packages";
    }
    if (path.startsWith("advisories/removed-")) {
      return "removed";
    }
    return "advisories";
  }

  static List<String> errors(Schema schema, JsonNode node) {
    return schema.validate(node).stream().map(Error::toString).toList();
  }

  /** Checks every file of a bundle against its schema; returns how many record lines were checked. */
  static long checkBundle(Path bundle) throws IOException {
    JsonNode manifest = JSON.readTree(bundle.resolve("export.json").toFile());
    assertThat(errors(schema("export-manifest.v1.schema.json"), manifest)).as("export.json").isEmpty();
    assertThat(errors(schema("export-provenance.v1.schema.json"), JSON.readTree(bundle.resolve("provenance.json").toFile())))
        .as("provenance.json").isEmpty();
    JsonNode envelope = JSON.readTree(bundle.resolve(JsonBundle.PROVENANCE_ENVELOPE).toFile());
    assertThat(errors(schema("dsse-envelope.schema.json"), envelope)).as("envelope").isEmpty();
    assertThat(Base64.getDecoder().decode(envelope.path("payload").asText())).isEqualTo(Files.readAllBytes(bundle.resolve("provenance.json")));
    long[] lines = {0};
    for (JsonNode file : manifest.path("files")) {
      String path = file.path("path").asText();
      if (!path.endsWith(".jsonl.zst")) {
        continue;
      }
      String schemaName = manifest.path("schemas").path(type(path)).asText();
      Schema schema = schema(RECORD_SCHEMAS.get(schemaName));
      JsonlShards.read(bundle, List.of(path), line -> {
        try {
          assertThat(errors(schema, JSON.readTree(line))).as(path + ": " + line).isEmpty();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        lines[0]++;
      });
    }
    return lines[0];
  }

  @Test
  void everyFileOfJsonAndMirrorBundlesFollowsItsSchema() throws Exception {
    List<Advisory> before = new ArrayList<>(MirrorBundleTest.BEFORE);
    Path raw = dir.resolve("raw");
    JsonBundle.write(raw, new JsonBundle.Description("json:raw", 1, "2026-12-01T00:00:00Z", Map.of("include", List.of("advisories"))),
        List.of(new JsonBundle.Content("advisories", "stella.advisory/v1",
            sink -> before.forEach(a -> sink.accept(MirrorBundleTest.record(a).json())))), signer, 2);
    assertThat(checkBundle(raw)).isEqualTo(5);

    Path full = dir.resolve("full");
    MirrorBundle.full(full, new JsonBundle.Description("mirror:full", 1, "2026-12-01T00:00:00Z", Map.of("include", List.of("advisories"))),
        sink -> before.forEach(a -> sink.accept(MirrorBundleTest.record(a))), signer, 2);
    assertThat(checkBundle(full)).isEqualTo(5 + 5 + 5);

    SortedMap<String, Optional<MirrorBundle.Record>> changes = new TreeMap<>();
    changes.put("GHSA-a", Optional.empty());
    changes.put("GHSA-q", Optional.of(MirrorBundleTest.record(MirrorBundleTest.advisory("GHSA-q", "new", "Go example.com/mod"))));
    Path delta = dir.resolve("delta");
    MirrorBundle.delta(delta, new JsonBundle.Description("mirror:delta", 2, "2026-12-02T00:00:00Z", Map.of("include", List.of("advisories"))),
        MirrorManifest.read(full), changes, signer, 2);
    assertThat(checkBundle(delta)).isEqualTo(1 + 1 + 5);

    // An encrypted bundle: its manifest follows the schema, and its records read back through the identity.
    java.security.KeyPair age = new com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator().generateKeyPair();
    Path encrypted = dir.resolve("encrypted");
    MirrorBundle.full(encrypted, new JsonBundle.Description("mirror:full", 1, "2026-12-01T00:00:00Z", Map.of("include", List.of("advisories"))),
        sink -> before.forEach(a -> sink.accept(MirrorBundleTest.record(a))), signer, 2, List.of(age.getPublic().toString()));
    JsonNode manifest = JSON.readTree(encrypted.resolve("export.json").toFile());
    assertThat(errors(schema("export-manifest.v1.schema.json"), manifest)).isEmpty();
    assertThat(manifest.at("/files/0/path").asText()).endsWith(".jsonl.zst.age");
    List<String> records = new ArrayList<>();
    JsonlShards.read(encrypted, MirrorManifest.read(encrypted).files(MirrorBundle.RECORDS),
        JsonlShards.Opener.decrypting(List.of(age.getPrivate().toString())), records::add);
    List<String> plain = new ArrayList<>();
    JsonlShards.read(full, MirrorManifest.read(full).files(MirrorBundle.RECORDS), plain::add);
    assertThat(records).isEqualTo(plain);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonlShards.read(encrypted,
        MirrorManifest.read(encrypted).files(MirrorBundle.RECORDS), line -> { })).hasMessageContaining("is encrypted (age)");
  }

  @Test
  void theSchemasRefuseWhatReadersRefuse() throws IOException {
    ObjectNode advisory = (ObjectNode) JSON.readTree(MirrorBundleTest.record(MirrorBundleTest.BEFORE.get(0)).json());
    Schema advisorySchema = schema("advisory.v1.schema.json");
    assertThat(errors(advisorySchema, advisory)).isEmpty();
    assertThat(errors(advisorySchema, advisory.deepCopy().without("id"))).anyMatch(e -> e.contains("id"));
    assertThat(errors(advisorySchema, ((ObjectNode) advisory.deepCopy()).put("extra", 1))).anyMatch(e -> e.contains("extra"));
    ObjectNode badLevel = advisory.deepCopy();
    ((ObjectNode) badLevel.path("severity")).put("level", "SEVERE");
    assertThat(errors(advisorySchema, badLevel)).isNotEmpty();

    Schema record = schema("mirror-record.v1.schema.json");
    assertThat(errors(record, JSON.readTree("{\"id\":\"A\",\"sha256\":\"" + "0".repeat(64) + "\"}"))).isEmpty();
    assertThat(errors(record, JSON.readTree("{\"id\":\"A\",\"sha256\":\"sha256:" + "0".repeat(64) + "\"}"))).isNotEmpty();

    Schema manifest = schema("export-manifest.v1.schema.json");
    ObjectNode delta = (ObjectNode) JSON.readTree("{\"schemaVersion\":\"stella.export/v1\",\"profile\":\"mirror:delta\",\"snapshot\":2,"
        + "\"createdAt\":\"2026-12-02T00:00:00Z\",\"filters\":{\"include\":[\"advisories\"]},\"schemas\":{},\"counts\":{},\"files\":[],"
        + "\"signing\":{\"keyId\":\"sha256:" + "a".repeat(64) + "\",\"algorithm\":\"ed25519\"},"
        + "\"mirror\":{\"kind\":\"delta\",\"records\":1,\"stateSha256\":\"sha256:" + "b".repeat(64) + "\"}}");
    assertThat(errors(manifest, delta)).as("a delta without its base").isNotEmpty();
    ObjectNode escaping = delta.deepCopy();
    escaping.put("profile", "json:raw").remove("mirror");
    escaping.putArray("files").addObject().put("path", "advisories/../../etc/passwd").put("bytes", 1)
        .put("sha256", "sha256:" + "c".repeat(64)).put("records", 0);
    assertThat(errors(manifest, escaping)).as("a path leaving the bundle").isNotEmpty();

    Schema profile = schema("export-profile.v1.schema.json");
    assertThat(errors(profile, JSON.readTree("{\"name\":\"lab\",\"kind\":\"mirror\",\"variant\":\"delta\",\"base\":\"latest\"}"))).isEmpty();
    assertThat(errors(profile, JSON.readTree("{\"name\":\"lab\",\"kind\":\"trivy\",\"variant\":\"db\",\"signing\":{\"key\":\"k\"}}")))
        .isNotEmpty();
    assertThat(errors(profile, JSON.readTree("{\"name\":\"lab\",\"kind\":\"json\",\"variant\":\"full\"}"))).isNotEmpty();
  }
}
