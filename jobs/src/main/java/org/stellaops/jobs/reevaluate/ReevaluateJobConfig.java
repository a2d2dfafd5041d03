package org.stellaops.jobs.reevaluate;

import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.CompletionPolicy;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.batch.repeat.policy.SimpleCompletionPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.stellaops.engine.EngineVersion;
import org.stellaops.engine.match.AdvisoryMatcher;
import org.stellaops.engine.policy.DefaultPolicy;
import org.stellaops.engine.policy.Policy;
import org.stellaops.engine.verdict.VerdictEvaluator;
import org.stellaops.engine.verdict.VerdictEvaluator.Evaluation;
import org.stellaops.jobs.runtime.ChunkFaults;
import org.stellaops.jobs.runtime.RefusalListener;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.FleetIndexStore;
import org.stellaops.connectors.store.IngestErrorStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.SbomStore.ImageSbom;
import org.stellaops.connectors.store.VerdictStore;

/**
 * Job {@code reevaluate}: evaluates images (job parameter {@code images}: {@code *}, a
 * comma-separated list of digests, or {@code impacted} with {@code impactedFrom}/{@code impactedTo})
 * against the advisories of snapshot {@code snapshot} with the default policy, appending a verdict
 * for every image whose inputs changed.
 *
 * <p>Step {@code selectImages} records the selection once ({@link ReevaluationSelection});
 * step {@code evaluateImages} cuts it into ranges evaluated by partitions of step
 * {@code evaluatePartition}, on local threads or in {@code stella worker} processes
 * ({@link ReevaluationPartitionHandler}). A resumed run re-runs only the partitions that did not
 * complete, each from its last committed chunk.
 */
@Configuration
public class ReevaluateJobConfig {
  public static final String JOB_NAME = "reevaluate";
  public static final String PARTITION_STEP = "evaluatePartition";
  /** Job parameter {@code images} of a scheduled run: this prefix and the run id. */
  public static final String SCHEDULER_RUN = "scheduler-run:";
  /** Images per transaction unless the run says otherwise (job parameter {@code chunkSize}). */
  public static final int CHUNK_SIZE = 50;

  @Bean
  Job reevaluateJob(JobRepository repository, Step selectImages, Step evaluateImages) {
    return new JobBuilder(JOB_NAME, repository).start(selectImages).next(evaluateImages).build();
  }

  @Bean
  Policy defaultPolicy() {
    return new DefaultPolicy();
  }

  @Bean
  Step selectImages(JobRepository repository, PlatformTransactionManager transactions, Tasklet selectionTasklet) {
    return new StepBuilder("selectImages", repository)
        .tasklet(ChunkFaults.retrying(selectionTasklet, transactions), transactions)
        .build();
  }

  /** Records the run's selection unless a resumed run already has it. */
  @Bean
  @StepScope
  Tasklet selectionTasklet(ReevaluationSelection selection, SbomStore sboms, FleetIndexStore fleet, AdvisoryStore advisories,
      VerdictStore verdicts, JdbcTemplate jdbc, Policy policy, @Value("#{jobParameters['images']}") String images,
      @Value("#{jobParameters['impactedFrom']}") String impactedFrom, @Value("#{jobParameters['impactedTo']}") String impactedTo,
      @Value("#{jobParameters['unevaluated']}") String unevaluated,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId) {
    return (contribution, chunk) -> {
      if (selection.count(jobInstanceId) < 0) {
        selection.write(jobInstanceId, select(sboms, fleet, advisories, verdicts, jdbc, policy, images, impactedFrom,
            impactedTo, unevaluated));
      }
      return RepeatStatus.FINISHED;
    };
  }

  private static List<String> select(SbomStore sboms, FleetIndexStore fleet, AdvisoryStore advisories, VerdictStore verdicts,
      JdbcTemplate jdbc, Policy policy, String images, String impactedFrom, String impactedTo, String unevaluated) {
    if (impactedTo != null) {
      SortedSet<String> selected = new TreeSet<>(fleet.selectImages(
          advisories.changedProductKeys(Long.parseLong(impactedFrom), Long.parseLong(impactedTo))));
      if ("true".equals(unevaluated)) {
        // Images whose current SBOM has no verdict under this engine and policy: new or changed SBOMs.
        selected.addAll(verdicts.imagesWithoutVerdict(EngineVersion.CURRENT, policy.digest()));
      }
      // Only images that still have an SBOM (the index could name one retired meanwhile).
      return selected.isEmpty() ? List.of()
          : sboms.images(List.copyOf(selected)).stream().map(ImageSbom::imageDigest).toList();
    }
    if (images != null && images.startsWith(SCHEDULER_RUN)) {
      // A scheduled run's selection, recorded with its reasons in scheduler.run_image.
      List<String> chosen = jdbc.queryForList("SELECT image_digest FROM scheduler.run_image WHERE run_id = ? ORDER BY ordinal",
          String.class, Long.parseLong(images.substring(SCHEDULER_RUN.length())));
      return chosen.isEmpty() ? List.of() : sboms.images(chosen).stream().map(ImageSbom::imageDigest).toList();
    }
    List<String> digests = images == null || images.equals("*") ? List.of()
        : Arrays.stream(images.split(",")).filter(s -> !s.isBlank()).toList();
    return sboms.images(digests).stream().map(ImageSbom::imageDigest).toList();
  }

  @Bean
  Step evaluateImages(JobRepository repository, Partitioner imageRangePartitioner, ReevaluationPartitionHandler partitionHandler,
      PartitionProgress progress) {
    return new StepBuilder("evaluateImages", repository)
        .partitioner(PARTITION_STEP, imageRangePartitioner)
        .partitionHandler(partitionHandler)
        .listener((StepExecutionListener) progress)
        .build();
  }

  /** Cuts the run's selection into ranges; step-scoped because the selection is the run's own. */
  @Bean
  @StepScope
  Partitioner imageRangePartitioner(ReevaluationSelection selection, ReevaluationWorkers settings,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId) {
    return new ImageRangePartitioner(Math.max(0, selection.count(jobInstanceId)), settings.chunkSize());
  }

  @Bean
  Step evaluatePartition(JobRepository repository, PlatformTransactionManager transactions, CompletionPolicy imagesPerChunk,
      ImageItemReader partitionReader,
      ImageEvaluationProcessor imageEvaluationProcessor, VerdictChunkWriter verdictChunkWriter,
      PartitionProgress progress, IngestErrorStore errors) {
    RefusalListener<ImageSbom, Evaluation> refusals = new RefusalListener<>((jobInstanceId, evaluation, reason) ->
        errors.recordRefusal(JOB_NAME, jobInstanceId, evaluation.verdict().imageDigest(), null, reason));
    return ChunkFaults.apply(new StepBuilder(PARTITION_STEP, repository)
        .<ImageSbom, Evaluation>chunk(imagesPerChunk, transactions)
        .reader(partitionReader)
        .processor(imageEvaluationProcessor)
        .writer(verdictChunkWriter)
        .listener((ChunkListener) progress), refusals)
        .build();
  }

  /** Images per chunk, as the partition was cut with (see {@link ReevaluationWorkers#chunkSize}). */
  @Bean
  @StepScope
  CompletionPolicy imagesPerChunk(@Value("#{stepExecutionContext['" + ImageRangePartitioner.CHUNK_SIZE + "']}") Integer chunkSize) {
    return new SimpleCompletionPolicy(chunkSize == null ? CHUNK_SIZE : chunkSize);
  }

  /** The images of one partition: its range of the run's selection, with their current SBOMs. */
  @Bean
  @StepScope
  ImageItemReader partitionReader(ReevaluationSelection selection, SbomStore sboms,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId,
      @Value("#{stepExecutionContext['" + ImageRangePartitioner.FROM + "']}") Integer from,
      @Value("#{stepExecutionContext['" + ImageRangePartitioner.TO + "']}") Integer to) {
    return new ImageItemReader(() -> {
      List<String> digests = selection.range(jobInstanceId, from, to);
      return digests.isEmpty() ? List.of() : sboms.images(digests);
    });
  }

  @Bean
  @StepScope
  ImageEvaluationProcessor imageEvaluationProcessor(SbomStore sboms, AdvisoryIndexCache indexes, VerdictStore verdicts,
      ReevaluationSelection selection, Policy policy, ReevaluationWorkers pacing, @Value("#{jobParameters['snapshot']}") String snapshot,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId,
      @Value("#{stepExecutionContext['" + ImageRangePartitioner.FROM + "']}") Integer from,
      @Value("#{stepExecutionContext['" + ImageRangePartitioner.TO + "']}") Integer to) {
    long snapshotId = Long.parseLong(snapshot);
    VerdictEvaluator evaluator = new VerdictEvaluator(new AdvisoryMatcher(indexes.forSnapshot(snapshotId)), policy, snapshotId);
    return new ImageEvaluationProcessor(sboms, evaluator, verdicts.currentAdvisoryDigests(snapshotId, EngineVersion.CURRENT,
        policy.digest(), selection.range(jobInstanceId, from, to)), pacing);
  }

  @Bean
  @StepScope
  VerdictChunkWriter verdictChunkWriter(VerdictStore verdicts,
      @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long jobInstanceId) {
    return new VerdictChunkWriter(verdicts, jobInstanceId);
  }
}
