package org.stellaops.connectors.source;

/** Why a document was not stored; the label is what {@code audit.ingest_error.kind} holds. */
public enum RejectionKind {
  /** The reader could not read it: the document is at fault. */
  UNREADABLE("unreadable"),
  /** It was read, but the database refused to store it (e.g. U+0000 in text): the document is at fault. */
  REFUSED("refused"),
  /** The reader failed unexpectedly: a bug in stella, not the document's fault. */
  INTERNAL("internal");

  private final String label;

  RejectionKind(String label) {
    this.label = label;
  }

  /** The stored and printed name. */
  public String label() {
    return label;
  }

  /** The kind with this label. */
  public static RejectionKind ofLabel(String label) {
    for (RejectionKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no rejection kind '" + label + "'");
  }
}
