package org.stellaops.jobs.reevaluate;

import org.springframework.stereotype.Component;

/**
 * How the next re-evaluation in this process spreads its partitions: over local threads (the
 * default: one per core), or over {@code stella worker} processes when {@code remoteWorkers} is
 * set; and how many images each partition commits at a time. Not job parameters: a resumed run
 * may use another number of workers, and is the same run.
 */
@Component
public class ReevaluationWorkers {
  private volatile int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  private volatile int remoteWorkers;
  private volatile int chunkSize = ReevaluateJobConfig.CHUNK_SIZE;

  /** Local threads evaluating partitions (1 or more). */
  public int threads() {
    return threads;
  }

  public void threads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads must be 1 or more, got " + count);
    }
    threads = count;
  }

  /** Worker processes expected to take partitions; 0 runs them in this process. */
  public int remoteWorkers() {
    return remoteWorkers;
  }

  public void remoteWorkers(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("workers must be 0 or more, got " + count);
    }
    remoteWorkers = count;
  }

  /** Images per transaction in partitions cut from now on (a resumed partition keeps its own). */
  public int chunkSize() {
    return chunkSize;
  }

  public void chunkSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be 1 or more, got " + size);
    }
    chunkSize = size;
  }

  private volatile double ratePerSecond;
  private long nextPermit;

  /** At most this many images per second in this process (a schedule's limits.ratePerSecond); 0: no limit. */
  public void ratePerSecond(double rate) {
    if (rate < 0) {
      throw new IllegalArgumentException("rate must be 0 or more, got " + rate);
    }
    ratePerSecond = rate;
  }

  /** Waits, when a rate is set, until the next image may be evaluated. */
  public void pace() throws InterruptedException {
    double rate = ratePerSecond;
    if (rate <= 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextPermit);
      nextPermit = slot + (long) (1e9 / rate);
      wait = slot - now;
    }
    if (wait > 0) {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** Partitions to cut a run into: two per thread or worker, so that a slow one is not waited for alone. */
  public int partitions() {
    return 2 * (remoteWorkers > 0 ? remoteWorkers : threads);
  }
}
