package org.stellaops.jobs.ingest.sboms;

import org.springframework.batch.item.ItemProcessor;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.sbom.SbomReader;
import org.stellaops.connectors.source.SourceDocument;
import org.stellaops.engine.verdict.Digests;
import org.stellaops.jobs.ingest.ParsedDocument;
import org.stellaops.schemas.sbom.Sbom;

/** Parses one SBOM document; a bad document becomes a rejection, never an exception. */
final class SbomDocumentProcessor implements ItemProcessor<SourceDocument, ParsedDocument<Sbom>> {
  private final SbomReader reader = new SbomReader();

  @Override
  public ParsedDocument<Sbom> process(SourceDocument document) {
    String sha256 = Digests.sha256Hex(document.bytes());
    if (document.failure().isPresent()) {
      return ParsedDocument.rejected(document.source(), document.bytes(), sha256, document.failure().get());
    }
    try {
      return ParsedDocument.accepted(document.source(), document.bytes(), sha256, reader.read(document.source(), document.bytes()));
    } catch (DocumentException e) {
      return ParsedDocument.rejected(document.source(), document.bytes(), sha256, e);
    } catch (RuntimeException e) {
      return ParsedDocument.rejected(document.source(), document.bytes(), sha256,
          new DocumentException(document.source(), "", "unexpected content: " + e, e));
    }
  }
}
