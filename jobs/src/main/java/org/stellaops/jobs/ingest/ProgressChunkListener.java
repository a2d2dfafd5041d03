package org.stellaops.jobs.ingest;

import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.stellaops.jobs.runtime.ProgressRelay;

/** Reports a step's progress after each chunk, counting documents committed by an earlier attempt too. */
public final class ProgressChunkListener implements ChunkListener, StepExecutionListener {
  private final ProgressRelay relay;
  private final String phase;
  private final java.util.function.LongSupplier total;
  private final String positionKey;
  private long knownTotal = -1;

  private ProgressChunkListener(ProgressRelay relay, String phase, java.util.function.LongSupplier total, String readerName) {
    this.relay = relay;
    this.phase = phase;
    this.total = total;
    this.positionKey = readerName + ".read.count";
  }

  /** Adds progress reporting for a step whose reader, named {@code readerName}, yields {@code total} items. */
  public static <B extends org.springframework.batch.core.step.builder.SimpleStepBuilder<?, ?>> B attach(B builder,
      ProgressRelay relay, String phase, java.util.function.LongSupplier total, String readerName) {
    ProgressChunkListener listener = new ProgressChunkListener(relay, phase, total, readerName);
    builder.listener((ChunkListener) listener);
    builder.listener((StepExecutionListener) listener);
    return builder;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    knownTotal = total.getAsLong();
    relay.display().start(phase, knownTotal);
  }

  @Override
  public void afterChunk(ChunkContext context) {
    StepExecution step = context.getStepContext().getStepExecution();
    // The reader's saved position counts documents across restarts, unlike the step's read count.
    // The reader's position also counts its final, empty read, hence the cap.
    long position = step.getExecutionContext().getInt(positionKey, (int) step.getReadCount());
    relay.display().update(knownTotal < 0 ? position : Math.min(position, knownTotal));
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    relay.display().finish();
    return stepExecution.getExitStatus();
  }

}
