package org.stellaops.engine.version;

/** A version string that its ecosystem's grammar does not accept. */
public final class UnparseableVersionException extends RuntimeException {
  private final String version;
  private final String reason;

  public UnparseableVersionException(String version, String reason) {
    super("cannot parse version '" + version + "': " + reason, null, false, false);
    this.version = version;
    this.reason = reason;
  }

  /** The text that did not parse. */
  public String version() {
    return version;
  }

  /** Why, in a few words. */
  public String reason() {
    return reason;
  }
}
