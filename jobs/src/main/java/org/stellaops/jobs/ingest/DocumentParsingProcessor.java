package org.stellaops.jobs.ingest;

import org.stellaops.connectors.source.ParsedDocument;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.item.ItemProcessor;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.source.SourceDocument;
import org.stellaops.engine.verdict.Digests;

/**
 * Parses one document with a connector's reader. A document that cannot be read, or that the
 * reader rejects, becomes a rejection carrying file, place and reason; a reader that fails
 * unexpectedly makes an internal-error rejection instead. Nothing is thrown, so one document
 * never stops the batch.
 */
public final class DocumentParsingProcessor<T> implements ItemProcessor<SourceDocument, ParsedDocument<T>> {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentParsingProcessor.class);

  /** A connector's reader: bytes of a named document to a record. */
  @FunctionalInterface
  public interface DocumentParser<T> {
    T parse(String source, byte[] bytes) throws DocumentException;
  }

  private final DocumentParser<T> parser;

  public DocumentParsingProcessor(DocumentParser<T> parser) {
    this.parser = Objects.requireNonNull(parser, "parser is null");
  }

  @Override
  public ParsedDocument<T> process(SourceDocument document) {
    String sha256 = Digests.sha256Hex(document.bytes());
    if (document.failure().isPresent()) {
      return ParsedDocument.rejected(document.source(), document.bytes(), sha256, document.failure().get());
    }
    try {
      return ParsedDocument.accepted(document.source(), document.bytes(), sha256, parser.parse(document.source(), document.bytes()));
    } catch (DocumentException e) {
      return ParsedDocument.rejected(document.source(), document.bytes(), sha256, e);
    } catch (RuntimeException e) {
      // A reader bug: recorded as an internal error (not as bad input) for this document only, so
      // the rest of the batch still goes through and the command reports the bug.
      LOG.error("The reader failed unexpectedly on {} (a bug in stella)", document.source(), e);
      return ParsedDocument.internalError(document.source(), document.bytes(), sha256,
          new DocumentException(document.source(), "", "internal error in the reader (a bug in stella, please report"
              + " it with this document): " + e, e));
    }
  }
}
