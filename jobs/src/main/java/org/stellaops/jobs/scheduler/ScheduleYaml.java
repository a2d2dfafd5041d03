package org.stellaops.jobs.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.stellaops.connectors.yaml.LocatedYaml;
import org.stellaops.connectors.yaml.LocatedYaml.Document;
import org.stellaops.connectors.yaml.LocatedYaml.InvalidYamlException;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * Reads schedules from YAML: one schedule per document (several documents separated by
 * {@code ---} give several schedules). Every error names the file, the line and column of the
 * offending value, and the reason; nothing is applied from a file with any error.
 */
public final class ScheduleYaml {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Set<String> TOP = Set.of("name", "when", "mode", "selection", "limits", "notify", "enabled");
  private static final Set<String> SELECTION = Set.of("scope", "selectors", "onlyIf");

  private ScheduleYaml() {}

  /** A schedule that cannot be applied, with where and why. */
  public static final class InvalidScheduleException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidScheduleException(String message) {
      super(message);
    }
  }

  /** The schedules of {@code text}, read from {@code file} (named in errors). */
  public static List<ScheduleDefinition> read(String file, String text) throws InvalidScheduleException {
    List<ScheduleDefinition> schedules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try {
      for (Document document : LocatedYaml.read(file, text)) {
        if (!document.root().isObject()) {
          throw new InvalidScheduleException(file + ":" + document.start()
              + ": a schedule is a mapping (name:, when:, mode:, ...), found " + LocatedYaml.kind(document.root()));
        }
        ScheduleDefinition schedule = definition(document.root(), document.problems());
        if (!names.add(schedule.name())) {
          throw new InvalidScheduleException(file + ":" + document.locations().at("name") + ": schedule '"
              + schedule.name() + "' is defined twice in this file");
        }
        schedules.add(schedule);
      }
    } catch (InvalidYamlException e) {
      throw new InvalidScheduleException(e.getMessage());
    }
    if (schedules.isEmpty()) {
      throw new InvalidScheduleException(file + ":1:1: no schedule in the file");
    }
    return schedules;
  }

  /** Validates a schedule stored earlier (places in errors are unknown). */
  static ScheduleDefinition stored(JsonNode root) throws InvalidScheduleException {
    try {
      return definition(root, LocatedYaml.read("stored schedule", "{}").get(0).problems());
    } catch (InvalidYamlException e) {
      throw new InvalidScheduleException(e.getMessage());
    }
  }

  /** Validates one schedule document. */
  private static ScheduleDefinition definition(JsonNode root, LocatedYaml.Problems problems) throws InvalidYamlException {
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
}
