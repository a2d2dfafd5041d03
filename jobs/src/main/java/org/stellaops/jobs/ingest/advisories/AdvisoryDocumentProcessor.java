package org.stellaops.jobs.ingest.advisories;

import org.springframework.batch.item.ItemProcessor;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.osv.OsvAdvisoryParser;
import org.stellaops.connectors.source.SourceDocument;
import org.stellaops.engine.verdict.Digests;
import org.stellaops.jobs.ingest.ParsedDocument;
import org.stellaops.schemas.advisory.Advisory;

/** Parses one OSV document; a bad document becomes a rejection, never an exception. */
final class AdvisoryDocumentProcessor implements ItemProcessor<SourceDocument, ParsedDocument<Advisory>> {
  private final OsvAdvisoryParser parser = new OsvAdvisoryParser();

  @Override
  public ParsedDocument<Advisory> process(SourceDocument document) {
    String sha256 = Digests.sha256Hex(document.bytes());
    if (document.failure().isPresent()) {
      return ParsedDocument.rejected(document.source(), document.bytes(), sha256, document.failure().get());
    }
    try {
      Advisory advisory = parser.parse(document.source(), document.bytes());
      return ParsedDocument.accepted(document.source(), document.bytes(), sha256, advisory);
    } catch (DocumentException e) {
      return ParsedDocument.rejected(document.source(), document.bytes(), sha256, e);
    } catch (RuntimeException e) {
      return ParsedDocument.rejected(document.source(), document.bytes(), sha256,
          new DocumentException(document.source(), "", "unexpected content: " + e, e));
    }
  }
}
