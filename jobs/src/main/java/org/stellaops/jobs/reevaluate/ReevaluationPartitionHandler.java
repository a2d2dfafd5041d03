package org.stellaops.jobs.reevaluate;

import java.util.Collection;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs the partitions of a re-evaluation where {@link ReevaluationWorkers} says: on local threads
 * (Spring Batch's {@link TaskExecutorPartitionHandler}), or in worker processes through
 * {@link RemotePartitions}.
 */
@Component
public class ReevaluationPartitionHandler implements PartitionHandler {
  private final ReevaluationWorkers workers;
  private final Step evaluatePartition;
  private final RemotePartitions remote;

  public ReevaluationPartitionHandler(ReevaluationWorkers workers,
      @Lazy @Qualifier(ReevaluateJobConfig.PARTITION_STEP) Step evaluatePartition, RemotePartitions remote) {
    this.workers = workers;
    this.evaluatePartition = evaluatePartition;
    this.remote = remote;
  }

  @Override
  public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution) throws Exception {
    if (workers.remoteWorkers() > 0) {
      return remote.handle(splitter, managerStepExecution, workers.partitions());
    }
    TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
    SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("stella-partition-");
    threads.setConcurrencyLimit(workers.threads());
    local.setTaskExecutor(threads);
    local.setStep(evaluatePartition);
    local.setGridSize(workers.partitions());
    local.afterPropertiesSet();
    return local.handle(splitter, managerStepExecution);
  }
}
