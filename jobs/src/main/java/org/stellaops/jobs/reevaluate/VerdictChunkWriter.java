package org.stellaops.jobs.reevaluate;

import java.util.List;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.stellaops.engine.verdict.VerdictEvaluator.Evaluation;
import org.stellaops.connectors.store.VerdictStore;

/** Appends a chunk of verdicts in the chunk's transaction. */
class VerdictChunkWriter implements ItemWriter<Evaluation> {
  private final VerdictStore verdicts;
  private final long jobInstanceId;

  VerdictChunkWriter(VerdictStore verdicts, long jobInstanceId) {
    this.verdicts = verdicts;
    this.jobInstanceId = jobInstanceId;
  }

  @Override
  public void write(Chunk<? extends Evaluation> chunk) throws Exception {
    verdicts.append(jobInstanceId, List.copyOf(chunk.getItems()));
  }
}
