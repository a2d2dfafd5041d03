package org.stellaops.jobs.reevaluate;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.batch.item.support.AbstractItemCountingItemStreamItemReader;
import org.stellaops.connectors.store.SbomStore.ImageSbom;

/**
 * Reads the images to evaluate, in image-digest order. The list is read once when the step
 * opens; the position is saved with every chunk so a restart continues after the last commit.
 */
public class ImageItemReader extends AbstractItemCountingItemStreamItemReader<ImageSbom> {
  private final Supplier<List<ImageSbom>> images;
  private List<ImageSbom> loaded;
  private Iterator<ImageSbom> iterator;

  public ImageItemReader(Supplier<List<ImageSbom>> images) {
    this.images = images;
    setName("images");
  }

  /** How many images the step will read. */
  public long total() {
    if (loaded == null) {
      loaded = images.get();
    }
    return loaded.size();
  }

  @Override
  protected void doOpen() {
    total();
    iterator = loaded.iterator();
  }

  @Override
  protected ImageSbom doRead() {
    return iterator.hasNext() ? iterator.next() : null;
  }

  @Override
  protected void doClose() {
    iterator = null;
  }
}
