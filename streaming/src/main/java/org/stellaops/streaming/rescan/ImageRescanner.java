package org.stellaops.streaming.rescan;

import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.stellaops.connectors.notify.NotifyEventStore;
import org.stellaops.connectors.notify.RescanDelta;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.VerdictStore;
import org.stellaops.connectors.store.VerdictStore.EarlierVerdict;
import org.stellaops.engine.EngineVersion;
import org.stellaops.engine.match.AdvisoryMatcher;
import org.stellaops.engine.match.ComponentRef;
import org.stellaops.engine.policy.DefaultPolicy;
import org.stellaops.engine.policy.Policy;
import org.stellaops.engine.verdict.VerdictEvaluator;
import org.stellaops.engine.verdict.VerdictEvaluator.Evaluation;
import org.stellaops.streaming.StreamDatabase;
import org.stellaops.streaming.StreamSettings;

/**
 * Re-evaluates one image at one snapshot, keyed by image digest so that one image is never
 * evaluated twice at once; with the engine, policy and stores of the batch path.
 *
 * <p>The image's earlier verdict is its newest one from before the snapshot. When the SBOM and
 * the advisory entries its components are evaluated against are the same as that verdict's,
 * nothing can have changed and nothing is written. Otherwise the verdict is evaluated and, unless
 * one for these exact inputs is stored already (by a batch run, or by this job before a restart),
 * appended; the {@code rescan.delta} event is recorded in the same transaction and emitted. A
 * replayed task therefore writes nothing twice and emits the same event, with the same id.
 */
public final class ImageRescanner extends KeyedProcessFunction<String, ImageTask, RescanDelta> {
  private static final long serialVersionUID = 1L;
  /** Job instance id recorded on verdicts the stream writes (batch runs use their Spring Batch instance id, from 1). */
  public static final long STREAM_JOB_INSTANCE = 0;
  private final StreamSettings settings;
  private transient StreamDatabase db;
  private transient SbomStore sboms;
  private transient AdvisoryStore advisories;
  private transient VerdictStore verdicts;
  private transient NotifyEventStore events;
  private transient Policy policy;
  private transient Counter evaluated;
  private transient Counter unchanged;
  private transient Counter written;
  private transient Counter alreadyStored;

  public ImageRescanner(StreamSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    db = new StreamDatabase(settings);
    sboms = db.sboms();
    advisories = db.advisories();
    verdicts = db.verdicts();
    events = db.events();
    policy = new DefaultPolicy();
    evaluated = getRuntimeContext().getMetricGroup().counter("imagesEvaluated");
    unchanged = getRuntimeContext().getMetricGroup().counter("imagesUnchanged");
    written = getRuntimeContext().getMetricGroup().counter("verdictsWritten");
    alreadyStored = getRuntimeContext().getMetricGroup().counter("verdictsAlreadyStored");
  }

  @Override
  public void processElement(ImageTask task, Context context, Collector<RescanDelta> out) {
    VerdictEvaluator evaluator = new VerdictEvaluator(
        new AdvisoryMatcher(SnapshotIndexes.forSnapshot(settings.jdbcUrl(), task.snapshot, advisories)), policy, task.snapshot);
    String sbomDigest = "sha256:" + task.sbomSha256;
    List<ComponentRef> components = sboms.componentRefs(task.sbomSha256);
    Optional<EarlierVerdict> earlier = verdicts.before(task.imageDigest, task.snapshot, EngineVersion.CURRENT,
        policy.digest());
    if (earlier.isPresent() && earlier.get().sbomDigest().equals(sbomDigest)
        && earlier.get().advisoriesDigest().equals(Optional.of(evaluator.advisoriesDigest(components)))) {
      unchanged.inc();
      return;
    }
    Evaluation evaluation = evaluator.evaluate(task.imageDigest, sbomDigest, components);
    evaluated.inc();
    Optional<RescanDelta> delta = VerdictDiff.between(earlier.map(EarlierVerdict::verdict), evaluation.verdict(),
        sboms.repository(task.sbomSha256), task.snapshot, task.sealedAtMillis);
    db.transaction().executeWithoutResult(status -> {
      if (verdicts.exists(task.imageDigest, sbomDigest, task.snapshot, EngineVersion.CURRENT, policy.digest())) {
        alreadyStored.inc();
      } else {
        try {
          verdicts.append(STREAM_JOB_INSTANCE, List.of(evaluation));
        } catch (java.sql.SQLException | java.io.IOException e) {
          throw new IllegalStateException("cannot store the verdict of " + task, e);
        }
        written.inc();
      }
      delta.ifPresent(events::record);
    });
    delta.ifPresent(out::collect);
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }
}
