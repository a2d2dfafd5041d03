package org.stellaops.jobs.reevaluate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Remote partitioning of re-evaluation over PostgreSQL, with no broker: the run that splits the
 * work sends one {@link StepExecutionRequest} per partition through a queue channel kept in
 * {@code messaging.int_channel_message} (Spring Integration's JDBC channel message store) and
 * waits, polling the job repository, until every partition has ended (Spring Batch
 * Integration's {@link MessageChannelPartitionHandler}). {@code stella worker} processes take
 * requests from the same queue and run the partitions against the same job repository.
 *
 * <p>A worker holds a session advisory lock on a partition's step execution while it runs it. A
 * watchdog in the waiting run marks FAILED any partition that is running but whose lock nobody
 * holds (its worker died: kill -9, lost machine), so the run ends instead of waiting forever; it
 * then exits as failed, and running the same command again resumes the failed partitions from
 * their last committed chunk.
 */
@Component
public class RemotePartitions {
  private static final Logger LOG = LoggerFactory.getLogger(RemotePartitions.class);
  /** The first key of the two-key advisory locks that mark a partition as being run. */
  static final int LOCK_CLASS = 0x5e11a;
  private static final String GROUP = "stella-reevaluate-partitions";
  static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final JobExplorer explorer;
  private final JobRepository repository;
  private volatile QueueChannel requests;

  public RemotePartitions(DataSource dataSource, JobExplorer explorer, JobRepository repository) {
    this.dataSource = dataSource;
    this.explorer = explorer;
    this.repository = repository;
  }

  /** The queue of partition requests, shared by every process on the same database. */
  public QueueChannel requests() {
    QueueChannel channel = requests;
    if (channel == null) {
      synchronized (this) {
        if (requests == null) {
          JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
          store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
          store.setTablePrefix("messaging.INT_");
          store.setRegion("stella");
          // Rows are Java-serialised messages; only these classes may be read back from them.
          store.addAllowedPatterns("org.springframework.batch.integration.partition.StepExecutionRequest",
              "org.springframework.messaging.support.GenericMessage", "org.springframework.messaging.MessageHeaders",
              "java.util.*", "java.lang.*");
          try {
            store.afterPropertiesSet();
          } catch (Exception e) {
            throw new IllegalStateException("cannot set up the partition request queue", e);
          }
          requests = new QueueChannel(new MessageGroupQueue(store, GROUP));
        }
        channel = requests;
      }
    }
    return channel;
  }

  /** Sends the partitions of {@code managerStepExecution} to workers and waits until each has ended. */
  Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution, int gridSize)
      throws Exception {
    MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
    handler.setStepName(ReevaluateJobConfig.PARTITION_STEP);
    handler.setGridSize(gridSize);
    handler.setMessagingOperations(new MessagingTemplate(requests()));
    handler.setJobExplorer(explorer);
    handler.setPollInterval(250);
    handler.afterPropertiesSet();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "stella-partition-watchdog");
      thread.setDaemon(true);
      return thread;
    });
    long jobExecutionId = managerStepExecution.getJobExecutionId();
    Map<Long, Integer> unheld = new HashMap<>();
    watchdog.scheduleWithFixedDelay(() -> watch(jobExecutionId, unheld), WATCH_INTERVAL.toMillis(),
        WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return handler.handle(splitter, managerStepExecution);
    } finally {
      watchdog.shutdownNow();
    }
  }

  /**
   * Marks FAILED the partitions of {@code jobExecutionId} whose worker is gone: STARTED with no
   * lock held, or STARTING after their request was taken and no lock was held at two checks in a
   * row (a worker takes the lock right after taking the request).
   */
  private void watch(long jobExecutionId, Map<Long, Integer> unheld) {
    try {
      var execution = explorer.getJobExecution(jobExecutionId);
      if (execution == null) {
        return;
      }
      int queued = requests().getQueueSize();
      for (StepExecution step : execution.getStepExecutions()) {
        if (!step.getStepName().startsWith(ReevaluateJobConfig.PARTITION_STEP + ":")) {
          continue;
        }
        boolean running = step.getStatus() == BatchStatus.STARTED;
        boolean taken = step.getStatus() == BatchStatus.STARTING && queued == 0;
        if ((running || taken) && !held(step.getId())) {
          int times = unheld.merge(step.getId(), 1, Integer::sum);
          if (running || times >= 2) {
            fail(step.getId(), jobExecutionId);
          }
        } else {
          unheld.remove(step.getId());
        }
      }
    } catch (RuntimeException | SQLException e) {
      LOG.warn("Partition watchdog: {}", e.toString());
    }
  }

  private void fail(long stepExecutionId, long jobExecutionId) {
    StepExecution step = explorer.getStepExecution(jobExecutionId, stepExecutionId);
    if (step == null || !step.getStatus().isRunning()) {
      return;
    }
    LOG.warn("Partition {} ({}) has no live worker; marking it FAILED so the run can end and be resumed",
        step.getStepName(), stepExecutionId);
    step.setStatus(BatchStatus.FAILED);
    step.setExitStatus(ExitStatus.FAILED.addExitDescription("the worker running this partition stopped"));
    step.setEndTime(LocalDateTime.now());
    repository.update(step);
  }

  /** Whether some process holds the lock of a partition's step execution. */
  private boolean held(long stepExecutionId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement take = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      take.setInt(1, LOCK_CLASS);
      take.setInt(2, (int) stepExecutionId);
      try (ResultSet r = take.executeQuery()) {
        r.next();
        if (!r.getBoolean(1)) {
          return true;
        }
      }
      try (PreparedStatement release = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
        release.setInt(1, LOCK_CLASS);
        release.setInt(2, (int) stepExecutionId);
        release.execute();
      }
      return false;
    }
  }

  /**
   * Takes the next partition request, waiting up to {@code timeout}; empty when there was none.
   * The store deletes the row it returns, so two workers never take the same request.
   */
  public Optional<StepExecutionRequest> take(Duration timeout) {
    Message<?> message = requests().receive(timeout.toMillis());
    if (message == null) {
      return Optional.empty();
    }
    if (!(message.getPayload() instanceof StepExecutionRequest request)) {
      LOG.warn("Ignoring a message that is not a partition request: {}", message.getPayload());
      return Optional.empty();
    }
    return Optional.of(request);
  }

  /** Locks partition {@code stepExecutionId} for the life of {@code connection} (until released). */
  public static void lock(Connection connection, long stepExecutionId) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
      s.setInt(1, LOCK_CLASS);
      s.setInt(2, (int) stepExecutionId);
      s.execute();
    }
  }

  public static void unlock(Connection connection, long stepExecutionId) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
      s.setInt(1, LOCK_CLASS);
      s.setInt(2, (int) stepExecutionId);
      s.execute();
    }
  }
}
