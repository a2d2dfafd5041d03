package org.stellaops.connectors.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the SBOM of one synthetic image as CycloneDX 1.6 JSON, shaped like Trivy's image
 * output: a {@code container} metadata component, {@code library} components with purls,
 * licenses and hashes, and the layer each component came from.
 */
final class CycloneDxImageWriter {
  static final String SPEC_VERSION = "1.6";
  static final String LAYER_PROPERTY = "aquasecurity:trivy:LayerDigest";

  private CycloneDxImageWriter() {}

  static void write(SyntheticImage image, OutputStream out) throws IOException {
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
    json.writeStringField("bomFormat", "CycloneDX");
    json.writeStringField("specVersion", SPEC_VERSION);
    json.writeStringField("serialNumber", "urn:uuid:" + image.serialNumber());
    json.writeNumberField("version", 1);
    writeMetadata(json, image);
    json.writeArrayFieldStart("components");
    for (SyntheticImage.Component component : image.components()) {
      writeComponent(json, component);
    }
    json.writeEndArray();
    json.writeEndObject();
    JsonOutput.finish(json);
  }

  private static void writeMetadata(JsonGenerator json, SyntheticImage image) throws IOException {
    json.writeObjectFieldStart("metadata");
    json.writeStringField("timestamp", image.scannedAt().toString());
    json.writeObjectFieldStart("tools");
    json.writeArrayFieldStart("components");
    json.writeStartObject();
    json.writeStringField("type", "application");
    json.writeStringField("group", "stellaops");
    json.writeStringField("name", "synthetic-corpus-generator");
    json.writeStringField("version", "1");
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    json.writeObjectFieldStart("component");
    json.writeStringField("bom-ref", image.purl());
    json.writeStringField("type", "container");
    json.writeStringField("name", image.repository());
    json.writeStringField("purl", image.purl());
    json.writeArrayFieldStart("properties");
    String repoDigest = image.repository() + "@sha256:" + image.digestHex();
    writeProperty(json, "aquasecurity:trivy:RepoDigest", repoDigest);
    for (String layer : image.layerDigests()) {
      writeProperty(json, LAYER_PROPERTY, layer);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeComponent(JsonGenerator json, SyntheticImage.Component component)
      throws IOException {
    SyntheticPackage target = component.target();
    String purl = target.purl(component.versionIndex());
    json.writeStartObject();
    json.writeStringField("bom-ref", purl);
    json.writeStringField("type", "library");
    if (target.sbomGroup().isPresent()) {
      json.writeStringField("group", target.sbomGroup().get());
    }
    json.writeStringField("name", target.sbomName());
    json.writeStringField("version", target.sbomVersion(component.versionIndex()));
    json.writeArrayFieldStart("hashes");
    json.writeStartObject();
    json.writeStringField("alg", "SHA-256");
    json.writeStringField("content", component.sha256Hex());
    json.writeEndObject();
    json.writeEndArray();
    json.writeArrayFieldStart("licenses");
    json.writeStartObject();
    json.writeObjectFieldStart("license");
    json.writeStringField("id", target.license());
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndArray();
    json.writeStringField("purl", purl);
    json.writeArrayFieldStart("properties");
    writeProperty(json, LAYER_PROPERTY, component.layerDigest());
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeProperty(JsonGenerator json, String name, String value) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", name);
    json.writeStringField("value", value);
    json.writeEndObject();
  }
}
