package org.stellaops.jobs.ingest.advisories;

import java.io.IOException;
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
import org.stellaops.connectors.feed.AdvisoryFeedParser;
import org.stellaops.jobs.ingest.DocumentItemReader;
import org.stellaops.jobs.ingest.DocumentParsingProcessor;
import org.stellaops.jobs.ingest.Inputs;
import org.stellaops.connectors.source.ParsedDocument;
import org.stellaops.jobs.ingest.ProgressChunkListener;
import org.stellaops.jobs.runtime.ChunkFaults;
import org.stellaops.jobs.runtime.ProgressRelay;
import org.stellaops.jobs.runtime.RefusalListener;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.IngestErrorStore;
import org.stellaops.connectors.store.SnapshotStore;
import org.stellaops.connectors.feed.AdvisoryDocument;

/**
 * Job {@code ingestAdvisories}: reads OSV documents (JSON, YAML, .zip archives) from the paths in
 * job parameter {@code inputs}, stores them raw and normalised, records export deltas under the
 * run's snapshot, and seals the snapshot when every document is through.
 */
@Configuration
public class AdvisoryIngestJobConfig {
  public static final String JOB_NAME = "ingestAdvisories";
  static final Set<String> EXTENSIONS = Set.of(".json", ".yaml", ".yml");
  private static final int CHUNK_SIZE = 200;

  @Bean
  Job ingestAdvisoriesJob(JobRepository repository, Step ingestAdvisoryDocuments, Step sealAdvisorySnapshot) {
    return new JobBuilder(JOB_NAME, repository).start(ingestAdvisoryDocuments).next(sealAdvisorySnapshot).build();
  }

  @Bean
  Step ingestAdvisoryDocuments(JobRepository repository, PlatformTransactionManager transactions,
      DocumentItemReader advisoryDocumentReader, AdvisoryChunkWriter advisoryChunkWriter, ProgressRelay progress, IngestErrorStore errors) {
    return ChunkFaults.apply(ProgressChunkListener.attach(new StepBuilder("ingestAdvisoryDocuments", repository)
        .<SourceDocument, ParsedDocument<AdvisoryDocument>>chunk(CHUNK_SIZE, transactions)
        .reader(advisoryDocumentReader)
        .processor(new DocumentParsingProcessor<>(new AdvisoryFeedParser()::parse))
        .writer(advisoryChunkWriter), progress, "advisories", advisoryDocumentReader::total, "documents"), refusals(errors))
        .build();
  }

  private static RefusalListener<SourceDocument, ParsedDocument<AdvisoryDocument>> refusals(IngestErrorStore errors) {
    return new RefusalListener<>((jobInstanceId, item, reason) ->
        errors.recordRefusal(JOB_NAME, jobInstanceId, item.source(), item.sha256(), reason));
  }

  @Bean
  @StepScope
  DocumentItemReader advisoryDocumentReader(@Value("#{jobParameters['inputs']}") String inputs) throws IOException {
    return new DocumentItemReader(DocumentWalker.of(Inputs.decode(inputs), EXTENSIONS, SourceLimits.DEFAULT), "documents");
  }

  @Bean
  @StepScope
  AdvisoryChunkWriter advisoryChunkWriter(AdvisoryStore advisories, IngestErrorStore errors,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId) {
    return new AdvisoryChunkWriter(advisories, errors, jobInstanceId);
  }

  @Bean
  Step sealAdvisorySnapshot(JobRepository repository, PlatformTransactionManager transactions, SnapshotStore snapshots,
      AdvisoryStore advisories) {
    // One transaction: the deltas against what is visible now, then the seal that makes the run visible.
    return new StepBuilder("sealAdvisorySnapshot", repository)
        .tasklet(ChunkFaults.retrying((contribution, chunk) -> {
          long jobInstanceId = chunk.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
          if (snapshots.number(jobInstanceId).isEmpty()) {
            snapshots.existing(jobInstanceId).ifPresent(advisories::computeDeltas);
          }
          snapshots.seal(jobInstanceId);
          return RepeatStatus.FINISHED;
        }, transactions), transactions)
        .build();
  }
}
