package org.stellaops.connectors.source;

/**
 * Caps that keep hostile inputs from exhausting memory or disk: the largest single document, and
 * the largest total uncompressed size and entry count of one archive.
 */
public record SourceLimits(long maxDocumentBytes, long maxArchiveBytes, int maxArchiveEntries) {
  /** 64 MiB per document, 8 GiB and one million entries per archive. */
  public static final SourceLimits DEFAULT = new SourceLimits(64L << 20, 8L << 30, 1_000_000);

  public SourceLimits {
    if (maxDocumentBytes <= 0 || maxDocumentBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxDocumentBytes must be between 1 and 2 GiB, got " + maxDocumentBytes);
    }
    if (maxArchiveBytes <= 0) {
      throw new IllegalArgumentException("maxArchiveBytes must be positive, got " + maxArchiveBytes);
    }
    if (maxArchiveEntries <= 0) {
      throw new IllegalArgumentException("maxArchiveEntries must be positive, got " + maxArchiveEntries);
    }
  }
}
