package org.stellaops.jobs.ingest;

import java.util.Objects;
import org.springframework.batch.item.support.AbstractItemCountingItemStreamItemReader;
import org.stellaops.connectors.source.DocumentCursor;
import org.stellaops.connectors.source.DocumentWalker;
import org.stellaops.connectors.source.SourceDocument;

/**
 * Reads the documents of a {@link DocumentWalker}. Its position (documents read) is saved in the
 * step's execution context with every chunk commit, so a restart skips exactly what was
 * committed, without reading it again.
 */
public class DocumentItemReader extends AbstractItemCountingItemStreamItemReader<SourceDocument> {
  private final DocumentWalker walker;
  private DocumentCursor cursor;

  public DocumentItemReader(DocumentWalker walker, String name) {
    this.walker = Objects.requireNonNull(walker, "walker is null");
    setName(name);
  }

  /** How many documents the inputs hold (for progress; reads no contents). */
  public long total() {
    return walker.count();
  }

  @Override
  protected void doOpen() {
    cursor = walker.cursor();
  }

  @Override
  protected SourceDocument doRead() {
    return cursor.next().orElse(null);
  }

  @Override
  protected void jumpToItem(int itemIndex) {
    cursor.skip(itemIndex);
  }

  @Override
  protected void doClose() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }
}
