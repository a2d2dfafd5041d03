package org.stellaops.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The versioned contracts in {@code schemas/}: the table definitions the code writes are those of
 * {@code warehouse/tables.v1.json}, and a published manifest validates against
 * {@code json-schema/warehouse-manifest.v1.schema.json}.
 */
class WarehouseSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static InputStream resource(String name) {
    InputStream in = WarehouseSchemasTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as("schemas/src/main/resources/" + name).isNotNull();
    return in;
  }

  @Test
  void theTablesWrittenAreTheVersionedOnes() throws Exception {
    JsonNode contract;
    try (InputStream in = resource("warehouse/tables.v1.json")) {
      contract = JSON.readTree(in);
    }
    List<String> declared = new ArrayList<>();
    contract.path("tables").forEach(t -> {
      StringBuilder line = new StringBuilder(t.path("name").asText() + " v" + t.path("version").asInt()
          + (t.path("appendOnly").asBoolean() ? " append-only" : "") + ":");
      t.path("columns").forEach(c -> line.append(' ').append(c.path("name").asText()).append(' ').append(c.path("type").asText())
          .append(c.path("nullable").asBoolean() ? "?" : ""));
      declared.add(line.toString());
    });
    List<String> written = WarehouseTable.ALL.stream().map(t -> {
      StringBuilder line = new StringBuilder(t.name() + " v" + t.version() + (t.appendOnly() ? " append-only" : "") + ":");
      t.columns().forEach(c -> line.append(' ').append(c.name()).append(' ').append(c.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(c.optional() ? "?" : ""));
      return line.toString();
    }).toList();
    assertThat(written).as("a change to a table must change schemas/…/warehouse/tables.v1.json (and its version)").isEqualTo(declared);
  }

  @Test
  void aPublishedManifestFollowsItsSchema(@TempDir Path root) throws Exception {
    LocalDate day = LocalDate.parse("2026-12-01");
    try (WarehouseSnapshotWriter writer = new WarehouseSnapshotWriter(root, day, "default", 2)) {
      WarehouseTest.verdicts(writer, 3, "PASS");
      writer.publish(Map.of("advisorySnapshot", 4, "imageHistorySeq", 0, "exportDeltaSealSeq", 4));
    }
    Schema schema;
    try (InputStream in = resource("json-schema/warehouse-manifest.v1.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    JsonNode manifest = JSON.readTree(Files.readString(WarehouseManifest.path(root, day)));
    assertThat(schema.validate(manifest).stream().map(Error::toString).toList()).isEmpty();
    // The schema does say something: a manifest without its digests fails it.
    ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.at("/tables/verdicts/files/0")).remove("sha256");
    assertThat(schema.validate(manifest)).isNotEmpty();
  }
}
