package org.stellaops.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.streaming.StreamFixtures.CRITICAL;
import static org.stellaops.streaming.StreamFixtures.HIGH;
import static org.stellaops.streaming.StreamFixtures.IMAGE_A;
import static org.stellaops.streaming.StreamFixtures.IMAGE_B;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a running stream, an ingest while it is down, and a restart: the restarted stream
 * resumes from the newest retained checkpoint, and every receiver gets each message exactly once
 * (a target answering 500 first still gets one; one answering 400 ends in the dead letters), with
 * the verdict history complete.
 */
class StreamRecoveryTest {

  @Test
  void killedMidStreamAndRestartedLosesAndRepeatsNothing(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Stella.ok(db, "ingest", "advisories", StreamFixtures.advisory(dir.resolve("base"), "TEST-0001", "lodash", "4.17.21", HIGH)
        .toString());
    Stella.ok(db, "ingest", "sboms", StreamFixtures.sboms(dir.resolve("sboms")).toString());
    Stella.ok(db, "reevaluate", "--all");
    try (WebhookReceiver hooks = new WebhookReceiver((path, n) -> path.equals("/gone") ? 400
        : path.equals("/flaky") && n == 1 ? 500 : 200)) {
      Path rules = dir.resolve("rules.yaml");
      Files.writeString(rules, String.join("\n",
          "name: every-change",
          "actions: [{channel: webhook, target: \"" + hooks.url("/every") + "\"}]",
          "---",
          "name: flaky-receiver",
          "actions: [{channel: webhook, target: \"" + hooks.url("/flaky") + "\"}]",
          "---",
          "name: gone-receiver",
          "actions: [{channel: webhook, target: \"" + hooks.url("/gone") + "\"}]",
          ""));
      Stella.ok(db, "notify", "rules", "apply", rules.toString());
      String[] args = {"--db-url=" + db, "--checkpoint-dir=" + dir.resolve("checkpoints"), "--checkpoint-interval=300ms",
          "--poll=100ms", "--home=" + dir.resolve("home")};

      StreamProcess first = new StreamProcess(dir.resolve("first.log"), List.of(), args);
      Await.until("the first stream running", Duration.ofSeconds(60), () -> first.output().contains("running locally"),
          first::output);
      Thread.sleep(2_000);
      Stella.ok(db, "ingest", "advisories",
          StreamFixtures.advisory(dir.resolve("delta1"), "TEST-0100", "lodash", "4.99.0", CRITICAL).toString());
      Await.until("the first change delivered", Duration.ofSeconds(60), () -> hooks.accepted("/every").size() == 2,
          () -> hooks.accepted("/every").toString() + "\n" + first.output());
      Thread.sleep(1_000); // a checkpoint after the first change
      Stella.ok(db, "ingest", "advisories",
          StreamFixtures.advisory(dir.resolve("delta2"), "TEST-0200", "lodash", "4.99.1", CRITICAL).toString());
      Thread.sleep(300);
      first.killHard();

      // While it is down: another change.
      Stella.ok(db, "ingest", "advisories",
          StreamFixtures.advisory(dir.resolve("delta3"), "TEST-0300", "lodash", "4.99.2", CRITICAL).toString());

      try (StreamProcess second = new StreamProcess(dir.resolve("second.log"), List.of(), args)) {
        Await.until("the restarted stream running", Duration.ofSeconds(60), () -> second.output().contains("running locally"),
            second::output);
        assertThat(second.output()).contains("resuming from " + dir.resolve("checkpoints"));
        Await.until("all three changes delivered", Duration.ofSeconds(90),
            () -> hooks.accepted("/every").size() >= 6 && hooks.accepted("/flaky").size() >= 6,
            () -> hooks.accepted("/every").size() + " every, " + hooks.accepted("/flaky").size() + " flaky\n"
                + second.output());
        Thread.sleep(2_000); // anything repeated would arrive now
      }

      for (String path : List.of("/every", "/flaky")) {
        List<WebhookReceiver.Received> got = hooks.accepted(path);
        assertThat(got).as(path).hasSize(6);
        assertThat(got.stream().map(WebhookReceiver.Received::deliveryId).distinct()).as(path + " delivery ids").hasSize(6);
        java.util.TreeSet<String> delivered = new java.util.TreeSet<>();
        got.forEach(r -> StreamEndToEndTest.events(r).forEach(e -> delivered.add(e.get("imageDigest").asText() + "@"
            + e.get("snapshot").asLong())));
        assertThat(delivered).as(path + ": each impacted image at each snapshot once")
            .containsExactly(IMAGE_A + "@2", IMAGE_A + "@3", IMAGE_A + "@4", IMAGE_B + "@2", IMAGE_B + "@3", IMAGE_B + "@4");
      }
      assertThat(hooks.refused("/flaky")).as("the first attempt got a 500").hasSize(1);
      assertThat(hooks.refused("/gone")).as("a 400 is not retried").hasSize(6);
      // (a claim the killed process held counts as an attempt too, so attempts may be 2 there)
      assertThat(Sql.count(db, "SELECT count(*) FROM notify.delivery WHERE status = 'dead' AND rule_name = 'gone-receiver'"
          + " AND last_error LIKE '%HTTP 400%'")).isEqualTo(6);
      assertThat(Stella.ok(db, "notify", "deliveries", "--dead").out()).contains("gone-receiver", "HTTP 400");
      assertThat(Sql.strings(db, "SELECT image_digest || '@' || advisory_snapshot_id FROM policy.verdict"
          + " WHERE job_instance_id = 0 ORDER BY 1")).as("verdict history complete, nothing twice")
          .containsExactly(IMAGE_A + "@2", IMAGE_A + "@3", IMAGE_A + "@4", IMAGE_B + "@2", IMAGE_B + "@3", IMAGE_B + "@4");
      assertThat(Sql.count(db, "SELECT count(*) FROM notify.event")).isEqualTo(6);
      assertThat(Sql.count(db, "SELECT count(*) FROM notify.delivery")).isEqualTo(18);
    }
  }
}
