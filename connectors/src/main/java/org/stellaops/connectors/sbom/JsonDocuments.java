package org.stellaops.connectors.sbom;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.stellaops.connectors.DocumentException;

/** Reads JSON into a tree and turns Jackson's errors into {@link DocumentException}s that say where and why. */
final class JsonDocuments {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonDocuments() {}

  /** The whole document as a tree; malformed or truncated JSON fails with its line and column. */
  static JsonNode readTree(String source, byte[] bytes) throws DocumentException {
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw malformed(source, e);
    } catch (IOException e) {
      throw new DocumentException(source, "", "cannot read the JSON: " + e.getMessage(), e);
    }
  }

  /** Serialises a tree we built ourselves; cannot fail for trees made of plain nodes. */
  static byte[] bytes(JsonNode tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Text of a string field, absent when missing, blank or not a string. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** A syntax error: the location is the line and column Jackson stopped at. */
  static DocumentException malformed(String source, JsonProcessingException e) {
    String reason = readable(e.getOriginalMessage());
    if (e instanceof JsonEOFException) {
      reason = "the JSON ends too early, the file looks truncated (" + reason + ")";
    } else {
      reason = "malformed JSON: " + reason;
    }
    return new DocumentException(source, lineAndColumn(e.getLocation()), reason, e);
  }

  /** A value that the CycloneDX model does not accept: the location is the JSON path to it. */
  static DocumentException unmappable(String source, JsonMappingException e) {
    return new DocumentException(
        source, path(e), "the CycloneDX model does not accept this value: " + readable(e.getOriginalMessage()), e);
  }

  /** {@code components[3].licenses[0]}: Jackson's reference chain as a JSON path. */
  static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      }
    }
    return path.toString();
  }

  static String lineAndColumn(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Jackson's message without its "[Source: REDACTED ...]" noise. */
  private static String readable(String message) {
    if (message == null) {
      return "no detail given";
    }
    return message
        .replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
        .replaceAll("\\s+", " ")
        .trim();
  }
}
