package org.stellaops.connectors.source;

import java.util.Objects;
import java.util.Optional;
import org.stellaops.connectors.DocumentException;

/**
 * One document found in the inputs: its display path ({@code dir/file.json} or
 * {@code feed.zip!/entry.json}) and either its bytes or why they could not be read.
 */
public record SourceDocument(String source, byte[] bytes, Optional<DocumentException> failure) {
  public SourceDocument {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(bytes, "bytes is null");
    Objects.requireNonNull(failure, "failure is null");
  }

  static SourceDocument readable(String source, byte[] bytes) {
    return new SourceDocument(source, bytes, Optional.empty());
  }

  static SourceDocument unreadable(String source, String reason) {
    return new SourceDocument(source, new byte[0], Optional.of(new DocumentException(source, "", reason)));
  }
}
