package org.stellaops.streaming.rescan;

import java.util.List;
import java.util.Map;
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
import org.stellaops.connectors.store.VerdictStore.VerdictHeader;
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
 * nothing can have changed and nothing is written. The earlier verdict's findings come from keyed
 * state (the image's last verdict as this job wrote it) and are read back from PostgreSQL only when
 * another verdict came in between. Otherwise the verdict is evaluated and, unless
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
  private transient Progress progress;
  private transient org.apache.flink.api.common.state.ValueState<LastVerdict> last;
  /** Repository by SBOM (an SBOM's name never changes), bounded. */
  private transient Map<String, String> repositories;
  private transient String currentKey;
  private static final int HEADERS = 4;
  /** Images stored per transaction at most: one commit (a WAL flush) per image would cost more than evaluating it. */
  static final int BATCH = 50;
  private transient List<Pending> pending;

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
    pending = new java.util.ArrayList<>();
    last = getRuntimeContext().getState(new org.apache.flink.api.common.state.ValueStateDescriptor<>("last-verdict",
        LastVerdict.class));
    repositories = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > 100_000;
      }
    };
    // The newest snapshot's advisory index now, so that the first delta after a start derives its
    // index from it in milliseconds instead of reading every advisory while images wait.
    long newest = db.jdbc().queryForObject("SELECT coalesce(max(seal_seq), 0) FROM vuln.snapshot", Long.class);
    if (newest > 0) {
      SnapshotIndexes.forSnapshot(settings.jdbcUrl(), newest, advisories);
    }
    progress = new Progress("rescan " + (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + 1) + "/"
        + getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
  }

  @Override
  public void processElement(ImageTask task, Context context, Collector<RescanDelta> out) throws Exception {
    if (pending.stream().anyMatch(p -> p.task().imageDigest.equals(task.imageDigest))) {
      flush(out); // its earlier verdict must be committed before it is read
    }
    long started = System.nanoTime();
    currentKey = task.imageDigest;
    String sbomDigest = "sha256:" + task.sbomSha256;
    List<VerdictHeader> headers = verdicts.headers(task.imageDigest, task.snapshot, EngineVersion.CURRENT, policy.digest(),
        HEADERS);
    boolean stored = headers.stream().anyMatch(h -> h.snapshot() == task.snapshot && h.sbomDigest().equals(sbomDigest));
    Optional<VerdictHeader> earlier = headers.stream().filter(h -> h.snapshot() < task.snapshot).findFirst();
    if (earlier.isEmpty() && headers.size() == HEADERS) {
      // Many verdicts at this very snapshot (several SBOMs): look further back.
      earlier = verdicts.headers(task.imageDigest, task.snapshot - 1, EngineVersion.CURRENT, policy.digest(), 1).stream()
          .findFirst();
    }
    VerdictEvaluator evaluator = new VerdictEvaluator(
        new AdvisoryMatcher(SnapshotIndexes.forSnapshot(settings.jdbcUrl(), task.snapshot, advisories)), policy, task.snapshot);
    List<ComponentRef> components = sboms.componentRefs(task.sbomSha256);
    if (earlier.isPresent() && earlier.get().sbomDigest().equals(sbomDigest)
        && earlier.get().advisoriesDigest().equals(Optional.of(evaluator.advisoriesDigest(components)))) {
      unchanged.inc();
      progress.unchanged(started);
      return;
    }
    long read = System.nanoTime();
    Evaluation evaluation = evaluator.evaluate(task.imageDigest, sbomDigest, components);
    evaluated.inc();
    Optional<LastVerdict> before = earlier.map(this::lastVerdict);
    Optional<RescanDelta> delta = VerdictDiff.between(before, evaluation.verdict(), repository(task.sbomSha256),
        task.snapshot, task.sealedAtMillis);
    last.update(new LastVerdict(evaluation.verdict().verdictDigest(), evaluation.verdict().decision().name(),
        VerdictDiff.hashes(evaluation.verdict())));
    pending.add(new Pending(task, evaluation, stored, delta));
    progress.evaluated(started, read, System.nanoTime());
    if (pending.size() >= BATCH) {
      flush(out);
    }
  }

  /** An evaluated image whose verdict and event wait for the next commit. */
  private record Pending(ImageTask task, Evaluation evaluation, boolean stored, Optional<RescanDelta> delta) {}

  /**
   * Stores the verdicts and events of the images evaluated since the last flush in one transaction,
   * then emits their events. {@link RescanOperator} calls it every few milliseconds, before every
   * checkpoint barrier and at the end, so nothing waits long and a checkpoint never covers an image
   * whose results are not committed.
   */
  void flush(Collector<RescanDelta> out) {
    if (pending.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    List<Evaluation> toStore = pending.stream().filter(p -> !p.stored()).map(Pending::evaluation).toList();
    db.transaction().executeWithoutResult(status -> {
      try {
        verdicts.append(STREAM_JOB_INSTANCE, toStore);
      } catch (java.sql.SQLException | java.io.IOException e) {
        throw new IllegalStateException("cannot store the verdicts of " + pending.size() + " images", e);
      }
      events.record(pending.stream().flatMap(p -> p.delta().stream()).toList());
    });
    written.inc(toStore.size());
    alreadyStored.inc(pending.size() - toStore.size());
    progress.stored(pending.size(), started);
    pending.forEach(p -> p.delta().ifPresent(out::collect));
    pending.clear();
  }

  /**
   * The finding keys and decision of the verdict {@code header} names: from keyed state when it
   * holds that verdict (the one this job wrote last), else read back from PostgreSQL (a batch run
   * wrote a newer one, or the job started without state).
   */
  private LastVerdict lastVerdict(VerdictHeader header) {
    try {
      LastVerdict held = last.value();
      if (held != null && held.verdictDigest.equals(header.verdictDigest())) {
        return held;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the rescan state", e);
    }
    // Read back: a batch run wrote it, or the job started without state.
    long[] hashes = verdicts.findingIdentities(header.verdictId()).stream()
        .mapToLong(f -> VerdictDiff.hash(f[0], f[1], f[2])).distinct().toArray();
    return new LastVerdict(header.verdictDigest(), header.decision(), hashes);
  }

  private String repository(String sbomSha256) {
    return repositories.computeIfAbsent(sbomSha256, sboms::repository);
  }

  /** A log line every {@value #PROGRESS_MILLIS} ms while images arrive: how many, and where the time went. */
  private static final class Progress {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageRescanner.class);
    private static final long PROGRESS_MILLIS = 10_000;
    private final String name;
    private long since = System.currentTimeMillis();
    private long evaluated;
    private long unchanged;
    private long stored;
    private long readNanos;
    private long evaluateNanos;
    private long writeNanos;

    Progress(String name) {
      this.name = name;
    }

    void unchanged(long started) {
      unchanged++;
      readNanos += System.nanoTime() - started;
      maybeLog();
    }

    void evaluated(long started, long read, long diffed) {
      evaluated++;
      readNanos += read - started;
      evaluateNanos += diffed - read;
      maybeLog();
    }

    void stored(int images, long started) {
      stored += images;
      writeNanos += System.nanoTime() - started;
    }

    private void maybeLog() {
      long now = System.currentTimeMillis();
      if (now - since < PROGRESS_MILLIS) {
        return;
      }
      long images = evaluated + unchanged;
      LOG.info("{}: {} images in {} s ({} re-evaluated, {} unchanged); per image: read {} ms, evaluate {} ms, store {} ms",
          name, images, (now - since) / 1000, evaluated, unchanged, String.format(java.util.Locale.ROOT, "%.2f",
              readNanos / 1e6 / Math.max(1, images)), String.format(java.util.Locale.ROOT, "%.2f",
              evaluateNanos / 1e6 / Math.max(1, evaluated)), String.format(java.util.Locale.ROOT, "%.2f",
              writeNanos / 1e6 / Math.max(1, stored)));
      since = now;
      evaluated = 0;
      unchanged = 0;
      stored = 0;
      readNanos = 0;
      evaluateNanos = 0;
      writeNanos = 0;
    }
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }
}
