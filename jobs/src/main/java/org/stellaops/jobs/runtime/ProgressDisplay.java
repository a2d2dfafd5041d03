package org.stellaops.jobs.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shows the progress of a phase of work: started with a total, advanced, finished. */
public interface ProgressDisplay {

  /** A phase of {@code total} units begins ({@code total} < 0 when unknown). */
  void start(String phase, long total);

  /** {@code done} units of the phase are finished. */
  void update(long done);

  /** The phase is over. */
  void finish();

  /** A display that logs a line at most every five seconds: for logs, pipes and Airflow. */
  static ProgressDisplay logLines() {
    return new ProgressDisplay() {
      private final Logger log = LoggerFactory.getLogger("stella.progress");
      private String phase = "";
      private long total;
      private long lastLogNanos;

      @Override
      public void start(String phase, long total) {
        this.phase = phase;
        this.total = total;
        this.lastLogNanos = System.nanoTime();
        log.info("{}: starting ({} items)", phase, total < 0 ? "unknown number of" : total);
      }

      @Override
      public void update(long done) {
        long now = System.nanoTime();
        if (now - lastLogNanos >= 5_000_000_000L) {
          lastLogNanos = now;
          log.info("{}: {} of {} done", phase, done, total < 0 ? "?" : total);
        }
      }

      @Override
      public void finish() {
        log.info("{}: finished", phase);
      }
    };
  }
}
