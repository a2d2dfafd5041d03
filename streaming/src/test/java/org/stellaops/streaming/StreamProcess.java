package org.stellaops.streaming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code stella stream} (StreamMain) in its own JVM, as an operator runs it, that a test can kill -9. */
final class StreamProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  StreamProcess(Path log, List<String> systemProperties, String... args) throws IOException {
    this.log = log;
    List<String> command = new ArrayList<>(List.of(Stella.javaCommand(), "-Xmx1g"));
    command.addAll(List.of(System.getProperty("stella.test.jvm.flags", "").trim().split("\\s+")));
    command.removeIf(String::isBlank);
    command.addAll(systemProperties);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), StreamMain.class.getName()));
    command.addAll(List.of(args));
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** What it printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** kill -9: no shutdown hook, no cancellation, no final checkpoint. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
