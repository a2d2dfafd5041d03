package org.stellaops.streaming.rescan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.stellaops.connectors.store.FleetIndexStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.SbomStore.ImageSbom;
import org.stellaops.streaming.StreamDatabase;
import org.stellaops.streaming.StreamSettings;
import org.stellaops.streaming.source.SnapshotChange;

/**
 * Product keys to impacted images, through the fleet index, with the same selection code as
 * {@code stella impact} and the batch re-evaluation ({@link FleetIndexStore#selectImages}); only
 * images that still have an SBOM are emitted, with that SBOM.
 */
public final class ImpactSelector extends RichFlatMapFunction<SnapshotChange, ImageTask> {
  private static final long serialVersionUID = 1L;
  private static final int IMAGES_PER_READ = 1_000;
  private final StreamSettings settings;
  private transient StreamDatabase db;
  private transient FleetIndexStore fleet;
  private transient SbomStore sboms;
  private transient Counter selected;

  public ImpactSelector(StreamSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    db = new StreamDatabase(settings);
    fleet = db.fleet();
    sboms = db.sboms();
    selected = getRuntimeContext().getMetricGroup().counter("impactedImages");
  }

  @Override
  public void flatMap(SnapshotChange change, Collector<ImageTask> out) {
    SortedSet<String> images = fleet.selectImages(Arrays.asList(change.productKeys));
    List<String> batch = new ArrayList<>(IMAGES_PER_READ);
    for (String image : images) {
      batch.add(image);
      if (batch.size() == IMAGES_PER_READ) {
        emit(batch, change, out);
      }
    }
    emit(batch, change, out);
  }

  private void emit(List<String> batch, SnapshotChange change, Collector<ImageTask> out) {
    if (batch.isEmpty()) {
      return;
    }
    for (ImageSbom image : sboms.images(batch)) {
      out.collect(new ImageTask(image.imageDigest(), image.sbomSha256(), change.snapshot, change.sealedAtMillis));
      selected.inc();
    }
    batch.clear();
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }
}
