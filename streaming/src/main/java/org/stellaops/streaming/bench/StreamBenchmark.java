package org.stellaops.streaming.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.stellaops.connectors.database.EmbeddedBinaries;
import org.stellaops.connectors.notify.DeliveryDispatcher;
import org.stellaops.streaming.OutboxDispatch;
import org.stellaops.connectors.notify.SmtpSettings;
import org.stellaops.streaming.StreamEnvironments;
import org.stellaops.streaming.StreamJob;
import org.stellaops.streaming.StreamSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stream's benchmark (docs/benchmarks.md): on a generated fleet, the latency from a snapshot's
 * seal to each webhook message for a delta touching {@code --impacted} images, the rate at which a
 * backlog of small deltas drains, and, as the baseline in the same run, the batch path
 * ({@code stella reevaluate --impacted-by}) on a delta of the same size. Data goes in through the
 * stella CLI (jobs/target/stella.jar), as users put it in.
 */
@Command(name = "stream-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Latency and throughput of the streaming job on a generated fleet.")
public final class StreamBenchmark implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--images", defaultValue = "10000") int images;
  @Option(names = "--impacted", defaultValue = "1000", description = "Images each latency delta touches.") int impacted;
  @Option(names = "--components", defaultValue = "40", description = "Components per image.") int components;
  @Option(names = "--advisories", defaultValue = "5000", description = "Advisories in the base snapshot.") int advisories;
  @Option(names = "--repeat", defaultValue = "3", description = "Latency deltas (each a different package).") int repeat;
  @Option(names = "--backlog", defaultValue = "20", description = "Small deltas (50 images each) for the drain rate.")
  int backlog;
  @Option(names = "--parallelism", defaultValue = "2") int parallelism;
  @Option(names = "--stella-jar", defaultValue = "jobs/target/stella.jar") Path stellaJar;
  @Option(names = "--work", description = "Working directory (default: a temporary one).") Path work;
  @Option(names = "--out", description = "Write the results as JSON here too.") Path out;
  @Option(names = "--seed", defaultValue = "8") long seed;

  private String db;
  private final Map<String, Long> received = new ConcurrentHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = work != null ? work : Files.createTempDirectory("stream-bench");
    Files.createDirectories(dir);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setOverrideWorkingDirectory(EmbeddedBinaries.directory().toFile())
        .setServerConfig("max_connections", "100").start()) {
      db = postgres.getJdbcUrl("postgres", "postgres") + "&password=postgres";
      long t = System.nanoTime();
      FleetFiles.write(dir, images, components, impacted, repeat + 2, backlog, advisories, new Random(seed));
      log("generated %d SBOMs and %d advisories in %.1f s", images, advisories, seconds(t));
      t = System.nanoTime();
      cli("ingest", "advisories", dir.resolve("advisories").toString());
      cli("ingest", "sboms", dir.resolve("sboms").toString());
      cli("reevaluate", "--all");
      log("ingested and evaluated the fleet in %.1f s", seconds(t));
      Files.writeString(dir.resolve("rules.yaml"), "name: bench\nactions: [{channel: webhook, target: \"http://127.0.0.1:"
          + "PORT/hook\"}]\n");
      HttpServer receiver = receiver();
      Files.writeString(dir.resolve("rules.yaml"), Files.readString(dir.resolve("rules.yaml"))
          .replace("PORT", String.valueOf(receiver.getAddress().getPort())));
      cli("notify", "rules", "apply", dir.resolve("rules.yaml").toString());
      ObjectNode results = JSON.createObjectNode();
      results.put("images", images).put("impacted", impacted).put("componentsPerImage", components)
          .put("advisories", advisories).put("parallelism", parallelism);

      // A one-off re-evaluation of one image, idle (the stream not running): the priority baseline.
      String oneImage = String.format(Locale.ROOT, "sha256:%064x", 0xbe0000000L + 1);
      long idleStart = System.nanoTime();
      cli("reevaluate", "--image", oneImage);
      double idleSeconds = seconds(idleStart);

      // 1. Latency: seal -> webhook message, for deltas touching `impacted` images each.
      List<Long> p50s = new ArrayList<>();
      List<Long> p95s = new ArrayList<>();
      List<Long> maxes = new ArrayList<>();
      List<Long> queuedP95s = new ArrayList<>();
      Path checkpoints = dir.resolve("checkpoints");
      try (Running stream = start(checkpoints, Optional.empty())) {
        Thread.sleep(3_000);
        for (int r = 0; r < repeat; r++) {
          received.clear();
          cli("ingest", "advisories", dir.resolve("hot-" + r).toString());
          long sealedAt = lastSealedAtMillis();
          await(impacted, Duration.ofMinutes(10));
          List<Long> latencies = new ArrayList<>(received.values().stream().map(at -> at - sealedAt).toList());
          Collections.sort(latencies);
          p50s.add(percentile(latencies, 50));
          p95s.add(percentile(latencies, 95));
          maxes.add(latencies.get(latencies.size() - 1));
          List<Long> queued = query(jdbc -> jdbc.queryForList("SELECT (extract(epoch FROM d.created_at) * 1000)::bigint"
              + " FROM notify.delivery d JOIN notify.event e ON e.event_id = d.event_ids[1] WHERE e.snapshot ="
              + " (SELECT max(seal_seq) FROM vuln.snapshot) ORDER BY 1", Long.class)).stream().map(at -> at - sealedAt).toList();
          queuedP95s.add(percentile(queued, 95));
          log("delta %d: %d messages; latency p50 %d ms, p95 %d ms, max %d ms (queued in the outbox: p95 %d ms)", r + 1,
              latencies.size(), p50s.get(r), p95s.get(r), maxes.get(r), queuedP95s.get(r));
        }
      }
      // Priority: the one-off re-evaluation again, while the stream works through another such delta.
      try (Running stream = start(checkpoints, StreamEnvironments.newestRetainedCheckpoint(checkpoints))) {
        Thread.sleep(3_000);
        received.clear();
        cli("ingest", "advisories", dir.resolve("hot-" + repeat).toString());
        long busyStart = System.nanoTime();
        cli("reevaluate", "--image", oneImage);
        double busySeconds = seconds(busyStart);
        int sentBy = received.size();
        await(impacted, Duration.ofMinutes(10));
        results.put("oneImageReevaluateIdleSeconds", round(idleSeconds))
            .put("oneImageReevaluateDuringDeltaSeconds", round(busySeconds))
            .put("messagesWhenOneImageFinished", sentBy);
        log("stella reevaluate --image: %.1f s idle, %.1f s while the stream handled a %d-image delta (%d of its messages "
            + "sent by then)", idleSeconds, busySeconds, impacted, sentBy);
      }
      results.put("latencyP50Millis", median(p50s)).put("latencyP95Millis", median(p95s)).put("latencyMaxMillis",
          median(maxes));
      results.putPOJO("latencyP95PerDelta", p95s);
      results.put("latencyP95MillisWithoutFirst", median(p95s.subList(1, p95s.size())));
      results.put("queuedInOutboxP95Millis", median(queuedP95s));

      // 2. Drain rate: a backlog of small deltas sealed while the job was stopped, then resumed.
      for (int d = 0; d < backlog; d++) {
        cli("ingest", "advisories", dir.resolve("warm-" + d).toString());
      }
      received.clear();
      long expected = (long) backlog * FleetFiles.WARM_IMAGES;
      long started = System.nanoTime();
      try (Running stream = start(checkpoints, StreamEnvironments.newestRetainedCheckpoint(checkpoints))) {
        await(expected, Duration.ofMinutes(10));
      }
      double drainSeconds = seconds(started);
      results.put("backlogDeltas", backlog).put("backlogMessages", expected).put("drainSeconds", round(drainSeconds))
          .put("deltasPerSecond", round(backlog / drainSeconds)).put("imagesPerSecond", round(expected / drainSeconds));
      log("drained %d deltas (%d images) in %.1f s, job start included: %.2f deltas/s", backlog, expected, drainSeconds,
          backlog / drainSeconds);

      // 3. Baseline: the batch path on a delta of the same size, stream stopped.
      cli("ingest", "advisories", dir.resolve("hot-" + (repeat + 1)).toString());
      long snapshot = lastSnapshot();
      long t0 = System.nanoTime();
      cli("reevaluate", "--impacted-by", String.valueOf(snapshot));
      double batchSeconds = seconds(t0);
      results.put("batchImpactedBySeconds", round(batchSeconds))
          .put("ratioStreamP95ToBatch", round(median(p95s) / 1000.0 / batchSeconds));
      log("baseline: stella reevaluate --impacted-by %d (%d images) took %.1f s; stream p95 / batch = %.3f", snapshot,
          impacted, batchSeconds, median(p95s) / 1000.0 / batchSeconds);
      receiver.stop(0);
      String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results);
      System.out.println(text);
      if (out != null) {
        Files.writeString(out, text + "\n");
      }
      return 0;
    }
  }

  private record Running(JobClient job, OutboxDispatch dispatch) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      job.cancel().get(60, TimeUnit.SECONDS);
      dispatch.close();
    }
  }

  private Running start(Path checkpoints, Optional<Path> restore) throws Exception {
    StreamSettings settings = new StreamSettings(db, null, null, -1, 100, 5_000);
    JobClient job = StreamJob.submit(StreamEnvironments.local(parallelism, checkpoints, Duration.ofSeconds(2), restore),
        settings, Duration.ofSeconds(2));
    return new Running(job, new OutboxDispatch(settings, SmtpSettings.fromEnvironment(),
        DeliveryDispatcher.RetryPolicy.DEFAULT, OutboxDispatch.THREADS, Duration.ofMillis(50)));
  }

  private HttpServer receiver() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      long now = System.currentTimeMillis();
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      for (JsonNode event : body.path("events")) {
        received.putIfAbsent(event.path("eventId").asText(), now);
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    return server;
  }

  private void await(long count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + received.size() + " of " + count + " messages within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  private long lastSealedAtMillis() {
    return query(jdbc -> jdbc.queryForObject("SELECT (extract(epoch FROM sealed_at) * 1000)::bigint FROM vuln.snapshot"
        + " WHERE seal_seq = (SELECT max(seal_seq) FROM vuln.snapshot)", Long.class));
  }

  private long lastSnapshot() {
    return query(jdbc -> jdbc.queryForObject("SELECT max(seal_seq) FROM vuln.snapshot", Long.class));
  }

  private <T> T query(java.util.function.Function<JdbcTemplate, T> work) {
    SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true);
    try {
      return work.apply(new JdbcTemplate(ds));
    } finally {
      ds.destroy();
    }
  }

  private void cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx3g", "-jar", stellaJar.toString()));
    command.addAll(List.of(args));
    command.add("--db-url=" + db);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("stella " + String.join(" ", args) + " failed:\n" + output);
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static void log(String format, Object... args) {
    System.err.println("stream-benchmark: " + String.format(Locale.ROOT, format, args));
  }
}
