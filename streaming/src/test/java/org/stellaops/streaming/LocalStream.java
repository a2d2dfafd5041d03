package org.stellaops.streaming;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.stellaops.connectors.notify.DeliveryDispatcher;
import org.stellaops.connectors.notify.SmtpSettings;

/**
 * The streaming job on Flink's local mini-cluster in this JVM, with the same topology and
 * configuration as {@code stella stream}, and an outbox dispatcher beside it.
 */
final class LocalStream implements AutoCloseable {
  private final JobClient job;
  private final OutboxDispatch dispatch;

  LocalStream(String dbUrl, Path checkpoints, int parallelism, long fromSnapshot, SmtpSettings smtp) throws Exception {
    StreamSettings settings = new StreamSettings(dbUrl, null, null, fromSnapshot, 100, 200);
    job = StreamJob.submit(StreamEnvironments.local(parallelism, checkpoints, Duration.ofMillis(500), Optional.empty()),
        settings, Duration.ofMillis(500));
    dispatch = new OutboxDispatch(settings, smtp,
        new DeliveryDispatcher.RetryPolicy(5, Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(30)),
        OutboxDispatch.THREADS, Duration.ofMillis(50));
  }

  JobClient job() {
    return job;
  }

  @Override
  public void close() throws Exception {
    try {
      job.cancel().get(30, TimeUnit.SECONDS);
    } finally {
      dispatch.close();
    }
  }
}
