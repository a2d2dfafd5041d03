package org.stellaops.streaming;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.stellaops.connectors.notify.OutboxMessage;
import org.stellaops.connectors.notify.RescanDelta;
import org.stellaops.streaming.notify.OutboxSink;
import org.stellaops.streaming.notify.RoutedEvent;
import org.stellaops.streaming.notify.RuleRouter;
import org.stellaops.streaming.notify.ThrottleAndDigest;
import org.stellaops.streaming.rescan.ImageRescanner;
import org.stellaops.streaming.rescan.ImageTask;
import org.stellaops.streaming.rescan.ImpactSelector;
import org.stellaops.streaming.rescan.RescanOperator;
import org.stellaops.streaming.source.SealedSnapshotSource;
import org.stellaops.streaming.source.SnapshotChange;

/**
 * The topology (docs/streaming.md): sealed snapshots, impacted images, re-evaluation keyed by
 * image, rule routing, throttling and digests keyed by route, and the outbox. Every operator has
 * a fixed uid, so savepoints survive changes to the code around them.
 */
public final class StreamJob {
  public static final String NAME = "stella-stream";

  private StreamJob() {}

  /**
   * Defines the job on {@code env}, with checkpoints every {@code interval} (exactly-once state), and
   * starts it without waiting for it to end.
   */
  public static org.apache.flink.core.execution.JobClient submit(StreamExecutionEnvironment env, StreamSettings settings,
      java.time.Duration interval) throws Exception {
    env.enableCheckpointing(interval.toMillis(), org.apache.flink.streaming.api.CheckpointingMode.EXACTLY_ONCE);
    define(env, settings);
    return env.executeAsync(NAME);
  }

  /** Adds the job's operators to {@code env}. */
  public static void define(StreamExecutionEnvironment env, StreamSettings settings) {
    DataStream<SnapshotChange> changes = env.addSource(new SealedSnapshotSource(settings), "sealed-snapshots")
        .uid("sealed-snapshots").setParallelism(1);
    DataStream<ImageTask> tasks = changes.flatMap(new ImpactSelector(settings))
        .uid("impact-selection").name("impact-selection").setParallelism(1);
    DataStream<RescanDelta> deltas = tasks.keyBy(task -> task.imageDigest)
        .transform("rescan", TypeInformation.of(RescanDelta.class), new RescanOperator(new ImageRescanner(settings)))
        .uid("rescan");
    DataStream<RoutedEvent> routed = deltas.flatMap(new RuleRouter(settings)).uid("rule-router").name("rule-router");
    DataStream<OutboxMessage> messages = routed.keyBy(event -> event.route)
        .process(new ThrottleAndDigest()).uid("throttle-digest").name("throttle-digest");
    messages.sinkTo(OutboxSink.create(settings)).uid("notify-outbox").name("notify-outbox");
  }
}
