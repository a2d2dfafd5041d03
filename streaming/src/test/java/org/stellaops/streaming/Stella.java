package org.stellaops.streaming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stella command line as users run it (jobs/target/stella.jar, built before this module), in
 * its own JVM, against a test database.
 */
record Stella(int exitCode, String out, String err) {
  static final Path JAR = Path.of("..", "jobs", "target", "stella.jar").toAbsolutePath().normalize();

  /** Runs {@code args} with {@code --db-url dbUrl} appended; fails on a timeout. */
  static Stella run(String dbUrl, String... args) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("no " + JAR + ": build the jobs module first (./mvnw -DskipTests install)");
    }
    List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx768m", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    command.add("--db-url=" + dbUrl);
    try {
      Path out = Files.createTempFile("stella-out", ".txt");
      Path err = Files.createTempFile("stella-err", ".txt");
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("stella " + String.join(" ", args) + " did not finish in 5 minutes");
      }
      Stella result = new Stella(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run stella " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Like {@link #run}, failing the test unless it exits 0. */
  static Stella ok(String dbUrl, String... args) {
    Stella result = run(dbUrl, args);
    if (result.exitCode() != 0) {
      throw new AssertionError("stella " + String.join(" ", args) + " exited " + result.exitCode() + "\n" + result.err()
          + result.out());
    }
    return result;
  }

  static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
