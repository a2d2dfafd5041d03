package org.stellaops.jobs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference OCI distribution server (Debian's {@code docker-registry} package) on a loopback
 * port, storing into a temporary directory. Without the binary a test is skipped, saying so; with
 * {@code STELLA_REQUIRE_EXTERNAL=1} (set by {@code .ci/run}, which installs it) it fails instead.
 */
public final class OciRegistryServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private OciRegistryServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static OciRegistryServer start(Path dir) throws IOException, InterruptedException {
    Optional<Path> binary = Stream.of("docker-registry", "registry")
        .flatMap(name -> Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator)).map(p -> Path.of(p, name)))
        .filter(Files::isExecutable).findFirst();
    if (binary.isEmpty()) {
      String reason = "docker-registry (the OCI distribution server) is not installed: apt-get install docker-registry";
      if ("1".equals(System.getenv(Fixtures.REQUIRE_EXTERNAL))) {
        Assertions.fail(reason + " (" + Fixtures.REQUIRE_EXTERNAL + "=1 turns this skip into a failure)");
      }
      System.out.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("registry.yml");
    Files.createDirectories(dir.resolve("storage"));
    Files.writeString(config, String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + dir.resolve("storage").toAbsolutePath(),
        "http:",
        "  addr: 127.0.0.1:" + port,
        ""));
    Process process = new ProcessBuilder(binary.get().toString(), "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    OciRegistryServer server = new OciRegistryServer(process, port);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (ping.statusCode() == 200) {
          return server;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        server.close();
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
      }
      Thread.sleep(100);
    }
  }

  /** {@code 127.0.0.1:PORT}. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
