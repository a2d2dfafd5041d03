package org.stellaops.connectors.source;

import java.util.Objects;
import java.util.Optional;
import org.stellaops.connectors.DocumentException;

/**
 * A document after parsing: the raw bytes and their SHA-256, and either the parsed value or the
 * reason it was rejected and of what kind. Both go to the writer, so rejections commit with the
 * chunk.
 */
public record ParsedDocument<T>(String source, byte[] bytes, String sha256, Optional<T> value,
    Optional<DocumentException> rejection, RejectionKind rejectionKind) {
  public ParsedDocument {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(bytes, "bytes is null");
    Objects.requireNonNull(sha256, "sha256 is null");
    Objects.requireNonNull(value, "value is null");
    Objects.requireNonNull(rejection, "rejection is null");
    Objects.requireNonNull(rejectionKind, "rejectionKind is null");
    if (value.isPresent() == rejection.isPresent()) {
      throw new IllegalArgumentException("exactly one of value and rejection must be present");
    }
  }

  public static <T> ParsedDocument<T> accepted(String source, byte[] bytes, String sha256, T value) {
    return new ParsedDocument<>(source, bytes, sha256, Optional.of(value), Optional.empty(), RejectionKind.UNREADABLE);
  }

  /** A document its reader could not read. */
  public static <T> ParsedDocument<T> rejected(String source, byte[] bytes, String sha256, DocumentException reason) {
    return new ParsedDocument<>(source, bytes, sha256, Optional.empty(), Optional.of(reason), RejectionKind.UNREADABLE);
  }

  /** A document whose reader failed unexpectedly (a bug, recorded apart from bad input). */
  public static <T> ParsedDocument<T> internalError(String source, byte[] bytes, String sha256, DocumentException reason) {
    return new ParsedDocument<>(source, bytes, sha256, Optional.empty(), Optional.of(reason), RejectionKind.INTERNAL);
  }
}
