package org.stellaops.jobs.ingest;

import org.stellaops.connectors.source.ParsedDocument;
import org.stellaops.connectors.source.RejectionKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.source.SourceDocument;

/** Bad input and reader bugs are both kept to their document, but never confused with each other. */
class DocumentParsingProcessorTest {
  private static final SourceDocument DOCUMENT = new SourceDocument("feed/a.json", "{}".getBytes(StandardCharsets.UTF_8),
      Optional.empty());

  @Test
  void aDocumentTheReaderRejectsIsUnreadable() {
    ParsedDocument<String> parsed = new DocumentParsingProcessor<String>((source, bytes) -> {
      throw new DocumentException(source, "$.id", "the record has no id");
    }).process(DOCUMENT);
    assertThat(parsed.rejectionKind()).isEqualTo(RejectionKind.UNREADABLE);
    assertThat(parsed.rejection().orElseThrow().getMessage()).isEqualTo("Cannot read feed/a.json at $.id: the record has no id");
  }

  @Test
  void aReaderThatFailsUnexpectedlyIsAnInternalErrorNotBadInput() {
    ParsedDocument<String> parsed = new DocumentParsingProcessor<String>((source, bytes) -> {
      throw new IllegalStateException("index out of bounds in the reader");
    }).process(DOCUMENT);
    assertThat(parsed.rejectionKind()).isEqualTo(RejectionKind.INTERNAL);
    assertThat(parsed.rejection().orElseThrow().reason()).startsWith("internal error in the reader (a bug in stella")
        .contains("index out of bounds in the reader");
  }

  @Test
  void aReadDocumentIsAccepted() {
    ParsedDocument<String> parsed = new DocumentParsingProcessor<String>((source, bytes) -> "ok").process(DOCUMENT);
    assertThat(parsed.value()).contains("ok");
    assertThat(parsed.sha256()).isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }
}
