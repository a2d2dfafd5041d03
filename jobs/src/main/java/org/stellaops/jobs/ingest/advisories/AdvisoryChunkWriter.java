package org.stellaops.jobs.ingest.advisories;

import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.stellaops.connectors.source.ParsedDocument;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.IngestErrorStore;
import org.stellaops.connectors.feed.AdvisoryDocument;

/** Writes a chunk of parsed advisory documents, rejections included, in the chunk's transaction. */
class AdvisoryChunkWriter implements ItemWriter<ParsedDocument<AdvisoryDocument>> {
  private final AdvisoryStore advisories;
  private final IngestErrorStore errors;
  private final long jobInstanceId;

  AdvisoryChunkWriter(AdvisoryStore advisories, IngestErrorStore errors, long jobInstanceId) {
    this.advisories = advisories;
    this.errors = errors;
    this.jobInstanceId = jobInstanceId;
  }

  @Override
  public void write(Chunk<? extends ParsedDocument<AdvisoryDocument>> chunk) {
    @SuppressWarnings("unchecked")
    java.util.List<ParsedDocument<AdvisoryDocument>> items = (java.util.List<ParsedDocument<AdvisoryDocument>>) chunk.getItems();
    errors.recordRejections(AdvisoryIngestJobConfig.JOB_NAME, jobInstanceId, items);
    advisories.write(jobInstanceId, items);
  }
}
