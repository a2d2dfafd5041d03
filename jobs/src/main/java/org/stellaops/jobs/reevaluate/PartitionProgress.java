package org.stellaops.jobs.reevaluate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.stereotype.Component;
import org.stellaops.jobs.runtime.ProgressRelay;

/**
 * One progress line for a partitioned re-evaluation: the manager step announces the run's
 * selection size, and every partition evaluated in this process adds what it has committed
 * (counting chunks an earlier attempt committed, from the reader's saved position). Partitions
 * that run in worker processes show their progress there.
 */
@Component
public class PartitionProgress implements StepExecutionListener, ChunkListener {
  private static final String POSITION = "images.read.count";
  private final ProgressRelay relay;
  private final ReevaluationSelection selection;
  private final Map<Long, Long> positions = new ConcurrentHashMap<>();
  private long total = -1;
  private boolean managing;

  public PartitionProgress(ProgressRelay relay, ReevaluationSelection selection) {
    this.relay = relay;
    this.selection = selection;
  }

  @Override
  public synchronized void beforeStep(StepExecution stepExecution) {
    if (stepExecution.getStepName().equals("evaluateImages")) {
      managing = true;
      positions.clear();
      total = Math.max(0, selection.count(stepExecution.getJobExecution().getJobInstance().getInstanceId()));
      relay.display().start("images", total);
    }
  }

  @Override
  public void afterChunk(ChunkContext context) {
    StepExecution step = context.getStepContext().getStepExecution();
    long from = step.getExecutionContext().getInt(ImageRangePartitioner.FROM, 0);
    long to = step.getExecutionContext().getInt(ImageRangePartitioner.TO, 0);
    // The reader's saved position counts its final, empty read too, hence the cap.
    long done = Math.min(step.getExecutionContext().getInt(POSITION, (int) step.getReadCount()), to - from);
    positions.put(step.getId(), done);
    update();
  }

  private synchronized void update() {
    if (managing) {
      long done = positions.values().stream().mapToLong(Long::longValue).sum();
      relay.display().update(total < 0 ? done : Math.min(done, total));
    }
  }

  @Override
  public synchronized ExitStatus afterStep(StepExecution stepExecution) {
    if (stepExecution.getStepName().equals("evaluateImages")) {
      managing = false;
      relay.display().finish();
    }
    return stepExecution.getExitStatus();
  }
}
