package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.CorpusSummary;
import org.stellaops.connectors.bench.ProgressListener;

/**
 * The scheduler against a real database and real processes: catch-up after downtime, one firing
 * per slot with two scheduler processes, and the per-source cursor across a kill -9 followed by
 * another ingest.
 */
class SchedulerTest {

  @Test
  void invalidYamlIsRejectedWithFileLineColumnAndNothingIsApplied(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: good\nwhen: \"@daily\"\nmode: analysis-only\n---\nname: bad\nwhen: \"0 2 * *\"\nmode: analysis-only\n");
    CliRun apply = CliRun.run(db, "schedule", "apply", file.toString());
    assertThat(apply.exitCode()).isEqualTo(3);
    assertThat(apply.err()).contains(file + ":6:7: when: '0 2 * *' is not a cron schedule: expected 5 cron fields")
        .contains("nothing applied");
    assertThat(CliRun.run(db, "schedule", "list").out()).contains("(no schedules");
    assertThat(CliRun.run(db, "schedule", "apply", dir.resolve("missing.yaml").toString()).exitCode()).isEqualTo(4);
  }

  @Test
  void afterDowntimeMissedSlotsAreFoldedIntoOneRunAndNoSlotFiresTwiceWithTwoSchedulers(@TempDir Path dir) throws Exception {
    CorpusSummary corpus = corpus(dir, 12);
    String db = TestDatabase.fresh();
    ingest(db, corpus.advisoryDirectory(), corpus.sbomDirectory());
    Path yaml = dir.resolve("hourly.yaml");
    Files.writeString(yaml, "name: hourly\nwhen: \"0 * * * * UTC\"\nmode: analysis-only\n");
    assertThat(CliRun.run(db, "schedule", "apply", yaml.toString()).exitCode()).isZero();
    // The scheduler was down for five and a half hours.
    Sql.scalar(db, "UPDATE scheduler.schedule SET fired_up_to = now() - interval '5 hours 30 minutes' RETURNING 1");
    Instant downSince = Instant.parse(Sql.scalar(db, "SELECT to_char(fired_up_to AT TIME ZONE 'UTC',"
        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM scheduler.schedule"));

    // Two scheduler processes wake up at once.
    Process first = StellaProcess.start(db, dir.resolve("s1.log"), "scheduler", "--once");
    Process second = StellaProcess.start(db, dir.resolve("s2.log"), "scheduler", "--once");
    assertThat(first.waitFor(3, TimeUnit.MINUTES) && second.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(dir.resolve("s1.log"))).isZero();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("s2.log"))).isZero();

    Instant now = Instant.now();
    Instant latest = now.truncatedTo(ChronoUnit.HOURS);
    long slots = Duration.between(downSince.truncatedTo(ChronoUnit.HOURS), latest).toHours();
    assertThat(Sql.count(db, "SELECT count(*) FROM scheduler.run")).as("one run for all missed slots").isEqualTo(1);
    assertThat(Sql.scalar(db, "SELECT trigger || ' ' || missed_slots || ' ' || status FROM scheduler.run"))
        .isEqualTo("catch-up " + (slots - 1) + " succeeded");
    assertThat(Sql.count(db, "SELECT extract(epoch FROM slot)::bigint FROM scheduler.run")).isEqualTo(latest.getEpochSecond());
    String logs = Files.readString(dir.resolve("s1.log")) + Files.readString(dir.resolve("s2.log"));
    assertThat(logs).containsOnlyOnce("firing slot").contains((slots - 1) + " earlier missed slot(s) folded into this catch-up run");

    CliRun again = CliRun.run(db, "scheduler", "--once");
    assertThat(again.exitCode()).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM scheduler.run")).as("a fired slot is not fired again").isEqualTo(1);
    assertThat(Sql.count(db, "SELECT selected FROM scheduler.run")).isEqualTo(12);
    assertThat(Sql.count(db, "SELECT count(*) FROM scheduler.run_image WHERE 'no-verdict' = ANY(reasons)"
        + " AND 'delta' = ANY(reasons) AND cardinality(product_keys) > 0")).isEqualTo(12);
  }

  @Test
  void theCursorNeverSkipsOrRepeatsADeltaAcrossKillNineAndAnotherIngest(@TempDir Path dir) throws Exception {
    CorpusSummary corpus = corpus(dir, 40);
    List<Path> zips;
    try (Stream<Path> files = Files.list(corpus.advisoryDirectory())) {
      zips = files.sorted().toList();
    }
    String db = TestDatabase.fresh();
    String reference = TestDatabase.fresh();
    for (String each : List.of(db, reference)) {
      assertThat(CliRun.run(each, "ingest", "sboms", corpus.sbomDirectory().toString()).exitCode()).isZero();
      assertThat(CliRun.run(each, "ingest", "advisories", zips.get(0).toString()).exitCode()).isZero();
    }
    Path yaml = dir.resolve("paced.yaml");
    Files.writeString(yaml, "name: paced\nwhen: \"@daily\"\nmode: analysis-only\nlimits: { ratePerSecond: 8 }\n");
    assertThat(CliRun.run(db, "schedule", "apply", yaml.toString()).exitCode()).isZero();

    KillInterleavingsTest.KilledRun.startAndKillWhen(db, dir.resolve("killed.log"), "policy.verdict",
        "SELECT count(*) >= 5 FROM policy.verdict", "schedule", "run", "paced");
    assertThat(Sql.scalar(db, "SELECT status || ' ' || from_snapshot || ' ' || to_snapshot FROM scheduler.run"))
        .isEqualTo("running 0 1");
    assertThat(Sql.count(db, "SELECT count(*) FROM scheduler.cursor")).as("the cursor moves only with success").isZero();

    // Another command in between: a new delta is sealed while the run lies interrupted.
    for (String each : List.of(db, reference)) {
      assertThat(CliRun.run(each, "ingest", "advisories", zips.get(1).toString()).exitCode()).isZero();
    }
    CliRun resumed = CliRun.run(db, "schedule", "run", "paced");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming run 1").contains("run 1 succeeded; deltas of snapshots 1..1")
        .contains("run 2 succeeded; deltas of snapshots 2..2");
    assertThat(Sql.scalar(db, "SELECT string_agg(run_id || ':' || from_snapshot || '..' || to_snapshot || ':' || status,"
        + " ' ' ORDER BY run_id) FROM scheduler.run")).as("every delta processed by exactly one successful run")
        .isEqualTo("1:0..1:succeeded 2:1..2:succeeded");
    assertThat(Sql.scalar(db, "SELECT source || '=' || snapshot FROM scheduler.cursor WHERE schedule_name = 'paced'"))
        .isEqualTo("advisories=2");
    assertThat(Sql.count(db, "SELECT evaluated FROM scheduler.run WHERE run_id = 1")).isEqualTo(40);

    CliRun nothingNew = CliRun.run(db, "schedule", "run", "paced");
    assertThat(nothingNew.out()).contains("no new deltas (cursor at snapshot 2)").contains("selected 0 image(s)");

    assertThat(CliRun.run(reference, "reevaluate", "--all").exitCode()).isZero();
    assertThat(Sql.scalar(db, Sql.CURRENT_VERDICTS)).isEqualTo(Sql.scalar(reference, Sql.CURRENT_VERDICTS));
  }

  @Test
  void aRunCountsNewCriticalsFixedFindingsAndFlipsPerImage(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    String both = "sha256:" + "a".repeat(64);
    String leftPadOnly = "sha256:" + "b".repeat(64);
    sbom(db, dir, both, "{\"type\": \"library\", \"name\": \"lodash\", \"version\": \"4.17.20\", \"purl\": \"pkg:npm/lodash@4.17.20\"},"
        + " {\"type\": \"library\", \"name\": \"left-pad\", \"version\": \"1.3.0\", \"purl\": \"pkg:npm/left-pad@1.3.0\"},"
        + " {\"type\": \"library\", \"name\": \"minimist\", \"version\": \"1.2.5\", \"purl\": \"pkg:npm/minimist@1.2.5\"}");
    sbom(db, dir, leftPadOnly, "{\"type\": \"library\", \"name\": \"left-pad\", \"version\": \"1.3.0\", \"purl\": \"pkg:npm/left-pad@1.3.0\"}");
    Path yaml = dir.resolve("nightly.yaml");
    Files.writeString(yaml, "name: nightly\nwhen: \"@daily\"\nmode: analysis-only\n");
    assertThat(CliRun.run(db, "schedule", "apply", yaml.toString()).exitCode()).isZero();

    advisory(db, dir.resolve("one"), "GHSA-crit-0001", "2026-01-01T00:00:00Z", "lodash", "4.17.21");
    // Stays as it is: its finding is the same before and after, in a finding group both verdicts share.
    advisory(db, dir.resolve("kept"), "GHSA-crit-0003", "2026-01-01T00:00:00Z", "minimist", "1.2.6");
    assertThat(CliRun.run(db, "schedule", "run", "nightly").exitCode()).isZero();
    // The lodash advisory stops affecting 4.17.20 (fixed), a new critical one hits left-pad in both images.
    advisory(db, dir.resolve("two"), "GHSA-crit-0001", "2026-02-01T00:00:00Z", "lodash", "4.17.0");
    advisory(db, dir.resolve("three"), "GHSA-crit-0002", "2026-02-01T00:00:00Z", "left-pad", "1.3.1");
    CliRun second = CliRun.run(db, "schedule", "run", "nightly");
    assertThat(second.exitCode()).as(second.err()).isZero();

    assertThat(Sql.scalar(db, "SELECT string_agg(ri.image_digest || ' ' || coalesce(ri.previous_decision, '-') || '>' || ri.decision"
        + " || ' new=' || ri.new_criticals || ' fixed=' || ri.fixed, '; ' ORDER BY ri.run_id, ri.image_digest)"
        + " FROM scheduler.run_image ri"))
        .isEqualTo(both + " ->FAIL new=2 fixed=0; " + leftPadOnly + " ->PASS new=0 fixed=0; "
            + both + " FAIL>FAIL new=1 fixed=1; " + leftPadOnly + " PASS>FAIL new=1 fixed=0");
    assertThat(Sql.scalar(db, "SELECT from_snapshot || '..' || to_snapshot || ' new=' || new_criticals || ' fixed=' || fixed"
        + " || ' flips=' || flips FROM scheduler.run WHERE run_id = 2")).isEqualTo("2..4 new=2 fixed=1 flips=1");
    assertThat(CliRun.run(db, "schedule", "runs", "--run", "2").out()).contains(leftPadOnly);
  }

  private static void sbom(String db, Path dir, String image, String components) throws Exception {
    Path file = dir.resolve(image.substring(7, 15) + ".cdx.json");
    Files.writeString(file, ("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"serialNumber\": \"urn:uuid:%s\","
        + " \"components\": [%s]}").formatted(java.util.UUID.nameUUIDFromBytes(image.getBytes()), components));
    CliRun ingest = CliRun.run(db, "ingest", "sboms", file.toString(), "--image-digest", image);
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
  }

  /** A critical (CVSS 9.8) npm advisory affecting {@code name} below {@code fixed}, ingested as its own snapshot. */
  private static void advisory(String db, Path dir, String id, String modified, String name, String fixed) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve(id + ".json");
    Files.writeString(file, ("{\"id\": \"%s\", \"modified\": \"%s\", \"severity\": [{\"type\": \"CVSS_V3\","
        + " \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}], \"affected\": [{\"package\": {\"ecosystem\": \"npm\","
        + " \"name\": \"%s\"}, \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"%s\"}]}]}]}")
        .formatted(id, modified, name, fixed));
    CliRun ingest = CliRun.run(db, "ingest", "advisories", file.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
  }

  private static CorpusSummary corpus(Path dir, int images) throws Exception {
    return new CorpusGenerator().generate(new CorpusSpec(images, 80, 3_000, 29), dir.resolve("corpus"), ProgressListener.none());
  }

  private static void ingest(String db, Path advisories, Path sboms) {
    assertThat(CliRun.run(db, "ingest", "advisories", advisories.toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "ingest", "sboms", sboms.toString()).exitCode()).isZero();
  }
}
