package org.stellaops.connectors.notify;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.connectors.notify.DeliveryStore.Delivery;

/**
 * Sends what the outbox holds: claims due messages, sends each over its channel, and records the
 * outcome. A retriable failure is tried again after a backoff that doubles from
 * {@link RetryPolicy#firstBackoff} up to {@link RetryPolicy#maxBackoff}; a permanent failure, or
 * the last of {@link RetryPolicy#maxAttempts}, makes the message a dead letter.
 */
public final class DeliveryDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);
  private final DeliveryStore store;
  private final Map<Channel, ChannelSender> senders;
  private final RetryPolicy policy;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final Map<Channel, AtomicLong> sentByChannel = new java.util.concurrent.ConcurrentHashMap<>();
  /** Queue-to-delivery milliseconds of the messages sent since the last {@link #summary}. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new java.util.ArrayList<>();
  private volatile boolean stopping;

  /** How often and how long to retry. */
  public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration lease) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5),
        Duration.ofSeconds(30));

    public Duration backoff(int attempts) {
      long millis = firstBackoff.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
      return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
  }

  public DeliveryDispatcher(DeliveryStore store, Map<Channel, ChannelSender> senders, RetryPolicy policy) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.senders = new EnumMap<>(senders);
    this.policy = Objects.requireNonNull(policy, "policy is null");
  }

  /** The senders of every channel: HTTP for webhook, Slack and Teams, SMTP for e-mail. */
  public static Map<Channel, ChannelSender> standardSenders(SmtpSettings smtp, Duration timeout) {
    HttpChannelSender http = new HttpChannelSender(timeout);
    Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    senders.put(Channel.WEBHOOK, http);
    senders.put(Channel.SLACK, http);
    senders.put(Channel.TEAMS, http);
    senders.put(Channel.EMAIL, new EmailSender(smtp, timeout));
    return senders;
  }

  /**
   * Sends the messages due now, claiming one at a time (so a claim's lease, longer than a send's
   * timeout, never runs out while it waits behind others); returns how many it handled (sent,
   * retried later or dead).
   */
  public int dispatchDue() {
    int handled = 0;
    List<Delivery> due;
    while (!stopping && !(due = store.claimDue(1, policy.lease())).isEmpty()) {
      deliver(due.get(0));
      handled++;
    }
    return handled;
  }

  private void deliver(Delivery delivery) {
    OutboxMessage message = delivery.message();
    ChannelSender sender = Channel.ofLabel(message.channel()).map(senders::get).orElse(null);
    if (sender == null) {
      store.markDead(message.deliveryId(), "no sender for channel " + message.channel());
      dead.incrementAndGet();
      return;
    }
    try {
      String note = sender.send(message);
      store.markSent(message.deliveryId());
      sent.incrementAndGet();
      Channel.ofLabel(message.channel()).ifPresent(c -> sentByChannel.computeIfAbsent(c, k -> new AtomicLong()).incrementAndGet());
      latencies.add(java.time.Duration.between(delivery.createdAt(), java.time.Instant.now()).toMillis());
      LOG.debug("delivered {} ({} to {}, rule {}): {}", message.deliveryId(), message.channel(), message.target(),
          message.ruleName(), note);
    } catch (DeliveryException e) {
      if (e.isRetriable() && delivery.attempts() < policy.maxAttempts()) {
        Duration backoff = policy.backoff(delivery.attempts());
        store.markRetry(message.deliveryId(), e.getMessage(), backoff);
        retried.incrementAndGet();
        LOG.warn("delivery {} attempt {} failed, retrying in {} ms: {}", message.deliveryId(), delivery.attempts(),
            backoff.toMillis(), e.getMessage());
      } else {
        String reason = e.isRetriable() ? "gave up after " + delivery.attempts() + " attempts: " + e.getMessage()
            : "permanent failure: " + e.getMessage();
        store.markDead(message.deliveryId(), reason);
        dead.incrementAndGet();
        LOG.warn("delivery {} is a dead letter: {}", message.deliveryId(), reason);
      }
    } catch (RuntimeException e) {
      store.markDead(message.deliveryId(), "internal error: " + e);
      dead.incrementAndGet();
      LOG.error("delivery {} failed unexpectedly", message.deliveryId(), e);
    }
  }

  /**
   * Starts {@code threadCount} background threads that dispatch until {@link #close}, each looking
   * again after {@code pollInterval} when nothing is due. They claim different messages, so they
   * send in parallel; the store's data source must then be a pool.
   */
  public synchronized void start(Duration pollInterval, int threadCount) {
    if (!threads.isEmpty()) {
      return;
    }
    stopping = false;
    for (int t = 0; t < threadCount; t++) {
      Thread thread = new Thread(() -> loop(pollInterval), "notify-dispatcher-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** {@link #start(Duration, int)} with one thread. */
  public void start(Duration pollInterval) {
    start(pollInterval, 1);
  }

  private void loop(Duration pollInterval) {
    while (!stopping) {
      try {
        if (dispatchDue() == 0) {
          Thread.sleep(pollInterval.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("dispatcher cannot read the outbox, trying again: {}", e.toString());
        try {
          Thread.sleep(Math.max(1000, pollInterval.toMillis()));
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * One line on what was sent since the last call: per channel, retries, dead letters, and the
   * median and highest time from queueing to delivery; empty when nothing happened.
   */
  public java.util.Optional<String> summary() {
    List<Long> window = new java.util.ArrayList<>();
    for (Long l; (l = latencies.poll()) != null; ) {
      window.add(l);
    }
    if (window.isEmpty()) {
      return java.util.Optional.empty();
    }
    java.util.Collections.sort(window);
    StringBuilder line = new StringBuilder("notify: sent ").append(window.size()).append(" since the last report (total");
    sentByChannel.forEach((channel, count) -> line.append(' ').append(channel.label()).append(' ').append(count.get()));
    line.append("; retried ").append(retried.get()).append(", dead ").append(dead.get())
        .append("); queued to delivered: median ").append(window.get(window.size() / 2)).append(" ms, max ")
        .append(window.get(window.size() - 1)).append(" ms");
    return java.util.Optional.of(line.toString());
  }

  public long sentCount() {
    return sent.get();
  }

  public long deadCount() {
    return dead.get();
  }

  public long retriedCount() {
    return retried.get();
  }

  @Override
  public synchronized void close() throws InterruptedException {
    stopping = true;
    for (Thread thread : threads) {
      thread.interrupt();
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    threads.clear();
  }
}
