package org.stellaops.connectors.source;

import java.io.IOException;
import java.io.InputStream;

/** Reads a stream fully, refusing past a byte limit whatever sizes the container claimed. */
final class BoundedRead {
  private BoundedRead() {}

  static SourceDocument read(String source, InputStream in, long limit) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
    if (bytes.length > limit) {
      return SourceDocument.unreadable(source, "the document is larger than the limit of " + limit + " bytes");
    }
    return SourceDocument.readable(source, bytes);
  }
}
