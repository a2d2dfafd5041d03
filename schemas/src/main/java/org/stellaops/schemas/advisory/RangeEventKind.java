package org.stellaops.schemas.advisory;

/** The kinds of OSV range events, in OSV's own spelling. */
public enum RangeEventKind {
  INTRODUCED("introduced"),
  FIXED("fixed"),
  LAST_AFFECTED("last_affected"),
  LIMIT("limit");

  private final String osvName;

  RangeEventKind(String osvName) {
    this.osvName = osvName;
  }

  /** The field name OSV uses for this event. */
  public String osvName() {
    return osvName;
  }
}
