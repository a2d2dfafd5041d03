package org.stellaops.engine.bomindex;

/** A BOM-Index file that is not a valid index: names the byte offset and the reason. */
public final class BomIndexFormatException extends Exception {
  private final long offset;

  public BomIndexFormatException(long offset, String reason) {
    super("invalid BOM-Index at byte " + offset + ": " + reason);
    this.offset = offset;
  }

  /** Where in the file the problem was found. */
  public long offset() {
    return offset;
  }
}
