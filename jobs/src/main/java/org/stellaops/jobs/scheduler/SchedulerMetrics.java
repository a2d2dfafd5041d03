package org.stellaops.jobs.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The scheduler's Micrometer meters, under the names the design uses:
 * {@code scheduler.impacted_images_total} (images selected because a delta touched them),
 * {@code scheduler.jobs_enqueued_total} (images handed to re-evaluation), {@code scheduler.selection_ms}
 * (time to select a run's images) and {@code scheduler.runs_total} by status. Kept in this
 * process's own registry and printed with each run; {@link #registry()} is there for a process
 * that wants to publish them.
 */
@Component
public class SchedulerMetrics {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final Counter impacted = Counter.builder("scheduler.impacted_images_total")
      .description("images selected because an export delta touched one of their product keys").register(registry);
  private final Counter enqueued = Counter.builder("scheduler.jobs_enqueued_total")
      .description("images handed to re-evaluation by scheduled and manual runs").register(registry);
  private final DistributionSummary selection = DistributionSummary.builder("scheduler.selection_ms")
      .description("milliseconds to select a run's images").baseUnit("milliseconds").register(registry);

  public MeterRegistry registry() {
    return registry;
  }

  void selected(int impactedImages, int enqueuedImages, double selectionMs) {
    impacted.increment(impactedImages);
    enqueued.increment(enqueuedImages);
    selection.record(selectionMs);
  }

  void ended(String status) {
    Counter.builder("scheduler.runs_total").tag("status", status).register(registry).increment();
  }

  /** One line with the meters' values so far in this process. */
  public String summary() {
    return String.format(Locale.ROOT, "scheduler.impacted_images_total=%.0f scheduler.jobs_enqueued_total=%.0f"
        + " scheduler.selection_ms{count=%d,max=%.1f,mean=%.1f}", impacted.count(), enqueued.count(), selection.count(),
        selection.max(), selection.mean());
  }
}
