package org.stellaops.schemas.verdict;

/** Whether a component is affected by an advisory, or whether that could not be decided. */
public enum FindingStatus {
  AFFECTED("affected"),
  UNKNOWN("unknown");

  private final String label;

  FindingStatus(String label) {
    this.label = label;
  }

  /** The lower-case word used in reports and JSON. */
  public String label() {
    return label;
  }
}
