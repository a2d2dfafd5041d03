package org.stellaops.connectors.osv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.stellaops.connectors.DocumentException;
import org.stellaops.engine.severity.SeverityRating;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;

/**
 * Reads one OSV record (JSON or YAML, schema 1.x) into a normalised {@link Advisory}.
 *
 * <p>Structure errors name the JSON path ({@code affected[2].ranges[0].events[1]}); syntax
 * errors name the line and column. Affected entries without a package (pure GIT records) are
 * kept only in the raw document: they cannot be matched to a package.
 */
public final class OsvAdvisoryParser {

  /** Parses {@code bytes}; {@code source} names the document in errors and picks YAML by its extension. */
  public Advisory parse(String source, byte[] bytes) throws DocumentException {
    return parse(source, JsonTrees.read(source, bytes));
  }

  /** Reads an OSV record already parsed into {@code root} (see {@link JsonTrees#read}). */
  public Advisory parse(String source, JsonNode root) throws DocumentException {
    if (!root.isObject()) {
      throw new DocumentException(source, "$", "an OSV record must be a JSON object, found " + kind(root));
    }
    Fields doc = new Fields(source, root, "");
    String id = doc.requiredText("id");
    List<AffectedPackage> affected = new ArrayList<>();
    List<JsonNode> entries = doc.array("affected");
    for (int i = 0; i < entries.size(); i++) {
      affectedPackage(new Fields(source, entries.get(i), "affected[" + i + "]")).ifPresent(affected::add);
    }
    return new Advisory(
        id,
        doc.textList("aliases"),
        summary(doc),
        severity(doc, root.path("database_specific")),
        doc.optionalText("published"),
        doc.optionalText("modified"),
        doc.optionalText("withdrawn"),
        affected,
        references(root),
        cweIds(root));
  }

  /** The URLs of {@code references[]}, in document order, each once; entries without a URL are left out. */
  private static List<String> references(JsonNode root) {
    LinkedHashSet<String> urls = new LinkedHashSet<>();
    for (JsonNode reference : root.path("references")) {
      JsonNode url = reference.path("url");
      if (url.isTextual() && !url.asText().isBlank()) {
        urls.add(url.asText().strip());
      }
    }
    return List.copyOf(urls);
  }

  /** {@code database_specific.cwe_ids} (GitHub's and others'), upper-cased, sorted, each once. */
  private static List<String> cweIds(JsonNode root) {
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    for (JsonNode id : root.path("database_specific").path("cwe_ids")) {
      String text = id.asText("").strip().toUpperCase(java.util.Locale.ROOT);
      if (text.matches("CWE-\\d+")) {
        ids.add(text);
      }
    }
    return List.copyOf(ids);
  }

  private static Optional<AffectedPackage> affectedPackage(Fields entry) throws DocumentException {
    entry.requireObject();
    JsonNode pkg = entry.node().path("package");
    if (pkg.isMissingNode() || pkg.isNull()) {
      return Optional.empty();
    }
    Fields pkgFields = entry.child("package");
    pkgFields.requireObject();
    List<AffectedRange> ranges = new ArrayList<>();
    List<JsonNode> rangeNodes = entry.array("ranges");
    for (int r = 0; r < rangeNodes.size(); r++) {
      ranges.add(range(entry.child("ranges", r)));
    }
    Optional<Severity> severity = Optional.empty();
    if (entry.node().has("severity")) {
      severity = Optional.of(severity(entry, entry.node().path("ecosystem_specific")));
    } else if (entry.node().path("ecosystem_specific").has("severity")
        || entry.node().path("database_specific").has("severity")) {
      JsonNode specific = entry.node().path("ecosystem_specific").has("severity")
          ? entry.node().path("ecosystem_specific") : entry.node().path("database_specific");
      severity = Optional.of(severity(entry, specific));
    }
    return Optional.of(new AffectedPackage(
        pkgFields.requiredText("ecosystem"),
        pkgFields.requiredText("name"),
        pkgFields.optionalText("purl"),
        ranges,
        entry.textList("versions"),
        severity));
  }

  private static AffectedRange range(Fields range) throws DocumentException {
    range.requireObject();
    String typeText = range.requiredText("type");
    RangeType type;
    try {
      type = RangeType.valueOf(typeText);
    } catch (IllegalArgumentException e) {
      throw range.error("type", "unknown range type '" + typeText + "' (expected SEMVER, ECOSYSTEM or GIT)");
    }
    List<RangeEvent> events = new ArrayList<>();
    List<JsonNode> eventNodes = range.array("events");
    for (int e = 0; e < eventNodes.size(); e++) {
      events.add(event(range.child("events", e)));
    }
    if (events.isEmpty()) {
      throw range.error("events", "a range needs at least one event");
    }
    return new AffectedRange(type, range.optionalText("repo"), events);
  }

  private static RangeEvent event(Fields event) throws DocumentException {
    event.requireObject();
    for (RangeEventKind kind : RangeEventKind.values()) {
      Optional<String> version = event.optionalText(kind.osvName());
      if (version.isPresent()) {
        return new RangeEvent(kind, version.get());
      }
    }
    throw event.error("", "the event has none of introduced, fixed, last_affected, limit");
  }

  /** Highest severity among CVSS vectors and feed words; unknown when the record gives none. */
  private static Severity severity(Fields holder, JsonNode specific) throws DocumentException {
    List<Severity> found = new ArrayList<>();
    List<JsonNode> scores = holder.array("severity");
    for (int i = 0; i < scores.size(); i++) {
      Fields score = holder.child("severity", i);
      String type = score.optionalText("type").orElse("");
      score.optionalText("score").flatMap(text -> SeverityRating.fromOsv(type, text)).ifPresent(found::add);
    }
    JsonNode word = specific.path("severity");
    if (word.isTextual()) {
      SeverityRating.fromWord(word.asText()).ifPresent(found::add);
    }
    return SeverityRating.highest(found);
  }

  private static String summary(Fields doc) throws DocumentException {
    Optional<String> summary = doc.optionalText("summary");
    return summary.isPresent() ? summary.get() : doc.optionalText("details").map(OsvAdvisoryParser::firstLine).orElse("");
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  static String kind(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    } else if (node.isArray()) {
      return "an array";
    } else if (node.isNull()) {
      return "null";
    }
    return "a scalar";
  }

  /** Typed field access with the JSON path kept for errors. */
  private record Fields(String source, JsonNode node, String path) {
    Fields child(String field) {
      return new Fields(source, node.path(field), join(field));
    }

    Fields child(String field, int index) {
      return new Fields(source, node.path(field).path(index), join(field) + "[" + index + "]");
    }

    void requireObject() throws DocumentException {
      if (!node.isObject()) {
        throw new DocumentException(source, path, "expected an object, found " + kind(node));
      }
    }

    String requiredText(String field) throws DocumentException {
      return optionalText(field)
          .filter(text -> !text.isBlank())
          .orElseThrow(() -> error(field, "required field is missing or empty"));
    }

    Optional<String> optionalText(String field) throws DocumentException {
      JsonNode value = node.path(field);
      if (value.isMissingNode() || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isValueNode()) {
        throw error(field, "expected text, found " + kind(value));
      }
      return Optional.of(value.asText());
    }

    List<JsonNode> array(String field) throws DocumentException {
      JsonNode value = node.path(field);
      if (value.isMissingNode() || value.isNull()) {
        return List.of();
      }
      if (!value.isArray()) {
        throw error(field, "expected an array, found " + kind(value));
      }
      List<JsonNode> items = new ArrayList<>(value.size());
      value.forEach(items::add);
      return items;
    }

    List<String> textList(String field) throws DocumentException {
      LinkedHashSet<String> texts = new LinkedHashSet<>();
      List<JsonNode> items = array(field);
      for (int i = 0; i < items.size(); i++) {
        if (!items.get(i).isValueNode() || items.get(i).isNull()) {
          throw error(field + "[" + i + "]", "expected text, found " + kind(items.get(i)));
        }
        texts.add(items.get(i).asText());
      }
      return List.copyOf(texts);
    }

    DocumentException error(String field, String reason) {
      return new DocumentException(source, field.isEmpty() ? path : join(field), reason);
    }

    private String join(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }
  }

}
