package org.stellaops.connectors.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stellaops.connectors.DocumentException;

/**
 * Copies the fields we read out of a CycloneDX JSON tree. cyclonedx-core-java 12.2.0 hands
 * fields it does not know to its extension deserializer, which loses its place on object and
 * array values: an unknown object before {@code components} silently empties the component list,
 * one inside a component invents extra components. Newer spec versions (1.7) add such fields, so
 * the library only ever sees this copy.
 */
final class CycloneDxJsonPruner {
  private static final List<String> COMPONENT_TEXT = List.of("type", "name", "version", "group", "purl", "scope");

  private final String source;
  private final List<String> names = new ArrayList<>();

  private CycloneDxJsonPruner(String source) {
    this.source = source;
  }

  static PrunedBom prune(String source, JsonNode root, String specVersion) throws DocumentException {
    return new CycloneDxJsonPruner(source).pruneBom(root, specVersion);
  }

  private PrunedBom pruneBom(JsonNode root, String specVersion) throws DocumentException {
    ObjectNode bom = JsonNodeFactory.instance.objectNode();
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", specVersion);
    JsonNode metadataComponent = root.path("metadata").path("component");
    if (metadataComponent.isObject()) {
      bom.putObject("metadata").set("component", component(metadataComponent, "metadata.component", false));
    }
    bom.set("components", components(root.path("components"), "components"));
    return new PrunedBom(JsonDocuments.bytes(bom), specVersion, names);
  }

  private ArrayNode components(JsonNode list, String path) throws DocumentException {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new DocumentException(source, path, "expected an array of components");
    }
    for (int i = 0; i < list.size(); i++) {
      String where = path + "[" + i + "]";
      if (!list.get(i).isObject()) {
        throw new DocumentException(source, where, "expected a component object");
      }
      names.add(JsonDocuments.text(list.get(i), "name").map(String::trim).orElse(""));
      out.add(component(list.get(i), where, true));
    }
    return out;
  }

  private ObjectNode component(JsonNode in, String path, boolean withChildren) throws DocumentException {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String field : COMPONENT_TEXT) {
      JsonNode value = in.path(field);
      if (value.isTextual()) {
        out.set(field, value);
      } else if (!value.isMissingNode() && !value.isNull()) {
        String found = value.getNodeType().toString().toLowerCase(Locale.ROOT);
        throw new DocumentException(source, path + "." + field, "expected a string, found " + found);
      }
    }
    setUnlessEmpty(out, "licenses", licenses(in.path("licenses")));
    setUnlessEmpty(out, "hashes", pairs(in.path("hashes"), "alg", "content"));
    setUnlessEmpty(out, "properties", pairs(in.path("properties"), "name", "value"));
    if (withChildren) {
      setUnlessEmpty(out, "components", components(in.path("components"), path + ".components"));
    }
    return out;
  }

  private static void setUnlessEmpty(ObjectNode node, String field, ArrayNode values) {
    if (!values.isEmpty()) {
      node.set(field, values);
    }
  }

  private static ArrayNode licenses(JsonNode list) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (!list.isArray()) {
      return out;
    }
    for (JsonNode choice : list) {
      JsonNode license = choice.path("license");
      if (license.isObject()) {
        ObjectNode copy = out.addObject().putObject("license");
        JsonDocuments.text(license, "id").ifPresent(id -> copy.put("id", id));
        JsonDocuments.text(license, "name").ifPresent(name -> copy.put("name", name));
      } else {
        JsonDocuments.text(choice, "expression").ifPresent(expression -> out.addObject().put("expression", expression));
      }
    }
    return out;
  }

  /** Arrays of two-string objects: hashes ({@code alg}, {@code content}), properties ({@code name}, {@code value}). */
  private static ArrayNode pairs(JsonNode list, String key, String value) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (!list.isArray()) {
      return out;
    }
    for (JsonNode item : list) {
      if (item.path(key).isTextual() && item.path(value).isTextual()) {
        out.addObject().put(key, item.path(key).asText()).put(value, item.path(value).asText());
      }
    }
    return out;
  }
}
