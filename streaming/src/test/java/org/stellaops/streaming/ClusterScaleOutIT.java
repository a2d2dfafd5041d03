package org.stellaops.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.streaming.StreamFixtures.CRITICAL;
import static org.stellaops.streaming.StreamFixtures.HIGH;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same job, submitted by {@code stella stream --cluster} with its jars, at parallelism 2 on a
 * real standalone cluster of one JobManager and two TaskManagers: the keyed rescan runs on both
 * TaskManagers, and a TaskManager killed mid-stream (then replaced) loses and repeats nothing.
 * Runs after packaging (failsafe), because it ships the built job jar.
 */
class ClusterScaleOutIT {
  private static final int IMAGES = 12;

  @Test
  void theJobSpreadsOverTwoTaskManagersAndSurvivesLosingOne(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Stella.ok(db, "ingest", "advisories", StreamFixtures.advisory(dir.resolve("base"), "TEST-0001", "lodash", "4.17.21", HIGH)
        .toString());
    List<String> images = StreamFixtures.lodashFleet(dir.resolve("sboms"), IMAGES);
    Stella.ok(db, "ingest", "sboms", dir.resolve("sboms").toString());
    Stella.ok(db, "reevaluate", "--all");
    try (WebhookReceiver hooks = new WebhookReceiver(); FlinkCluster cluster = new FlinkCluster(dir.resolve("cluster"), 2)) {
      Path rules = dir.resolve("rules.yaml");
      Files.writeString(rules, "name: every-change\nactions: [{channel: webhook, target: \"" + hooks.url("/every") + "\"}]\n");
      Stella.ok(db, "notify", "rules", "apply", rules.toString());
      try (StreamProcess client = new StreamProcess(dir.resolve("client.log"), List.of(), "--db-url=" + db,
          "--cluster=localhost:" + cluster.restPort(), "--parallelism=2", "--checkpoint-dir=" + dir.resolve("checkpoints"),
          "--checkpoint-interval=500ms", "--poll=100ms", "--home=" + dir.resolve("home"))) {
        Await.until("the job submitted", Duration.ofSeconds(120), () -> client.output().contains("running on"),
            client::output);
        String job = awaitRunning(cluster, client);
        assertThat(taskManagersOf(cluster, job, "rescan")).as("rescan subtasks on both TaskManagers").hasSize(2);

        Stella.ok(db, "ingest", "advisories",
            StreamFixtures.advisory(dir.resolve("delta1"), "TEST-0100", "lodash", "4.99.0", CRITICAL).toString());
        Await.until("a message per image", Duration.ofSeconds(90), () -> hooks.accepted("/every").size() >= IMAGES,
            () -> hooks.accepted("/every").size() + "\n" + client.output());
        Await.until("keyed work on both rescan subtasks (the REST metrics lag a little)", Duration.ofSeconds(30), () -> {
          try {
            List<Long> records = recordsIn(cluster, job, "rescan");
            return records.size() == 2 && records.stream().allMatch(n -> n > 0)
                && records.stream().mapToLong(Long::longValue).sum() == IMAGES;
          } catch (IOException e) {
            return false;
          }
        }, () -> {
          try {
            return recordsIn(cluster, job, "rescan").toString();
          } catch (IOException e) {
            return e.toString();
          }
        });
        Thread.sleep(1_500); // a checkpoint after the first change

        Stella.ok(db, "ingest", "advisories",
            StreamFixtures.advisory(dir.resolve("delta2"), "TEST-0200", "lodash", "4.99.1", CRITICAL).toString());
        Thread.sleep(200);
        cluster.killTaskManager(0);
        cluster.startTaskManager();
        Stella.ok(db, "ingest", "advisories",
            StreamFixtures.advisory(dir.resolve("delta3"), "TEST-0300", "lodash", "4.99.2", CRITICAL).toString());
        Await.until("all three changes delivered after the TaskManager was lost", Duration.ofSeconds(180),
            () -> hooks.accepted("/every").size() >= 3 * IMAGES,
            () -> hooks.accepted("/every").size() + "\n" + client.output() + cluster.log("jobmanager"));
        Thread.sleep(3_000);

        List<WebhookReceiver.Received> got = hooks.accepted("/every");
        assertThat(got).hasSize(3 * IMAGES);
        assertThat(got.stream().map(WebhookReceiver.Received::deliveryId).distinct()).hasSize(3 * IMAGES);
        Set<String> expected = new TreeSet<>();
        for (String image : images) {
          for (int snapshot = 2; snapshot <= 4; snapshot++) {
            expected.add(image + "@" + snapshot);
          }
        }
        Set<String> delivered = new TreeSet<>();
        got.forEach(r -> StreamEndToEndTest.events(r).forEach(e -> delivered.add(e.get("imageDigest").asText() + "@"
            + e.get("snapshot").asLong())));
        assertThat(delivered).isEqualTo(expected);
        assertThat(new TreeSet<>(Sql.strings(db, "SELECT image_digest || '@' || advisory_snapshot_id FROM policy.verdict"
            + " WHERE job_instance_id = 0"))).isEqualTo(expected);
        assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict WHERE job_instance_id = 0")).isEqualTo(3L * IMAGES);
      }
    }
  }

  private static String awaitRunning(FlinkCluster cluster, StreamProcess client) {
    String[] job = new String[1];
    Await.until("the job running with every task", Duration.ofSeconds(120), () -> {
      try {
        for (JsonNode j : cluster.rest("/jobs/overview").path("jobs")) {
          if (j.path("state").asText().equals("RUNNING") && j.path("tasks").path("running").asInt() == j.path("tasks")
              .path("total").asInt()) {
            job[0] = j.path("jid").asText();
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    }, client::output);
    return job[0];
  }

  private static JsonNode vertex(FlinkCluster cluster, String job, String name) throws IOException {
    for (JsonNode v : cluster.rest("/jobs/" + job).path("vertices")) {
      if (v.path("name").asText().startsWith(name)) {
        return v;
      }
    }
    throw new AssertionError("no vertex " + name + " in job " + job);
  }

  /** The TaskManagers running subtasks of the vertex whose name starts with {@code name}. */
  private static Set<String> taskManagersOf(FlinkCluster cluster, String job, String name) throws IOException {
    JsonNode v = vertex(cluster, job, name);
    Set<String> taskManagers = new TreeSet<>();
    for (JsonNode tm : cluster.rest("/jobs/" + job + "/vertices/" + v.path("id").asText() + "/taskmanagers")
        .path("taskmanagers")) {
      taskManagers.add(tm.path("taskmanager-id").asText());
    }
    return taskManagers;
  }

  private static List<Long> recordsIn(FlinkCluster cluster, String job, String name) throws IOException {
    JsonNode v = vertex(cluster, job, name);
    List<Long> records = new ArrayList<>();
    for (JsonNode subtask : cluster.rest("/jobs/" + job + "/vertices/" + v.path("id").asText()).path("subtasks")) {
      records.add(subtask.path("metrics").path("read-records").asLong());
    }
    return records;
  }
}
