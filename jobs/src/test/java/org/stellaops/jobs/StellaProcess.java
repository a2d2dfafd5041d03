package org.stellaops.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code stella} CLI in a child JVM (a process that can be killed with SIGKILL), against a test database. */
public final class StellaProcess {
  private StellaProcess() {}

  /** Starts {@code stella args... --db-url db} with output to {@code log}, using this JVM's classpath and object store. */
  public static Process start(String db, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dstella.objects=" + System.getProperty("stella.objects"), "-cp", System.getProperty("java.class.path"),
        "org.stellaops.jobs.cli.StellaMain"));
    command.addAll(List.of(args));
    command.addAll(List.of("--db-url", db));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
