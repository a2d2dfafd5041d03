package org.stellaops.jobs.cli;

/** The documented exit codes of {@code stella} (docs/cli.md). */
public final class ExitCodes {
  /** Everything worked. */
  public static final int OK = 0;
  /** An unexpected internal error; the message says what happened. */
  public static final int ERROR = 1;
  /** Bad arguments or options. */
  public static final int USAGE = 2;
  /** The run completed, but some input documents were rejected (listed, and kept in audit.ingest_error). */
  public static final int PARTIAL = 3;
  /** An input path, image or record was not found. */
  public static final int NOT_FOUND = 4;
  /** The database refused the credentials or the operation. */
  public static final int DENIED = 5;
  /** A stored digest did not match its content. */
  public static final int INTEGRITY = 6;
  /** The database could not be reached or started. */
  public static final int DATABASE_UNAVAILABLE = 7;
  /** An export failed. */
  public static final int EXPORT = 8;
  /** The same job is already running against this database. */
  public static final int BUSY = 9;
  /** The command worked, and {@code --fail-on fail} was given and some verdict is FAIL. */
  public static final int VERDICT_FAIL = 10;

  private ExitCodes() {}
}
