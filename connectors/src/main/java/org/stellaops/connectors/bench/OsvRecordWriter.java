package org.stellaops.connectors.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.stellaops.schemas.advisory.RangeEvent;

/** Writes one synthetic advisory as an OSV 1.6 JSON record, fields in a fixed order. */
final class OsvRecordWriter {
  static final String SCHEMA_VERSION = "1.6.0";

  private OsvRecordWriter() {}

  static void write(SyntheticAdvisory advisory, OutputStream out) throws IOException {
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("schema_version", SCHEMA_VERSION);
    json.writeStringField("id", advisory.id());
    json.writeStringField("modified", advisory.modified().toString());
    json.writeStringField("published", advisory.published().toString());
    json.writeArrayFieldStart("aliases");
    for (String alias : advisory.aliases()) {
      json.writeString(alias);
    }
    json.writeEndArray();
    json.writeStringField("summary", advisory.summary());
    json.writeStringField("details", advisory.details());
    if (advisory.cvssVector().isPresent()) {
      json.writeArrayFieldStart("severity");
      json.writeStartObject();
      json.writeStringField("type", "CVSS_V3");
      json.writeStringField("score", advisory.cvssVector().get());
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeArrayFieldStart("affected");
    for (SyntheticAdvisory.Affected affected : advisory.affected()) {
      writeAffected(json, affected);
    }
    json.writeEndArray();
    writeReferences(json, advisory);
    json.writeObjectFieldStart("database_specific");
    json.writeArrayFieldStart("cwe_ids");
    json.writeString(advisory.cweId());
    json.writeEndArray();
    if (advisory.severityWord().isPresent()) {
      json.writeStringField("severity", advisory.severityWord().get());
    }
    json.writeEndObject();
    json.writeEndObject();
    JsonOutput.finish(json);
  }

  private static void writeAffected(JsonGenerator json, SyntheticAdvisory.Affected affected)
      throws IOException {
    SyntheticPackage target = affected.target();
    json.writeStartObject();
    json.writeObjectFieldStart("package");
    json.writeStringField("ecosystem", target.ecosystem().osvName());
    json.writeStringField("name", target.osvName());
    json.writeStringField("purl", target.purl());
    json.writeEndObject();
    json.writeArrayFieldStart("ranges");
    json.writeStartObject();
    json.writeStringField("type", affected.range().type().name());
    json.writeArrayFieldStart("events");
    for (RangeEvent event : affected.range().events()) {
      json.writeStartObject();
      json.writeStringField(event.kind().osvName(), event.version());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
    if (!affected.listedVersions().isEmpty()) {
      json.writeArrayFieldStart("versions");
      for (String version : affected.listedVersions()) {
        json.writeString(version);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeReferences(JsonGenerator json, SyntheticAdvisory advisory)
      throws IOException {
    json.writeArrayFieldStart("references");
    json.writeStartObject();
    json.writeStringField("type", "ADVISORY");
    json.writeStringField("url", "https://advisories.example/" + advisory.id());
    json.writeEndObject();
    json.writeStartObject();
    json.writeStringField("type", "PACKAGE");
    json.writeStringField("url", "https://registry.example/" + advisory.ecosystem().purlType()
        + "/" + advisory.affected().get(0).target().osvName());
    json.writeEndObject();
    json.writeEndArray();
  }
}
