package org.stellaops.streaming.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.source.RichSourceFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.streaming.StreamDatabase;
import org.stellaops.streaming.StreamSettings;

/**
 * Follows sealed advisory snapshots in seal order and emits the product keys each one changed
 * ({@code vuln.export_delta}). The cursor, the last snapshot number emitted, is Flink operator
 * state: it is taken under the checkpoint lock together with the emission, so after a restore
 * from a checkpoint every snapshot after the cursor is emitted again and none before it.
 * Snapshot numbers are gap-free and given in commit order (see migration V3), so a snapshot
 * sealed while a poll runs is found by the next one.
 *
 * <p>Why not {@code JdbcSource}: its continuous mode slides a window over a time column, and a
 * snapshot whose seal commits after its window was read would be skipped; this source follows
 * the snapshot number instead.
 */
public final class SealedSnapshotSource extends RichSourceFunction<SnapshotChange> implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SealedSnapshotSource.class);
  /** Product keys per emitted record: a delta touching half the ecosystem still moves in small records. */
  public static final int KEYS_PER_PART = 2_000;
  private static final int SNAPSHOTS_PER_POLL = 10;

  private final StreamSettings settings;
  private transient ListState<Long> cursorState;
  private transient long cursor;
  private volatile boolean running = true;

  public SealedSnapshotSource(StreamSettings settings) {
    this.settings = settings;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    cursorState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("snapshot-cursor", Types.LONG));
    cursor = -1;
    if (context.isRestored()) {
      for (Long saved : cursorState.get()) {
        cursor = Math.max(cursor, saved);
      }
      LOG.info("following sealed snapshots after number {} (restored)", cursor);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    cursorState.update(List.of(cursor));
  }

  @Override
  public void run(SourceContext<SnapshotChange> context) throws Exception {
    try (StreamDatabase db = new StreamDatabase(settings)) {
      if (cursor < 0) {
        cursor = settings.startAfterSnapshot() >= 0 ? settings.startAfterSnapshot()
            : db.jdbc().queryForObject("SELECT coalesce(max(seal_seq), 0) FROM vuln.snapshot", Long.class);
        LOG.info("following sealed snapshots after number {}", cursor);
      }
      while (running) {
        List<Object[]> sealed = db.jdbc().query("SELECT seal_seq, snapshot_id,"
            + " (extract(epoch FROM coalesce(sealed_at, created_at)) * 1000)::bigint FROM vuln.snapshot"
            + " WHERE seal_seq > ? ORDER BY seal_seq LIMIT " + SNAPSHOTS_PER_POLL,
            (r, i) -> new Object[] {r.getLong(1), r.getLong(2), r.getLong(3)}, cursor);
        for (Object[] snapshot : sealed) {
          long number = (Long) snapshot[0];
          List<String> keys = db.jdbc().queryForList("SELECT DISTINCT product_key FROM vuln.export_delta"
              + " WHERE tenant_id = 'default' AND snapshot_id = ? ORDER BY product_key", String.class, snapshot[1]);
          List<SnapshotChange> parts = split(number, (Long) snapshot[2], keys);
          synchronized (context.getCheckpointLock()) {
            for (SnapshotChange part : parts) {
              context.collect(part);
            }
            cursor = number;
          }
          LOG.info("snapshot {} sealed: {} product keys changed", number, keys.size());
        }
        if (sealed.size() < SNAPSHOTS_PER_POLL) {
          Thread.sleep(settings.pollMillis());
        }
      }
    }
  }

  static List<SnapshotChange> split(long snapshot, long sealedAtMillis, List<String> keys) {
    int parts = Math.max(1, (keys.size() + KEYS_PER_PART - 1) / KEYS_PER_PART);
    List<SnapshotChange> changes = new ArrayList<>(parts);
    String[] all = keys.toArray(String[]::new);
    for (int p = 0; p < parts; p++) {
      changes.add(new SnapshotChange(snapshot, sealedAtMillis, p, parts,
          Arrays.copyOfRange(all, p * KEYS_PER_PART, Math.min(all.length, (p + 1) * KEYS_PER_PART))));
    }
    return changes;
  }

  @Override
  public void cancel() {
    running = false;
  }
}
