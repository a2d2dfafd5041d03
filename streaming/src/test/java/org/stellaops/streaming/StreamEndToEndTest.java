package org.stellaops.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.streaming.StreamFixtures.CRITICAL;
import static org.stellaops.streaming.StreamFixtures.HIGH;
import static org.stellaops.streaming.StreamFixtures.IMAGE_A;
import static org.stellaops.streaming.StreamFixtures.IMAGE_B;
import static org.stellaops.streaming.StreamFixtures.IMAGE_C;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.notify.SmtpSettings;

/**
 * With the stream running, an ingested advisory change reaches exactly the impacted images, and
 * each rule's receivers get exactly what the rule says: one message per event, one per throttle
 * window, one digest per window, nothing for an image the change does not touch.
 */
class StreamEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aChangedAdvisoryBecomesRescansAndExactlyTheMessagesTheRulesAskFor(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Stella.ok(db, "ingest", "advisories", StreamFixtures.advisory(dir.resolve("base"), "TEST-0001", "lodash", "4.17.21", HIGH)
        .toString());
    Stella.ok(db, "ingest", "sboms", StreamFixtures.sboms(dir.resolve("sboms")).toString());
    Stella.ok(db, "reevaluate", "--all");
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (WebhookReceiver hooks = new WebhookReceiver()) {
      Path rules = dir.resolve("rules.yaml");
      Files.writeString(rules, String.join("\n",
          "name: every-change",
          "match: {eventKinds: [rescan.delta]}",
          "actions: [{channel: webhook, target: \"" + hooks.url("/every") + "\"}]",
          "---",
          "name: critical-mail",
          "match: {eventKinds: [rescan.delta], minSeverity: critical, namespaces: [\"registry.example/*\"]}",
          "actions: [{channel: email, target: soc@example.test, template: concise}]",
          "---",
          "name: throttled",
          "match: {eventKinds: [rescan.delta]}",
          "actions: [{channel: webhook, target: \"" + hooks.url("/throttled") + "\", throttle: 1h}]",
          "---",
          "name: digest",
          "match: {eventKinds: [rescan.delta]}",
          "actions: [{channel: webhook, target: \"" + hooks.url("/digest") + "\", digest: 3s}]",
          "---",
          "name: other-registry",
          "match: {repositories: [\"other.example/*\"]}",
          "actions: [{channel: webhook, target: \"" + hooks.url("/other") + "\"}]",
          ""));
      Stella.ok(db, "notify", "rules", "apply", rules.toString());
      long baselineVerdicts = Sql.count(db, "SELECT count(*) FROM policy.verdict");
      SmtpSettings mail = new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), "stella@example.test", Optional.empty(),
          Optional.empty(), false);

      try (LocalStream stream = new LocalStream(db, dir.resolve("checkpoints"), 2, -1, mail)) {
        waitUntilFollowing(db);
        Stella.ok(db, "ingest", "advisories",
            StreamFixtures.advisory(dir.resolve("delta1"), "TEST-0100", "lodash", "4.99.0", CRITICAL).toString());

        Await.until("a message per impacted image on the every-change rule", Duration.ofSeconds(60),
            () -> hooks.accepted("/every").size() >= 2, () -> hooks.accepted("/every").toString());
        Await.until("two critical e-mails", Duration.ofSeconds(30), () -> smtp.getReceivedMessages().length >= 2,
            () -> smtp.getReceivedMessages().length + " mails");
        Await.until("a digest", Duration.ofSeconds(30), () -> hooks.accepted("/digest").size() >= 1,
            () -> hooks.accepted("/digest").toString());
        Thread.sleep(1_500); // anything extra would arrive now

        assertThat(images(hooks.accepted("/every"))).containsExactly(IMAGE_A, IMAGE_B);
        for (WebhookReceiver.Received r : hooks.accepted("/every")) {
          JsonNode event = JSON.readTree(r.body()).get("events").get(0);
          assertThat(event.get("newCriticals").asInt()).isEqualTo(1);
          assertThat(event.get("newAdvisoryIds").toString()).contains("TEST-0100");
          assertThat(event.get("snapshot").asLong()).isEqualTo(2);
          assertThat(JSON.readTree(r.body()).get("deliveryId").asText()).isEqualTo(r.deliveryId());
        }
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(List.of(mails[0].getSubject(), mails[1].getSubject())).allSatisfy(subject ->
            assertThat(subject).contains("[stella] critical-mail", "1 new finding (1 critical)"))
            .anySatisfy(subject -> assertThat(subject).contains("registry.example/shop-a"))
            .anySatisfy(subject -> assertThat(subject).contains("registry.example/shop-b"));
        assertThat(hooks.accepted("/throttled")).as("one message per throttle window").hasSize(1);
        assertThat(hooks.accepted("/digest")).singleElement().satisfies(r ->
            assertThat(images(List.of(r))).containsExactly(IMAGE_A, IMAGE_B));
        assertThat(hooks.accepted("/other")).as("the change does not touch image C").isEmpty();

        // The second change: every-change and critical-mail again, the throttle window is the same hour unless
        // the two seals fall on either side of an hour boundary.
        Stella.ok(db, "ingest", "advisories",
            StreamFixtures.advisory(dir.resolve("delta2"), "TEST-0200", "lodash", "4.99.1", CRITICAL).toString());
        Await.until("the second change's messages", Duration.ofSeconds(60),
            () -> hooks.accepted("/every").size() >= 4 && smtp.getReceivedMessages().length >= 4,
            () -> hooks.accepted("/every").size() + " webhook messages, " + smtp.getReceivedMessages().length + " mails");
        List<Long> sealedAt = sealTimes(db);
        long hourWindows = sealedAt.stream().map(t -> Math.floorDiv(t, 3_600_000L)).distinct().count();
        long digestWindows = sealedAt.stream().map(t -> Math.floorDiv(t, 3_000L)).distinct().count();
        Await.until("every digest window sent", Duration.ofSeconds(30),
            () -> hooks.accepted("/digest").size() >= digestWindows, () -> hooks.accepted("/digest").toString());
        Thread.sleep(1_500);
        assertThat(hooks.accepted("/every")).hasSize(4);
        assertThat(smtp.getReceivedMessages()).hasSize(4);
        assertThat(hooks.accepted("/throttled")).hasSize((int) hourWindows);
        assertThat(hooks.accepted("/digest")).hasSize((int) digestWindows);
        assertThat(hooks.accepted("/digest").stream().mapToInt(r -> events(r).size()).sum())
            .as("each event once in some digest").isEqualTo(4);
        assertThat(hooks.accepted("/other")).isEmpty();
      }

      assertThat(Sql.strings(db, "SELECT image_digest || '@' || advisory_snapshot_id FROM policy.verdict"
          + " WHERE job_instance_id = 0 ORDER BY 1")).containsExactly(IMAGE_A + "@2", IMAGE_A + "@3", IMAGE_B + "@2",
              IMAGE_B + "@3");
      assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict")).isEqualTo(baselineVerdicts + 4);
      assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict WHERE image_digest = ?", IMAGE_C)).isEqualTo(1);
      assertThat(Sql.count(db, "SELECT count(*) FROM notify.event")).isEqualTo(4);
      assertThat(Sql.count(db, "SELECT count(*) FROM notify.delivery WHERE status <> 'sent'")).isZero();
      // A batch re-evaluation at the same snapshot finds the stream's verdicts current: nothing is duplicated.
      Stella.ok(db, "reevaluate", "--all");
      assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict")).isEqualTo(baselineVerdicts + 4);

      // The same engine: the batch path on the same inputs, in another database, gives the same verdict digests.
      String batchOnly = TestDatabase.fresh();
      Stella.ok(batchOnly, "ingest", "advisories", dir.resolve("base").toString());
      Stella.ok(batchOnly, "ingest", "sboms", dir.resolve("sboms").toString());
      Stella.ok(batchOnly, "ingest", "advisories", dir.resolve("delta1").toString());
      Stella.ok(batchOnly, "ingest", "advisories", dir.resolve("delta2").toString());
      Stella.ok(batchOnly, "reevaluate", "--all");
      String digests = "SELECT image_digest || '=' || verdict_digest FROM policy.verdict WHERE advisory_snapshot_id = 3"
          + " AND image_digest <> '" + IMAGE_C + "' ORDER BY 1";
      assertThat(Sql.strings(db, digests.replace("WHERE", "WHERE job_instance_id = 0 AND")))
          .hasSize(2).isEqualTo(Sql.strings(batchOnly, digests));
    } finally {
      smtp.stop();
    }
  }

  static void waitUntilFollowing(String db) throws InterruptedException {
    // The source reads the newest snapshot number when it starts; give it a moment before sealing another.
    Thread.sleep(3_000);
  }

  static List<Long> sealTimes(String db) {
    return Sql.query(db, jdbc -> jdbc.queryForList("SELECT (extract(epoch FROM sealed_at) * 1000)::bigint"
        + " FROM vuln.snapshot WHERE seal_seq > 1 ORDER BY seal_seq", Long.class));
  }

  static List<JsonNode> events(WebhookReceiver.Received received) {
    try {
      List<JsonNode> events = new ArrayList<>();
      JSON.readTree(received.body()).get("events").forEach(events::add);
      return events;
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + received.body(), e);
    }
  }

  static Set<String> images(List<WebhookReceiver.Received> received) {
    Set<String> images = new TreeSet<>();
    received.forEach(r -> events(r).forEach(e -> images.add(e.get("imageDigest").asText())));
    return images;
  }
}
