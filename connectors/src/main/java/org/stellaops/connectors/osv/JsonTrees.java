package org.stellaops.connectors.osv;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.stellaops.connectors.DocumentException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads JSON or YAML into a tree in which every scalar keeps the exact text of the document, so
 * that a YAML version such as {@code 1.10} never becomes the number {@code 1.1}.
 */
public final class JsonTrees {
  private static final int MAX_NESTING = 64;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLFactory YAML = yamlFactory();

  private JsonTrees() {}

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setNestingDepthLimit(MAX_NESTING);
    return YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
        .build();
  }

  /** Parses YAML when {@code source} ends in .yaml or .yml, JSON otherwise. */
  public static JsonNode read(String source, byte[] bytes) throws DocumentException {
    if (bytes.length == 0) {
      throw new DocumentException(source, "", "the document is empty");
    }
    boolean yaml = source.endsWith(".yaml") || source.endsWith(".yml");
    try (JsonParser parser = yaml ? YAML.createParser(bytes) : JSON.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new DocumentException(source, "", "the document is empty");
      }
      JsonNode tree = readValue(parser);
      if (parser.nextToken() != null) {
        throw new DocumentException(source, where(parser.currentLocation()), "unexpected content after the document");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new DocumentException(source, where(e.getLocation()), e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports some limits (aliases, code points) as unchecked exceptions.
      throw new DocumentException(source, "", "not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readValue(JsonParser parser) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          object.set(field, readValue(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(parser));
        }
        return array;
      }
      case VALUE_NULL -> {
        return nodes.nullNode();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return nodes.booleanNode(parser.getBooleanValue());
      }
      default -> {
        return nodes.textNode(parser.getText());
      }
    }
  }

  static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
