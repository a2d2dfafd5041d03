package org.stellaops.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/** The Flink configuration of the job, and the jars shipped to a cluster. */
public final class StreamEnvironments {
  private StreamEnvironments() {}

  /**
   * Checkpoints every {@code interval} to {@code checkpoints} (filesystem storage, heap state
   * backend), kept when the job is cancelled or dies, so a restart resumes from them; restored
   * from {@code restore} when given.
   */
  public static Configuration configuration(Path checkpoints, Duration interval, Optional<Path> restore) {
    Configuration conf = new Configuration();
    conf.setString("state.backend.type", "hashmap");
    conf.setString("execution.checkpointing.storage", "filesystem");
    conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
    conf.setString("execution.checkpointing.savepoint-dir", checkpoints.resolveSibling("savepoints").toUri().toString());
    conf.setString("execution.checkpointing.interval", interval.toMillis() + " ms");
    conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    conf.setString("execution.checkpointing.num-retained", "3");
    conf.setString("restart-strategy.type", "exponential-delay");
    conf.setString("pipeline.generic-types", "false");
    restore.ifPresent(path -> conf.setString("execution.state-recovery.path", path.toUri().toString()));
    return conf;
  }

  /**
   * Flink's local mini-cluster in this JVM with {@code parallelism} slots, configured as
   * {@link #configuration} says.
   */
  public static org.apache.flink.streaming.api.environment.StreamExecutionEnvironment local(int parallelism,
      Path checkpoints, Duration interval, Optional<Path> restore) throws IOException {
    Files.createDirectories(checkpoints);
    return org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.createLocalEnvironment(parallelism,
        configuration(checkpoints, interval, restore));
  }

  /** The newest checkpoint a stopped or killed job left in {@code checkpoints}, if any. */
  public static Optional<Path> newestRetainedCheckpoint(Path checkpoints) {
    if (!Files.isDirectory(checkpoints)) {
      return Optional.empty();
    }
    try (Stream<Path> found = Files.walk(checkpoints, 2)) {
      return found.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
          .max(java.util.Comparator.comparingLong(p -> p.resolve("_metadata").toFile().lastModified()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + checkpoints, e);
    }
  }

  /**
   * The job jar and its libraries (target/lib beside it) for a standalone cluster, Flink's own
   * jars left out: the cluster has them.
   */
  public static List<String> jobJars() {
    Path jar;
    try {
      jar = Path.of(StreamEnvironments.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot find the job jar", e);
    }
    List<String> jars = new ArrayList<>();
    if (Files.isDirectory(jar)) {
      // Run from classes (tests): ship the classpath's jars and directories are not shippable; use the built jar.
      Path built = jar.getParent().resolve("stella-stream.jar");
      if (!Files.exists(built)) {
        throw new IllegalStateException("no job jar at " + built + ": build it with ./mvnw -pl streaming package");
      }
      jar = built;
    }
    jars.add(jar.toString());
    Path lib = jar.resolveSibling("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> files = Files.list(lib)) {
        files.filter(p -> p.toString().endsWith(".jar"))
            .filter(p -> !p.getFileName().toString().startsWith("flink-") || p.getFileName().toString().startsWith("flink-connector-"))
            .sorted()
            .forEach(p -> jars.add(p.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + lib, e);
      }
    }
    return jars;
  }
}
