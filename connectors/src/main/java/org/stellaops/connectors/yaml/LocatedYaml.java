package org.stellaops.connectors.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * YAML documents read into Jackson trees that remember where each key and value was written, so
 * that a configuration file (schedules, notification rules) can be refused with the file, line,
 * column and reason of its first problem. Several documents separated by {@code ---} are read in
 * order; a key given twice in one mapping is an error, not a silent override.
 */
public final class LocatedYaml {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  /** Suffix of the paths under which the location of a key (rather than its value) is kept. */
  private static final String KEY = "#key";

  private LocatedYaml() {}

  /** A file that cannot be used, with where and why ({@code file:line:column: reason}). */
  public static final class InvalidYamlException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidYamlException(String message) {
      super(message);
    }
  }

  /** One document of a file: its tree and where its parts are. */
  public record Document(JsonNode root, Locations locations, String file) {
    /** The start of the document, as {@code line:column}. */
    public String start() {
      return locations.at("");
    }

    /** A checker that fails at the first problem of this document. */
    public Problems problems() {
      return new Problems(file, locations);
    }
  }

  /** Where each value of a document starts, by path ({@code match.eventKinds[0]}). */
  public static final class Locations {
    private final Map<String, JsonLocation> byPath;

    private Locations(Map<String, JsonLocation> byPath) {
      this.byPath = byPath;
    }

    /** Where the key of {@code path} is written; where its value is when the key's place is unknown. */
    public String key(String path) {
      JsonLocation location = byPath.get(path + KEY);
      return location != null ? location.getLineNr() + ":" + location.getColumnNr() : at(path);
    }

    /** Where the value at {@code path} is written, or the nearest enclosing value that has a place. */
    public String at(String path) {
      for (String p = path; ; p = parent(p)) {
        JsonLocation location = byPath.get(p);
        if (location != null) {
          return location.getLineNr() + ":" + location.getColumnNr();
        }
        if (p.isEmpty()) {
          return "1:1";
        }
      }
    }

    private static String parent(String path) {
      int dot = path.lastIndexOf('.');
      int bracket = path.lastIndexOf('[');
      int cut = Math.max(dot, bracket);
      return cut < 0 ? "" : path.substring(0, cut);
    }
  }

  /** The documents of {@code text}, read from {@code file} (named in errors). */
  public static List<Document> read(String file, String text) throws InvalidYamlException {
    List<Document> documents = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Map<String, JsonLocation> locations = new HashMap<>();
        JsonNode root = value(parser, token, "", locations, file);
        documents.add(new Document(root, new Locations(locations), file));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "1:1" : at.getLineNr() + ":" + at.getColumnNr();
      String reason = e.getOriginalMessage();
      if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
        // Where the parser found the problem, not where the construct it was reading began.
        where = (marked.getProblemMark().getLine() + 1) + ":" + (marked.getProblemMark().getColumn() + 1);
        reason = marked.getProblem() + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
      }
      throw new InvalidYamlException(file + ":" + where + ": not valid YAML: " + reason.replace('\n', ' ').strip());
    } catch (IOException e) {
      throw new InvalidYamlException(file + ": cannot read: " + e.getMessage());
    }
    return documents;
  }

  /** How a node reads in a sentence ("a list"). */
  public static String kind(JsonNode node) {
    return node.isArray() ? "a list" : node.isNull() ? "nothing" : node.isObject() ? "a mapping" : "a single value";
  }

  private static JsonNode value(JsonParser parser, JsonToken token, String path, Map<String, JsonLocation> locations,
      String file) throws IOException, InvalidYamlException {
    locations.put(path, parser.currentTokenLocation());
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          String child = path.isEmpty() ? field : path + "." + field;
          locations.put(child + KEY, parser.currentTokenLocation());
          JsonToken next = parser.nextToken();
          if (object.has(field)) {
            throw new InvalidYamlException(file + ":" + parser.currentTokenLocation().getLineNr() + ":"
                + parser.currentTokenLocation().getColumnNr() + ": key '" + field + "' appears twice");
          }
          object.set(field, value(parser, next, child, locations, file));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        int i = 0;
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          array.add(value(parser, next, path + "[" + i++ + "]", locations, file));
        }
        return array;
      }
      case VALUE_STRING -> {
        return nodes.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return nodes.numberNode(parser.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return nodes.numberNode(parser.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return nodes.nullNode();
      }
      default -> throw new IOException("unexpected " + token);
    }
  }

  /** Checks values of one document; fails at the first problem, with file, line, column and reason. */
  public record Problems(String file, Locations at) {
    public void fail(String path, String reason) throws InvalidYamlException {
      throw new InvalidYamlException(file + ":" + at.at(path) + ": " + (path.isEmpty() ? "" : path + ": ") + reason);
    }

    public void onlyKeys(JsonNode node, String path, Set<String> allowed) throws InvalidYamlException {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!allowed.contains(key)) {
          String child = path.isEmpty() ? key : path + "." + key;
          throw new InvalidYamlException(file + ":" + at.key(child) + ": " + child + ": unknown key '" + key
              + "'; expected one of " + new TreeSet<>(allowed));
        }
      }
    }

    public String requiredText(JsonNode node, String path) throws InvalidYamlException {
      if (!node.has(leaf(path))) {
        fail(path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "", "'" + leaf(path) + "' is required");
      }
      return text(node, path);
    }

    public String text(JsonNode node, String path) throws InvalidYamlException {
      JsonNode value = node.get(leaf(path));
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        fail(path, "expected text");
      }
      return value.asText();
    }

    public JsonNode object(JsonNode node, String path) throws InvalidYamlException {
      JsonNode value = node.get(leaf(path));
      if (value == null || value.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!value.isObject()) {
        fail(path, "expected a mapping, found " + kind(value));
      }
      return value;
    }

    /** A list of texts; a single text is taken as a list of one. */
    public List<String> texts(JsonNode node, String path) throws InvalidYamlException {
      JsonNode value = node.get(leaf(path));
      List<String> texts = new ArrayList<>();
      if (value == null || value.isNull()) {
        return texts;
      }
      if (value.isTextual()) {
        texts.add(value.asText());
        return texts;
      }
      if (!value.isArray()) {
        fail(path, "expected a list of texts, found " + kind(value));
      }
      for (int i = 0; i < value.size(); i++) {
        if (!value.get(i).isTextual() || value.get(i).asText().isBlank()) {
          fail(path + "[" + i + "]", "expected text, found " + value.get(i));
        }
        texts.add(value.get(i).asText());
      }
      return texts;
    }

    public OptionalInt optionalInt(JsonNode node, String path, int min, int max) throws InvalidYamlException {
      JsonNode value = node.get(leaf(path));
      if (value == null) {
        return OptionalInt.empty();
      }
      if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
        fail(path, "expected a whole number from " + min + " to " + max + ", got " + value);
      }
      return OptionalInt.of(value.asInt());
    }

    public boolean optionalBoolean(JsonNode node, String path, boolean otherwise) throws InvalidYamlException {
      JsonNode value = node.get(leaf(path));
      if (value == null) {
        return otherwise;
      }
      if (!value.isBoolean()) {
        fail(path, "expected true or false, got " + value);
      }
      return value.asBoolean();
    }

    private static String leaf(String path) {
      String last = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
      return last;
    }
  }
}
