package org.stellaops.streaming;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.stellaops.connectors.database.EmbeddedDatabase;
import org.stellaops.connectors.notify.DeliveryDispatcher;
import org.stellaops.connectors.notify.SmtpSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stella stream}: runs the streaming job until interrupted, on Flink's local mini-cluster
 * (default) or submitted to a standalone cluster, and dispatches the outbox meanwhile.
 */
@Command(name = "stella stream", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Follows sealed advisory snapshots, re-evaluates the images each one touches, and notifies by rule "
            + "(rules: stella notify rules apply). Runs until interrupted (Ctrl-C).",
        "Locally the job's checkpoints are kept under --checkpoint-dir, and a restarted stream resumes from the "
            + "newest one: no snapshot is skipped or handled twice. See docs/streaming.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped on request", "1:the job failed", "2:bad arguments",
        "3:the database is unusable (not migrated, unreachable)"})
public final class StreamMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StreamMain.class);
  /** The schema version this job needs (migration V15, notify). */
  static final int SCHEMA_VERSION = 15;

  @Option(names = "--db-url", defaultValue = "${env:STELLA_DB_URL}",
      description = "JDBC URL of an external PostgreSQL (env STELLA_DB_URL). Without it, the embedded PostgreSQL "
          + "under --home is started.")
  String url;

  @Option(names = "--db-user", defaultValue = "${env:STELLA_DB_USER}", description = "Database user (env STELLA_DB_USER).")
  String user;

  @Option(names = "--db-password", defaultValue = "${env:STELLA_DB_PASSWORD}",
      description = "Database password (env STELLA_DB_PASSWORD).")
  String password;

  @Option(names = "--home", defaultValue = "${env:STELLA_HOME:-${sys:user.home}/.stella}",
      description = "Where the embedded database keeps its data, and the default place of checkpoints "
          + "(env STELLA_HOME, default: ${DEFAULT-VALUE}).")
  Path home;

  @Option(names = "--cluster", paramLabel = "HOST:PORT",
      description = "Submit the job to a standalone Flink cluster (its REST address, e.g. flink-jm:8081) instead of "
          + "running it here. --checkpoint-dir must then be a path every TaskManager can reach.")
  String cluster;

  @Option(names = "--parallelism", defaultValue = "1", description = "Parallelism of the keyed operators (default: 1).")
  int parallelism;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Where checkpoints are kept (default: HOME/stream/checkpoints).")
  Path checkpointDir;

  @Option(names = "--checkpoint-interval", defaultValue = "5s", paramLabel = "DURATION",
      description = "How often state is checkpointed, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).")
  String checkpointInterval;

  @Option(names = "--from-savepoint", paramLabel = "PATH",
      description = "Start from this savepoint or retained checkpoint (a directory with a _metadata file).")
  Path fromSavepoint;

  @Option(names = "--fresh", description = "Ignore retained checkpoints: start without state (after --from-snapshot).")
  boolean fresh;

  @Option(names = "--from-snapshot", paramLabel = "N", defaultValue = "-1",
      description = "Without saved state, follow snapshots sealed after number N (default: after the newest sealed "
          + "one when the job starts).")
  long fromSnapshot;

  @Option(names = "--poll", defaultValue = "500ms", paramLabel = "DURATION",
      description = "How often the source looks for newly sealed snapshots (default: ${DEFAULT-VALUE}).")
  String poll;

  @Option(names = "--no-dispatch", description = "Queue messages in the outbox but do not send them (another "
      + "stella stream or stella notify dispatch sends them).")
  boolean noDispatch;

  @Option(names = "--exit-with-parent", hidden = true, description = "Stop when the process that started this one ends.")
  boolean exitWithParent;

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Duration interval;
    Duration pollEvery;
    try {
      interval = Durations.parse(checkpointInterval, "--checkpoint-interval");
      pollEvery = Durations.parse(poll, "--poll");
    } catch (IllegalArgumentException e) {
      System.err.println("stella stream: " + e.getMessage());
      return 2;
    }
    if (parallelism < 1 || parallelism > 256) {
      System.err.println("stella stream: --parallelism must be 1 to 256, got " + parallelism);
      return 2;
    }
    if (exitWithParent) {
      ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
        LOG.warn("the process that started this stream ended; stopping");
        System.exit(1);
      }));
    }
    EmbeddedDatabase embedded = null;
    String jdbcUrl = url;
    String dbUser = user;
    String dbPassword = password;
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      embedded = EmbeddedDatabase.start(home.resolve("pgdata"));
      jdbcUrl = embedded.jdbcUrl();
      dbUser = "postgres";
      dbPassword = "postgres";
      System.err.println("stella stream: embedded database at " + jdbcUrl
          + " (other stella commands reach it with --db-url while the stream runs)");
    }
    try {
      Optional<String> schemaProblem = schemaProblem(jdbcUrl, dbUser, dbPassword);
      if (schemaProblem.isPresent()) {
        System.err.println("stella stream: " + schemaProblem.get());
        return 3;
      }
      StreamSettings settings = new StreamSettings(jdbcUrl, dbUser, dbPassword, fromSnapshot, pollEvery.toMillis(), 5_000);
      return run(settings, interval);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private int run(StreamSettings settings, Duration interval) throws Exception {
    Path checkpoints = (checkpointDir != null ? checkpointDir : home.resolve("stream").resolve("checkpoints"))
        .toAbsolutePath();
    Optional<Path> restore = Optional.ofNullable(fromSavepoint).map(Path::toAbsolutePath);
    if (restore.isEmpty() && !fresh && cluster == null) {
      restore = StreamEnvironments.newestRetainedCheckpoint(checkpoints);
    }
    StreamExecutionEnvironment env;
    if (cluster == null) {
      env = StreamEnvironments.local(parallelism, checkpoints, interval, restore);
    } else {
      String[] hostPort = cluster.split(":");
      if (hostPort.length != 2 || !hostPort[1].matches("[0-9]{1,5}")) {
        System.err.println("stella stream: --cluster is HOST:PORT (the JobManager's REST address), got '" + cluster + "'");
        return 2;
      }
      env = StreamExecutionEnvironment.createRemoteEnvironment(hostPort[0], Integer.parseInt(hostPort[1]),
          StreamEnvironments.configuration(checkpoints, interval, restore),
          StreamEnvironments.jobJars().toArray(String[]::new));
      env.setParallelism(parallelism);
    }
    restore.ifPresent(path -> System.err.println("stella stream: resuming from " + path));
    JobClient job = StreamJob.submit(env, settings, interval);
    System.err.println("stella stream: job " + job.getJobID() + " running" + (cluster == null ? " locally" : " on " + cluster)
        + ", parallelism " + parallelism + ", checkpoints every " + interval.toMillis() + " ms in " + checkpoints);
    OutboxDispatch dispatch = noDispatch ? null : new OutboxDispatch(settings, SmtpSettings.fromEnvironment(),
        DeliveryDispatcher.RetryPolicy.DEFAULT, OutboxDispatch.THREADS, Duration.ofMillis(50));
    CountDownLatch stopped = new CountDownLatch(1);
    OutboxDispatch sender = dispatch;
    Thread hook = new Thread(() -> {
      System.err.println("stella stream: stopping");
      try {
        if (cluster == null) {
          job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (sender != null) {
          sender.close();
        }
      } catch (Exception e) {
        LOG.warn("stopping: {}", e.toString());
      }
      stopped.countDown();
    }, "stream-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      job.getJobExecutionResult().get();
      System.err.println("stella stream: the job ended");
      return 0;
    } catch (java.util.concurrent.ExecutionException e) {
      if (stopped.getCount() == 0 || stopped.await(1, TimeUnit.SECONDS)) {
        return 0;
      }
      System.err.println("stella stream: the job failed: " + rootCause(e));
      return 1;
    } finally {
      if (dispatch != null) {
        dispatch.close();
      }
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.toString();
  }

  /** Why the database cannot run the stream (not migrated far enough), or empty. */
  static Optional<String> schemaProblem(String jdbcUrl, String user, String password) {
    SingleConnectionDataSource ds = new SingleConnectionDataSource(jdbcUrl, user, password, true);
    try {
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      Boolean migrated = jdbc.queryForObject("SELECT to_regclass('public.flyway_schema_history') IS NOT NULL", Boolean.class);
      Integer version = Boolean.TRUE.equals(migrated) ? jdbc.queryForObject("SELECT coalesce(max(version::int), 0)"
          + " FROM flyway_schema_history WHERE success AND version ~ '^[0-9]+$'", Integer.class) : Integer.valueOf(0);
      if (version == null || version < SCHEMA_VERSION) {
        return Optional.of("the database at " + jdbcUrl + " has schema version " + version + ", and the stream needs "
            + SCHEMA_VERSION + ": run any stella command against it first (e.g. stella images --db-url ...), which migrates it");
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("cannot use the database at " + jdbcUrl + ": " + rootCause(e));
    } finally {
      ds.destroy();
    }
  }
}
