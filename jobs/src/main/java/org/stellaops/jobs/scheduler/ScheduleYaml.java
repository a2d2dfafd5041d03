package org.stellaops.jobs.scheduler;

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
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * Reads schedules from YAML: one schedule per document (several documents separated by
 * {@code ---} give several schedules). Every error names the file, the line and column of the
 * offending value, and the reason; nothing is applied from a file with any error.
 */
public final class ScheduleYaml {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Set<String> TOP = Set.of("name", "when", "mode", "selection", "limits", "notify", "enabled");
  private static final Set<String> SELECTION = Set.of("scope", "selectors", "onlyIf");

  /** Suffix of the paths under which the location of a key (rather than its value) is kept. */
  private static final String KEY = "#key";

  private ScheduleYaml() {}

  /** A schedule that cannot be applied, with where and why. */
  public static final class InvalidScheduleException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidScheduleException(String message) {
      super(message);
    }
  }

  /** Where each value of a document starts, by path ({@code selection.onlyIf.lastReportOlderThanDays}). */
  static final class Locations {
    static final Locations NONE = new Locations(Map.of());
    private final Map<String, JsonLocation> byPath;

    private Locations(Map<String, JsonLocation> byPath) {
      this.byPath = byPath;
    }

    /** Where the key of {@code path} is written; where its value is when the key's place is unknown. */
    String key(String path) {
      JsonLocation location = byPath.get(path + KEY);
      return location != null ? location.getLineNr() + ":" + location.getColumnNr() : at(path);
    }

    String at(String path) {
      for (String p = path; ; p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : "") {
        JsonLocation location = byPath.get(p);
        if (location != null) {
          return location.getLineNr() + ":" + location.getColumnNr();
        }
        if (p.isEmpty()) {
          return "1:1";
        }
      }
    }
  }

  /** The schedules of {@code text}, read from {@code file} (named in errors). */
  public static List<ScheduleDefinition> read(String file, String text) throws InvalidScheduleException {
    List<ScheduleDefinition> schedules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Map<String, JsonLocation> locations = new HashMap<>();
        JsonLocation start = parser.currentTokenLocation();
        JsonNode root = value(parser, token, "", locations, file);
        if (!root.isObject()) {
          throw new InvalidScheduleException(file + ":" + start.getLineNr() + ":" + start.getColumnNr()
              + ": a schedule is a mapping (name:, when:, mode:, ...), found " + kind(root));
        }
        ScheduleDefinition schedule = definition(root, new Locations(locations), file);
        if (!names.add(schedule.name())) {
          throw new InvalidScheduleException(file + ":" + new Locations(locations).at("name") + ": schedule '"
              + schedule.name() + "' is defined twice in this file");
        }
        schedules.add(schedule);
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
      throw new InvalidScheduleException(file + ":" + where + ": not valid YAML: " + reason.replace('\n', ' ').strip());
    } catch (IOException e) {
      throw new InvalidScheduleException(file + ": cannot read: " + e.getMessage());
    }
    if (schedules.isEmpty()) {
      throw new InvalidScheduleException(file + ":1:1: no schedule in the file");
    }
    return schedules;
  }

  private static JsonNode value(JsonParser parser, JsonToken token, String path, Map<String, JsonLocation> locations,
      String file) throws IOException, InvalidScheduleException {
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
            throw new InvalidScheduleException(file + ":" + parser.currentTokenLocation().getLineNr() + ":"
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

  /** Validates one schedule document. */
  static ScheduleDefinition definition(JsonNode root, Locations at, String file) throws InvalidScheduleException {
    Problems problems = new Problems(file, at);
    problems.onlyKeys(root, "", TOP);
    String name = problems.requiredText(root, "name");
    if (!NAME.matcher(name).matches()) {
      problems.fail("name", "a schedule name is 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter"
          + " or digit; got '" + name + "'");
    }
    String when = problems.requiredText(root, "when").trim();
    String[] parts = when.split("\\s+");
    ZoneId zone = ZoneOffset.UTC;
    String cronText = when;
    String last = parts[parts.length - 1];
    boolean macro = when.startsWith("@");
    if ((macro && parts.length == 2) || (!macro && parts.length == 6)) {
      try {
        zone = ZoneId.of(last);
      } catch (DateTimeException e) {
        problems.fail("when", "unknown time zone '" + last + "' (use a region such as Europe/Sofia, or UTC)");
      }
      cronText = when.substring(0, when.length() - last.length()).trim();
    }
    CronSlots cron = null;
    try {
      cron = CronSlots.parse(cronText);
    } catch (IllegalArgumentException e) {
      problems.fail("when", "'" + when + "' is not a cron schedule: " + e.getMessage()
          + " (e.g. \"0 2 * * * Europe/Sofia\": 02:00 every day in Sofia)");
    }
    String mode = problems.requiredText(root, "mode");
    if (mode.equals("content-refresh")) {
      problems.fail("mode", "content-refresh rescans images for fresh SBOMs, and this data plane runs no scanner: use "
          + "analysis-only (re-evaluate the stored SBOMs) and ingest new SBOMs with stella ingest sboms");
    } else if (!mode.equals(ScheduleDefinition.ANALYSIS_ONLY)) {
      problems.fail("mode", "mode is analysis-only, got '" + mode + "'");
    }
    JsonNode selection = problems.object(root, "selection");
    problems.onlyKeys(selection, "selection", SELECTION);
    String scope = selection.has("scope") ? problems.text(selection, "selection.scope") : ScheduleDefinition.ALL_IMAGES;
    List<String> digests = new ArrayList<>();
    JsonNode selectors = problems.object(selection, "selection.selectors");
    problems.onlyKeys(selectors, "selection.selectors", Set.of("imageDigests"));
    if (selectors.has("imageDigests")) {
      JsonNode list = selectors.get("imageDigests");
      if (!list.isArray()) {
        problems.fail("selection.selectors.imageDigests", "imageDigests is a list of image digests");
      }
      for (int i = 0; i < list.size(); i++) {
        String digest = list.get(i).asText();
        if (!DIGEST.matcher(digest).matches()) {
          problems.fail("selection.selectors.imageDigests[" + i + "]", "'" + digest + "' is not an image digest (sha256:<64 hex>)");
        }
        digests.add(digest);
      }
    }
    if (scope.equals(ScheduleDefinition.SELECTED) && digests.isEmpty()) {
      problems.fail("selection.scope", "scope selected needs selectors.imageDigests");
    } else if (!scope.equals(ScheduleDefinition.SELECTED) && !scope.equals(ScheduleDefinition.ALL_IMAGES)) {
      problems.fail("selection.scope", "scope is all-images or selected, got '" + scope + "'");
    } else if (scope.equals(ScheduleDefinition.ALL_IMAGES) && !digests.isEmpty()) {
      problems.fail("selection.selectors", "selectors apply to scope selected; this scope is all-images");
    }
    JsonNode onlyIf = problems.object(selection, "selection.onlyIf");
    problems.onlyKeys(onlyIf, "selection.onlyIf", Set.of("lastReportOlderThanDays"));
    OptionalInt olderThan = problems.optionalInt(onlyIf, "selection.onlyIf.lastReportOlderThanDays", 0, 36_500);
    JsonNode limits = problems.object(root, "limits");
    problems.onlyKeys(limits, "limits", Set.of("maxJobs", "ratePerSecond"));
    OptionalInt maxJobs = problems.optionalInt(limits, "limits.maxJobs", 1, Integer.MAX_VALUE);
    OptionalDouble rate = OptionalDouble.empty();
    if (limits.has("ratePerSecond")) {
      JsonNode r = limits.get("ratePerSecond");
      if (!r.isNumber() || r.asDouble() <= 0) {
        problems.fail("limits.ratePerSecond", "ratePerSecond is a number above 0, got " + r);
      }
      rate = OptionalDouble.of(r.asDouble());
    }
    JsonNode notify = problems.object(root, "notify");
    problems.onlyKeys(notify, "notify", Set.of("onNewFindings", "minSeverity"));
    boolean onNew = problems.optionalBoolean(notify, "notify.onNewFindings", false);
    Optional<SeverityLevel> minSeverity = Optional.empty();
    if (notify.has("minSeverity")) {
      String level = notify.get("minSeverity").asText();
      try {
        minSeverity = Optional.of(SeverityLevel.valueOf(level.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.fail("notify.minSeverity", "minSeverity is one of low, medium, high, critical; got '" + level + "'");
      }
    }
    boolean enabled = problems.optionalBoolean(root, "enabled", true);
    return new ScheduleDefinition(name, when, cron, zone, mode, scope, digests, olderThan, maxJobs, rate, onNew, minSeverity,
        enabled);
  }

  private static String kind(JsonNode node) {
    return node.isArray() ? "a list" : node.isNull() ? "nothing" : "a single value";
  }

  /** Fails at the first problem, with file, line, column and reason. */
  private record Problems(String file, Locations at) {
    void fail(String path, String reason) throws InvalidScheduleException {
      throw new InvalidScheduleException(file + ":" + at.at(path) + ": " + (path.isEmpty() ? "" : path + ": ") + reason);
    }

    void onlyKeys(JsonNode node, String path, Set<String> allowed) throws InvalidScheduleException {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!allowed.contains(key)) {
          String child = path.isEmpty() ? key : path + "." + key;
          throw new InvalidScheduleException(file + ":" + at.key(child) + ": " + child + ": unknown key '" + key
              + "'; expected one of " + new java.util.TreeSet<>(allowed));
        }
      }
    }

    String requiredText(JsonNode node, String path) throws InvalidScheduleException {
      if (!node.has(leaf(path))) {
        fail(path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "", "'" + leaf(path) + "' is required");
      }
      return text(node, path);
    }

    String text(JsonNode node, String path) throws InvalidScheduleException {
      JsonNode value = node.get(leaf(path));
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        fail(path, "expected text");
      }
      return value.asText();
    }

    JsonNode object(JsonNode node, String path) throws InvalidScheduleException {
      JsonNode value = node.get(leaf(path));
      if (value == null || value.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!value.isObject()) {
        fail(path, "expected a mapping");
      }
      return value;
    }

    OptionalInt optionalInt(JsonNode node, String path, int min, int max) throws InvalidScheduleException {
      JsonNode value = node.get(leaf(path));
      if (value == null) {
        return OptionalInt.empty();
      }
      if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
        fail(path, "expected a whole number from " + min + " to " + max + ", got " + value);
      }
      return OptionalInt.of(value.asInt());
    }

    boolean optionalBoolean(JsonNode node, String path, boolean otherwise) throws InvalidScheduleException {
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
      return path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
    }
  }
}
