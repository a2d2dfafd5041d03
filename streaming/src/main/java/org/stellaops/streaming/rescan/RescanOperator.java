package org.stellaops.streaming.rescan;

import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.stellaops.connectors.notify.RescanDelta;

/**
 * Runs {@link ImageRescanner} and commits what it evaluated in small batches: every
 * {@value #FLUSH_MILLIS} ms, before each checkpoint barrier leaves the operator (so the
 * checkpoint covers only committed results, and replays after it), and when the input ends.
 * Flushes run on the task's own thread, between records.
 */
public final class RescanOperator extends KeyedProcessOperator<String, ImageTask, RescanDelta> {
  private static final long serialVersionUID = 1L;
  static final long FLUSH_MILLIS = 20;
  private transient TimestampedCollector<RescanDelta> flushOutput;

  public RescanOperator(ImageRescanner rescanner) {
    super(rescanner);
  }

  @Override
  public void open() throws Exception {
    super.open();
    flushOutput = new TimestampedCollector<>(output);
    getProcessingTimeService().scheduleWithFixedDelay(time -> flush(), FLUSH_MILLIS, FLUSH_MILLIS);
  }

  private void flush() {
    ((ImageRescanner) userFunction).flush(flushOutput);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    flush();
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }
}
