package org.stellaops.jobs.runtime;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.SkipListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;

/**
 * Records the items the database refused to store (see {@link ChunkFaults}). Spring Batch calls
 * it just before the chunk's transaction commits, so the record commits with the rest of the
 * chunk and the reader's position.
 */
public final class RefusalListener<I, O> implements SkipListener<I, O>, StepExecutionListener {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalListener.class);

  /** Stores one refusal of the run {@code jobInstanceId}. */
  @FunctionalInterface
  public interface Recorder<O> {
    void record(long jobInstanceId, O item, String reason);
  }

  private final Recorder<O> recorder;
  private long jobInstanceId = -1;

  public RefusalListener(Recorder<O> recorder) {
    this.recorder = Objects.requireNonNull(recorder, "recorder is null");
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
  }

  @Override
  public void onSkipInWrite(O item, Throwable failure) {
    String reason = ChunkFaults.describe(failure);
    LOG.warn("Skipped an item the database refused: {}", reason);
    recorder.record(jobInstanceId, item, reason);
  }
}
