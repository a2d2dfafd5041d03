package org.stellaops.jobs.ingest.sboms;

import java.util.List;
import java.util.Optional;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.stellaops.connectors.source.ParsedDocument;
import org.stellaops.connectors.store.IngestErrorStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.schemas.sbom.Sbom;

/** Writes a chunk of parsed SBOMs, rejections included, in the chunk's transaction. */
class SbomChunkWriter implements ItemWriter<ParsedDocument<Sbom>> {
  private final SbomStore sboms;
  private final IngestErrorStore errors;
  private final long jobInstanceId;
  private final Optional<String> imageDigest;

  SbomChunkWriter(SbomStore sboms, IngestErrorStore errors, long jobInstanceId, Optional<String> imageDigest) {
    this.sboms = sboms;
    this.errors = errors;
    this.jobInstanceId = jobInstanceId;
    this.imageDigest = imageDigest;
  }

  @Override
  public void write(Chunk<? extends ParsedDocument<Sbom>> chunk) throws Exception {
    @SuppressWarnings("unchecked")
    List<ParsedDocument<Sbom>> items = (List<ParsedDocument<Sbom>>) chunk.getItems();
    errors.recordRejections(SbomIngestJobConfig.JOB_NAME, jobInstanceId, items);
    sboms.write(jobInstanceId, items, imageDigest);
  }
}
