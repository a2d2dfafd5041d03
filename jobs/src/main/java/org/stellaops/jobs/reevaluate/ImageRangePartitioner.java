package org.stellaops.jobs.reevaluate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.item.ExecutionContext;

/**
 * Cuts a run's selection (ordinals 0..n-1) into contiguous ranges of near-equal size. Each range
 * keeps the chunk size it was cut with, so a resumed partition commits as it started.
 */
final class ImageRangePartitioner implements Partitioner {
  static final String FROM = "from";
  static final String TO = "to";
  static final String CHUNK_SIZE = "chunkSize";
  private final int selected;
  private final int chunkSize;

  ImageRangePartitioner(int selected, int chunkSize) {
    this.selected = selected;
    this.chunkSize = chunkSize;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    int parts = Math.max(1, Math.min(gridSize, selected));
    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
    for (int p = 0; p < parts; p++) {
      ExecutionContext context = new ExecutionContext();
      context.putInt(FROM, (int) ((long) selected * p / parts));
      context.putInt(TO, (int) ((long) selected * (p + 1) / parts));
      context.putInt(CHUNK_SIZE, chunkSize);
      partitions.put(String.format(java.util.Locale.ROOT, "partition%04d", p), context);
    }
    return partitions;
  }
}
