package org.stellaops.jobs.reevaluate;

import java.util.Arrays;
import java.util.List;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.stellaops.engine.EngineVersion;
import org.stellaops.engine.match.AdvisoryIndex;
import org.stellaops.engine.match.AdvisoryMatcher;
import org.stellaops.engine.policy.DefaultPolicy;
import org.stellaops.engine.policy.Policy;
import org.stellaops.engine.verdict.VerdictEvaluator;
import org.stellaops.engine.verdict.VerdictEvaluator.Evaluation;
import org.stellaops.jobs.ingest.ProgressChunkListener;
import org.stellaops.jobs.runtime.ChunkFaults;
import org.stellaops.jobs.runtime.ProgressRelay;
import org.stellaops.jobs.runtime.RefusalListener;
import org.stellaops.jobs.store.IngestErrorStore;
import org.stellaops.jobs.store.AdvisoryStore;
import org.stellaops.jobs.store.FleetIndexStore;
import org.stellaops.jobs.store.SbomStore;
import org.stellaops.jobs.store.SbomStore.ImageSbom;
import org.stellaops.jobs.store.VerdictStore;

/**
 * Job {@code reevaluate}: evaluates images (job parameter {@code images}: {@code *} or a
 * comma-separated list of digests) against the advisories of snapshot {@code snapshot} with the
 * default policy, appending a verdict for every image whose inputs changed.
 */
@Configuration
public class ReevaluateJobConfig {
  public static final String JOB_NAME = "reevaluate";
  private static final int CHUNK_SIZE = 50;

  @Bean
  Job reevaluateJob(JobRepository repository, Step evaluateImages) {
    return new JobBuilder(JOB_NAME, repository).start(evaluateImages).build();
  }

  @Bean
  Policy defaultPolicy() {
    return new DefaultPolicy();
  }

  @Bean
  Step evaluateImages(JobRepository repository, PlatformTransactionManager transactions, ImageItemReader imageReader,
      ImageEvaluationProcessor imageEvaluationProcessor, VerdictChunkWriter verdictChunkWriter, ProgressRelay progress, IngestErrorStore errors) {
    RefusalListener<ImageSbom, Evaluation> refusals = new RefusalListener<>((jobInstanceId, evaluation, reason) ->
        errors.recordRefusal(JOB_NAME, jobInstanceId, evaluation.verdict().imageDigest(), null, reason));
    return ChunkFaults.apply(ProgressChunkListener.attach(new StepBuilder("evaluateImages", repository)
        .<ImageSbom, Evaluation>chunk(CHUNK_SIZE, transactions)
        .reader(imageReader)
        .processor(imageEvaluationProcessor)
        .writer(verdictChunkWriter), progress, "images", imageReader::total, "images"), refusals)
        .build();
  }

  @Bean
  @StepScope
  ImageItemReader imageReader(SbomStore sboms, FleetIndexStore fleet, AdvisoryStore advisories,
      org.springframework.jdbc.core.JdbcTemplate jdbc, Policy policy, @Value("#{jobParameters['images']}") String images,
      @Value("#{jobParameters['impactedFrom']}") String impactedFrom, @Value("#{jobParameters['impactedTo']}") String impactedTo,
      @Value("#{jobParameters['unevaluated']}") String unevaluated) {
    if (impactedTo != null) {
      long from = Long.parseLong(impactedFrom);
      long to = Long.parseLong(impactedTo);
      return new ImageItemReader(() -> {
        java.util.SortedSet<String> selected =
            new java.util.TreeSet<>(fleet.select(advisories.changedProductKeys(from, to)).keySet());
        if ("true".equals(unevaluated)) {
          // Images whose current SBOM has no verdict under this engine and policy: new or changed SBOMs.
          selected.addAll(jdbc.queryForList("SELECT i.image_digest FROM sbom.image i WHERE i.tenant_id = 'default'"
              + " AND NOT EXISTS (SELECT 1 FROM policy.verdict v WHERE v.tenant_id = i.tenant_id"
              + " AND v.image_digest = i.image_digest AND v.sbom_digest = 'sha256:' || i.sbom_sha256"
              + " AND v.engine_version = ? AND v.policy_digest = ?)", String.class, EngineVersion.CURRENT, policy.digest()));
        }
        return selected.isEmpty() ? List.of() : sboms.images(List.copyOf(selected));
      });
    }
    List<String> digests = images == null || images.equals("*") ? List.of()
        : Arrays.stream(images.split(",")).filter(s -> !s.isBlank()).toList();
    return new ImageItemReader(() -> sboms.images(digests));
  }

  @Bean
  @StepScope
  ImageEvaluationProcessor imageEvaluationProcessor(SbomStore sboms, AdvisoryStore advisories, VerdictStore verdicts,
      Policy policy, @Value("#{jobParameters['snapshot']}") String snapshot) {
    long snapshotId = Long.parseLong(snapshot);
    AdvisoryIndex.Builder index = AdvisoryIndex.builder();
    advisories.forEachAsOf(snapshotId, index::add);
    AdvisoryMatcher matcher = new AdvisoryMatcher(index.build());
    VerdictEvaluator evaluator = new VerdictEvaluator(matcher, policy, snapshotId);
    return new ImageEvaluationProcessor(sboms, evaluator,
        verdicts.currentAdvisoryDigests(snapshotId, EngineVersion.CURRENT, policy.digest()));
  }

  @Bean
  @StepScope
  VerdictChunkWriter verdictChunkWriter(VerdictStore verdicts,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId) {
    return new VerdictChunkWriter(verdicts, jobInstanceId);
  }
}
