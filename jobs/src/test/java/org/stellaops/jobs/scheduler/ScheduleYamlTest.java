package org.stellaops.jobs.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.advisory.SeverityLevel;

class ScheduleYamlTest {

  @Test
  void readsTheSeedsScheduleWithItsZoneAndLimits() throws Exception {
    List<ScheduleDefinition> schedules = ScheduleYaml.read("s.yaml", """
        name: nightly-eu
        when: "0 2 * * * Europe/Sofia"
        mode: analysis-only # or content-refresh
        selection:
          scope: all-images
          onlyIf: { lastReportOlderThanDays: 7 }
        notify:
          onNewFindings: true
          minSeverity: high
        limits:
          maxJobs: 5000
          ratePerSecond: 50
        ---
        name: hourly
        when: "@hourly"
        mode: analysis-only
        """);
    assertThat(schedules).hasSize(2);
    ScheduleDefinition nightly = schedules.get(0);
    assertThat(nightly.zone()).isEqualTo(ZoneId.of("Europe/Sofia"));
    assertThat(nightly.lastReportOlderThanDays()).hasValue(7);
    assertThat(nightly.maxJobs()).hasValue(5000);
    assertThat(nightly.ratePerSecond()).hasValue(50.0);
    assertThat(nightly.minSeverity()).contains(SeverityLevel.HIGH);
    // 02:00 in Sofia on 2026-11-30 is 00:00 UTC (EET, UTC+2).
    assertThat(nightly.nextSlot(Instant.parse("2026-11-29T12:00:00Z").atZone(ZoneId.of("UTC"))).orElseThrow().toInstant())
        .isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
    assertThat(schedules.get(1).zone()).isEqualTo(ZoneId.of("Z"));
  }

  @Test
  void catchUpFoldsEveryMissedSlotIntoOneRunForTheLatest() throws Exception {
    ScheduleDefinition hourly = ScheduleYaml.read("h.yaml", "name: h\nwhen: \"0 * * * *\"\nmode: analysis-only\n").get(0);
    SchedulerService.Due due = SchedulerService.due(hourly, Instant.parse("2026-11-29T05:30:00Z"),
        Instant.parse("2026-11-29T10:59:59Z")).orElseThrow();
    assertThat(due.slot()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    assertThat(due.missed()).isEqualTo(4); // 06:00, 07:00, 08:00 and 09:00 are folded in
    assertThat(SchedulerService.due(hourly, Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T10:59:59Z")))
        .as("a slot already fired is not fired again").isEmpty();
  }

  @Test
  void errorsNameTheFileLineColumnAndReason() {
    assertError("name: a\nwhen: \"0 2 * * *\"\nmode: analysis-only\nselection:\n  scop: all-images\n",
        "s.yaml:5:3: selection.scop: unknown key 'scop'");
    assertError("name: a\nwhen: \"0 25 * * *\"\nmode: analysis-only\n", "s.yaml:2:7: when: '0 25 * * *' is not a cron schedule");
    assertError("name: a\nwhen: \"0 2 * * * Mars/Olympus\"\nmode: analysis-only\n", "s.yaml:2:7: when: unknown time zone 'Mars/Olympus'");
    assertError("name: a\nwhen: \"0 2 * * *\"\nmode: content-refresh\n", "s.yaml:3:7: mode: content-refresh rescans images");
    assertError("name: a\nwhen: \"0 2 * * *\"\nmode: analysis-only\nlimits: { maxJobs: 0 }\n",
        "s.yaml:4:20: limits.maxJobs: expected a whole number from 1");
    assertError("name: a\nwhen: [\"0 2 * * *\"\nmode: analysis-only\n", "s.yaml:3:");
    assertError("name: a\nwhen: \"0 2 * * *\"\nmode: analysis-only\n---\nname: a\nwhen: \"@daily\"\nmode: analysis-only\n",
        "s.yaml:5:7: schedule 'a' is defined twice");
    assertError("when: \"0 2 * * *\"\nmode: analysis-only\n", "s.yaml:1:1: 'name' is required");
    assertError("- name: a\n", "s.yaml:1:1: a schedule is a mapping");
  }

  private static void assertError(String yaml, String expected) {
    assertThatThrownBy(() -> ScheduleYaml.read("s.yaml", yaml)).isInstanceOf(ScheduleYaml.InvalidScheduleException.class)
        .hasMessageStartingWith(expected);
  }
}
