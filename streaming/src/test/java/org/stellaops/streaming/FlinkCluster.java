package org.stellaops.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real standalone Flink cluster started from the Maven artifacts on the test classpath (no
 * flink-dist): one JobManager (StandaloneSessionClusterEntrypoint) and TaskManagers
 * (TaskManagerRunner), each its own JVM with memory options computed by Flink's BashJavaUtils, as
 * Flink's start scripts do. The stream's own classes are left off the cluster's classpath: the
 * job brings them in its jars.
 */
final class FlinkCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final Path conf;
  private final String classpath;
  private final int restPort;
  private final Process jobManager;
  private final List<Process> taskManagers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  FlinkCluster(Path dir, int taskManagerCount) throws IOException, InterruptedException {
    this.dir = dir;
    this.conf = dir.resolve("conf");
    Files.createDirectories(conf);
    this.restPort = freePort();
    Files.writeString(conf.resolve("config.yaml"), String.join("\n",
        "jobmanager.rpc.address: localhost",
        "jobmanager.rpc.port: " + freePort(),
        "jobmanager.bind-host: localhost",
        "rest.address: localhost",
        "rest.bind-address: localhost",
        "rest.port: " + restPort,
        "taskmanager.host: localhost",
        "taskmanager.bind-host: localhost",
        "taskmanager.numberOfTaskSlots: 1",
        "jobmanager.memory.process.size: 768m",
        "taskmanager.memory.process.size: 1280m",
        "taskmanager.memory.managed.size: 0m",
        "heartbeat.timeout: 8000",
        "heartbeat.interval: 1000",
        "resourcemanager.taskmanager-timeout: 5000",
        "cluster.evenly-spread-out-slots: true",
        "metrics.fetcher.update-interval: 500",
        ""));
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean ours = name.startsWith("stella-") || entry.endsWith("classes") || entry.endsWith("test-classes");
      if (!ours) {
        entries.add(entry);
      }
    }
    this.classpath = String.join(File.pathSeparator, entries);
    this.jobManager = start("jobmanager", "GET_JM_RESOURCE_PARAMS",
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "--executionMode", "cluster");
    for (int i = 0; i < taskManagerCount; i++) {
      startTaskManager();
    }
    awaitTaskManagers(taskManagerCount);
  }

  int restPort() {
    return restPort;
  }

  /** Starts one more TaskManager. */
  void startTaskManager() throws IOException, InterruptedException {
    taskManagers.add(start("taskmanager-" + taskManagers.size(), "GET_TM_RESOURCE_PARAMS",
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner"));
  }

  /** kill -9 of TaskManager {@code index}. */
  void killTaskManager(int index) throws InterruptedException {
    Process tm = taskManagers.get(index);
    tm.destroyForcibly();
    tm.waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits until {@code count} TaskManagers are registered. */
  void awaitTaskManagers(int count) {
    Await.until(count + " TaskManagers registered", Duration.ofSeconds(120), () -> {
      try {
        return rest("/taskmanagers").path("taskmanagers").size() >= count;
      } catch (IOException e) {
        return false;
      }
    }, () -> log("jobmanager"));
  }

  JsonNode rest(String path) throws IOException {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private Process start(String name, String resourceQuery, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> resources = resourceParams(resourceQuery);
    List<String> command = new ArrayList<>(List.of(Stella.javaCommand()));
    command.addAll(Arrays.asList(resources.get(0).split(" ")));
    command.addAll(List.of(System.getProperty("stella.test.jvm.flags", "").trim().split("\\s+")));
    command.removeIf(String::isBlank);
    command.addAll(List.of("-cp", classpath, mainClass, "--configDir", conf.toString()));
    command.addAll(List.of(args));
    for (String dynamic : resources.get(1).split(" ")) {
      if (!dynamic.isBlank()) {
        command.add(dynamic);
      }
    }
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
  }

  /** BashJavaUtils' two results: JVM options, then dynamic properties ({@code -D key=value ...}). */
  private List<String> resourceParams(String query) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Stella.javaCommand(), "-cp", classpath,
        "org.apache.flink.runtime.util.bash.BashJavaUtils", query, "--configDir", conf.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    List<String> results = out.lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
        .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim()).toList();
    if (results.size() != 2) {
      throw new IOException("BashJavaUtils " + query + " gave no resource parameters:\n" + out);
    }
    return results;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process tm : taskManagers) {
      tm.destroy();
    }
    jobManager.destroy();
    for (Process p : taskManagers) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (!jobManager.waitFor(20, TimeUnit.SECONDS)) {
      jobManager.destroyForcibly();
    }
  }
}
