package org.stellaops.jobs.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * One validated schedule: when it fires (a cron expression in a time zone), what it selects, and
 * its limits. See docs/schedules.md for the YAML form.
 *
 * @param name unique name ({@code nightly-eu})
 * @param when the {@code when} text as written ({@code "0 2 * * * Europe/Sofia"})
 * @param cron the cron part of {@code when}
 * @param zone the time zone slots are computed in (UTC when {@code when} names none)
 * @param mode {@code analysis-only}: re-evaluate stored SBOMs against the newest advisories
 * @param scope {@code all-images} or {@code selected} (then {@code imageDigests} limits it)
 * @param imageDigests the images a {@code selected} scope keeps
 * @param lastReportOlderThanDays also re-evaluate images whose newest verdict is older than this
 * @param maxJobs at most this many images per run; the rest wait for the next run
 * @param ratePerSecond evaluate at most this many images per second
 * @param onNewFindings whether runs report images with new findings (recorded with the run)
 * @param minSeverity the lowest severity that counts as a new finding for reporting
 * @param enabled whether the scheduler fires it
 */
public record ScheduleDefinition(
    String name,
    String when,
    CronSlots cron,
    ZoneId zone,
    String mode,
    String scope,
    List<String> imageDigests,
    OptionalInt lastReportOlderThanDays,
    OptionalInt maxJobs,
    OptionalDouble ratePerSecond,
    boolean onNewFindings,
    Optional<SeverityLevel> minSeverity,
    boolean enabled) {
  public static final String ANALYSIS_ONLY = "analysis-only";
  public static final String ALL_IMAGES = "all-images";
  public static final String SELECTED = "selected";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ScheduleDefinition {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(cron, "cron is null");
    Objects.requireNonNull(zone, "zone is null");
    imageDigests = List.copyOf(imageDigests);
  }

  /** The first slot strictly after {@code after}, in the schedule's zone. */
  public Optional<ZonedDateTime> nextSlot(ZonedDateTime after) {
    return cron.next(after.withZoneSameInstant(zone));
  }

  /** The definition as stored and listed: every field, defaults filled in, keys in a fixed order. */
  public ObjectNode toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", name);
    node.put("when", when);
    node.put("zone", zone.getId());
    node.put("mode", mode);
    ObjectNode selection = node.putObject("selection");
    selection.put("scope", scope);
    if (scope.equals(SELECTED)) {
      ArrayNode digests = selection.putObject("selectors").putArray("imageDigests");
      imageDigests.forEach(digests::add);
    }
    lastReportOlderThanDays.ifPresent(d -> selection.putObject("onlyIf").put("lastReportOlderThanDays", d));
    ObjectNode limits = node.putObject("limits");
    maxJobs.ifPresent(m -> limits.put("maxJobs", m));
    ratePerSecond.ifPresent(r -> limits.put("ratePerSecond", r));
    ObjectNode notify = node.putObject("notify");
    notify.put("onNewFindings", onNewFindings);
    minSeverity.ifPresent(s -> notify.put("minSeverity", s.name().toLowerCase(java.util.Locale.ROOT)));
    node.put("enabled", enabled);
    return node;
  }

  /** Reads a stored definition back. */
  static ScheduleDefinition fromJson(JsonNode node) {
    try {
      ObjectNode copy = node.deepCopy();
      copy.remove("zone"); // derived from `when`, stored for readers of the table
      return ScheduleYaml.stored(copy);
    } catch (ScheduleYaml.InvalidScheduleException e) {
      throw new IllegalStateException("stored schedule no longer valid: " + e.getMessage(), e);
    }
  }
}
