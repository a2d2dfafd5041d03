package org.stellaops.streaming;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stellaops.connectors.notify.DeliveryDispatcher;
import org.stellaops.connectors.notify.DeliveryStore;
import org.stellaops.connectors.notify.SmtpSettings;

/**
 * The outbox dispatcher that runs beside the job in the {@code stella stream} process: several
 * sender threads over a small connection pool, so one slow receiver does not hold up the rest,
 * and a log line every {@value #REPORT_SECONDS} s on what was sent (per channel, retries, dead
 * letters, queue-to-delivery time).
 */
public final class OutboxDispatch implements AutoCloseable {
  /** Sender threads by default: messages to different receivers go out in parallel. */
  public static final int THREADS = 4;
  private static final long REPORT_SECONDS = 30;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutboxDispatch.class);
  private final HikariDataSource pool;
  private final DeliveryDispatcher dispatcher;
  private final java.util.concurrent.ScheduledExecutorService reports;

  public OutboxDispatch(StreamSettings settings, SmtpSettings smtp, DeliveryDispatcher.RetryPolicy policy, int threads,
      Duration pollInterval) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.user() != null) {
      config.setUsername(settings.user());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(threads + 1);
    // The dispatcher's own bookkeeping (claims, outcomes) need not wait for the WAL flush: losing the
    // last few hundred milliseconds of it to a PostgreSQL crash only means those messages are sent
    // again, the gap every outbox has (docs/streaming.md). Verdicts, events and the queue itself are
    // written by the job with synchronous commits.
    config.setConnectionInitSql("SET synchronous_commit = off");
    config.setPoolName("notify-dispatcher");
    this.pool = new HikariDataSource(config);
    this.dispatcher = new DeliveryDispatcher(new DeliveryStore(new JdbcTemplate(pool)),
        DeliveryDispatcher.standardSenders(smtp, Duration.ofSeconds(10)), policy);
    dispatcher.start(pollInterval, threads);
    reports = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "notify-report");
      t.setDaemon(true);
      return t;
    });
    reports.scheduleWithFixedDelay(() -> dispatcher.summary().ifPresent(LOG::info), REPORT_SECONDS, REPORT_SECONDS,
        java.util.concurrent.TimeUnit.SECONDS);
  }

  public DeliveryDispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public void close() throws InterruptedException {
    reports.shutdownNow();
    try {
      dispatcher.close();
      dispatcher.summary().ifPresent(LOG::info);
    } finally {
      pool.close();
    }
  }
}
