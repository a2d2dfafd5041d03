package org.stellaops.connectors;

import java.util.Objects;

/**
 * A document that cannot be read: names the document, the place in it and the reason, so the
 * message alone tells a user what to fix, e.g. {@code Cannot read sbom.json at
 * components[12].version: component has no version}.
 */
public final class DocumentException extends Exception {
  private final String source;
  private final String location;
  private final String reason;

  public DocumentException(String source, String location, String reason) {
    this(source, location, reason, null);
  }

  public DocumentException(String source, String location, String reason, Throwable cause) {
    super(format(source, location, reason), cause);
    this.source = Objects.requireNonNull(source, "source is null");
    this.location = Objects.requireNonNull(location, "location is null");
    this.reason = Objects.requireNonNull(reason, "reason is null");
  }

  private static String format(String source, String location, String reason) {
    return "Cannot read " + source + (location.isEmpty() ? "" : " at " + location) + ": " + reason;
  }

  /** The document: a file path, or {@code archive.zip!/entry.json} inside an archive. */
  public String source() {
    return source;
  }

  /** Where in the document: {@code line 3, column 7}, a JSON path, or empty when the whole document is at fault. */
  public String location() {
    return location;
  }

  /** What is wrong. */
  public String reason() {
    return reason;
  }
}
