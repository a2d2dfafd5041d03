package org.stellaops.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.stellaops.jobs.runtime.StellaContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code stella stream}: migrates the database like every command, then runs the streaming job
 * (module {@code streaming}, its own jar and JVM: Flink's mini-cluster, or a client of a
 * standalone cluster) with the same database options, until interrupted. The job's own options
 * are listed by {@code stella stream --help}.
 */
@Command(name = "stream", mixinStandardHelpOptions = false,
    description = {"Run the streaming job: follow sealed advisory snapshots, re-evaluate the images each touches, and",
        "notify by rule (stella notify rules apply). Runs until interrupted. Options: stella stream --help."})
final class StreamCommand implements Callable<Integer> {
  /** Flink's opens and exports for Java 17 (docs/streaming.md). */
  static final List<String> JAVA_FLAGS = List.of(
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
      "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED");

  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;
  @Option(names = {"-h", "--help"}, description = "Show the stream's options.") boolean help;
  @Unmatched List<String> streamOptions = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path jar = streamJar();
    if (!Files.isRegularFile(jar)) {
      spec.commandLine().getErr().println("stella: the stream's job jar is not at " + jar
          + " (build it with ./mvnw -DskipTests install, or set STELLA_STREAM_JAR)");
      return ExitCodes.ERROR;
    }
    List<String> args = new ArrayList<>(streamOptions);
    if (help) {
      args.add("--help");
    } else {
      // Migrate (and check) the database the way every command does, then hand it to the stream.
      StellaContext.open(database.settings()).close();
    }
    database.forward(args);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = System.getenv("STELLA_STREAM_JAVA_OPTS");
    command.addAll(opts == null || opts.isBlank() ? List.of("-Xmx2g") : Arrays.asList(opts.trim().split("\\s+")));
    command.addAll(JAVA_FLAGS);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--exit-with-parent");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    database.password().ifPresent(password -> builder.environment().put("STELLA_DB_PASSWORD", password));
    Process process = builder.start();
    Thread stop = new Thread(() -> {
      process.destroy(); // SIGTERM: the stream cancels its job, keeping the newest checkpoint
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "stop-stream");
    Runtime.getRuntime().addShutdownHook(stop);
    int exit = process.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    return exit;
  }

  /**
   * System property stella.stream.jar, environment STELLA_STREAM_JAR, or
   * streaming/target/stella-stream.jar of the checkout stella.jar was built in.
   */
  static Path streamJar() {
    String configured = System.getProperty("stella.stream.jar", System.getenv("STELLA_STREAM_JAR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path self = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath();
    // jobs/target/stella.jar -> streaming/target/stella-stream.jar
    Path root = self.getParent() == null || self.getParent().getParent() == null ? Path.of(".")
        : self.getParent().getParent().getParent();
    return root.resolve("streaming").resolve("target").resolve("stella-stream.jar");
  }
}
