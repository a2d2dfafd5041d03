package org.stellaops.jobs.ingest.sboms;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.stellaops.connectors.source.DocumentWalker;
import org.stellaops.connectors.source.SourceDocument;
import org.stellaops.connectors.source.SourceLimits;
import org.stellaops.connectors.sbom.SbomReader;
import org.stellaops.jobs.ingest.DocumentItemReader;
import org.stellaops.jobs.ingest.DocumentParsingProcessor;
import org.stellaops.jobs.ingest.Inputs;
import org.stellaops.connectors.source.ParsedDocument;
import org.stellaops.jobs.ingest.ProgressChunkListener;
import org.stellaops.jobs.runtime.ChunkFaults;
import org.stellaops.jobs.runtime.ProgressRelay;
import org.stellaops.jobs.runtime.RefusalListener;
import org.stellaops.jobs.objects.BomIndexSidecars;
import org.stellaops.connectors.store.FleetIndexStore;
import org.stellaops.connectors.store.IngestErrorStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.schemas.sbom.Sbom;

/**
 * Job {@code ingestSboms}: reads CycloneDX (JSON, XML) and SPDX 2.3 JSON documents from the paths
 * in job parameter {@code inputs}, stores them raw with their components, and points each image
 * at its SBOM (job parameter {@code imageDigest} overrides what the document declares).
 */
@Configuration
public class SbomIngestJobConfig {
  public static final String JOB_NAME = "ingestSboms";
  static final Set<String> EXTENSIONS = Set.of(".json", ".xml");
  private static final int CHUNK_SIZE = 20;

  @Bean
  Job ingestSbomsJob(JobRepository repository, Step ingestSbomDocuments, Step updateFleetIndex) {
    return new JobBuilder(JOB_NAME, repository).start(ingestSbomDocuments).next(updateFleetIndex).build();
  }

  /** Applies the run's image assignments to the fleet index in one pass, once every document is through. */
  @Bean
  Step updateFleetIndex(JobRepository repository, PlatformTransactionManager transactions, FleetIndexStore fleet,
      BomIndexSidecars sidecars) {
    // Sidecars are written before the index update commits; their bytes depend only on the SBOM,
    // so a retry or a rerun after a kill writes the same files again.
    return new StepBuilder("updateFleetIndex", repository)
        .tasklet(ChunkFaults.retrying((contribution, chunk) -> {
          sidecars.write(fleet.applyPending());
          return RepeatStatus.FINISHED;
        }, transactions), transactions)
        .build();
  }

  @Bean
  Step ingestSbomDocuments(JobRepository repository, PlatformTransactionManager transactions,
      DocumentItemReader sbomDocumentReader, SbomChunkWriter sbomChunkWriter, ProgressRelay progress, IngestErrorStore errors) {
    return ChunkFaults.apply(ProgressChunkListener.attach(new StepBuilder("ingestSbomDocuments", repository)
        .<SourceDocument, ParsedDocument<Sbom>>chunk(CHUNK_SIZE, transactions)
        .reader(sbomDocumentReader)
        .processor(new DocumentParsingProcessor<>(new SbomReader()::read))
        .writer(sbomChunkWriter), progress, "sboms", sbomDocumentReader::total, "documents"), refusals(errors))
        .build();
  }

  private static RefusalListener<SourceDocument, ParsedDocument<Sbom>> refusals(IngestErrorStore errors) {
    return new RefusalListener<>((jobInstanceId, item, reason) ->
        errors.recordRefusal(JOB_NAME, jobInstanceId, item.source(), item.sha256(), reason));
  }

  @Bean
  @StepScope
  DocumentItemReader sbomDocumentReader(@Value("#{jobParameters['inputs']}") String inputs) throws IOException {
    return new DocumentItemReader(DocumentWalker.of(Inputs.decode(inputs), EXTENSIONS, SourceLimits.DEFAULT), "documents");
  }

  @Bean
  @StepScope
  SbomChunkWriter sbomChunkWriter(SbomStore sboms, IngestErrorStore errors,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId,
      @Value("#{jobParameters['imageDigest']}") String imageDigest) {
    return new SbomChunkWriter(sboms, errors, jobInstanceId,
        Optional.ofNullable(imageDigest).filter(s -> !s.isEmpty()));
  }
}
