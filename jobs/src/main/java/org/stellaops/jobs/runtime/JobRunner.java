package org.stellaops.jobs.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a job for a set of inputs, restarting instead of starting over when the last run of the
 * same inputs failed or was killed.
 *
 * <p>A PostgreSQL advisory lock per job name is held for the whole run. Holding it proves that no
 * other process is running that job, so any execution still marked STARTED belongs to a process
 * that died (kill -9, power loss): it is marked FAILED and then restarted from its last commit.
 */
@Component
public class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  static final String RUN = "run";

  private final DataSource dataSource;
  private final JobLauncher launcher;
  private final JobExplorer explorer;
  private final JobRepository repository;

  public JobRunner(DataSource dataSource, JobLauncher launcher, JobExplorer explorer, JobRepository repository) {
    this.dataSource = dataSource;
    this.launcher = launcher;
    this.explorer = explorer;
    this.repository = repository;
  }

  /**
   * Runs (or resumes) {@code job}. An interrupted run (FAILED or STOPPED, or left STARTED by a
   * process that died) with the same identity is resumed, whichever runs came after it; one with
   * the same arguments but other input bytes is abandoned and a new run starts.
   */
  public JobRun run(Job job, JobIdentity identity) throws Exception {
    try (Connection lock = dataSource.getConnection()) {
      if (!tryLock(lock, job.getName())) {
        throw new JobAlreadyRunningException(job.getName());
      }
      try {
        abandonDeadExecutions(job.getName());
        Optional<JobExecution> resumable = Optional.empty();
        List<Long> superseded = new ArrayList<>();
        for (JobExecution interrupted : interrupted(job.getName())) {
          Map<String, String> parameters = identityOf(interrupted.getJobParameters());
          if (resumable.isEmpty() && parameters.equals(identity.parameters())) {
            resumable = Optional.of(interrupted);
          } else if (identity.inputDigest().isPresent() && sameArguments(parameters, identity)) {
            abandon(interrupted, "its inputs changed; superseded by a new run");
            superseded.add(interrupted.getJobInstance().getInstanceId());
          }
        }
        resumable.ifPresent(e -> LOG.info("Resuming interrupted {} run {}", job.getName(), e.getJobInstance().getInstanceId()));
        JobParameters parameters = resumable.map(JobExecution::getJobParameters)
            .orElseGet(() -> fresh(job.getName(), identity.parameters()));
        JobExecution execution = launcher.run(job, parameters);
        OptionalLong resumed = resumable.map(e -> OptionalLong.of(e.getJobInstance().getInstanceId()))
            .orElse(OptionalLong.empty());
        return new JobRun(execution, resumed, superseded);
      } finally {
        unlock(lock, job.getName());
      }
    }
  }

  private static boolean sameArguments(Map<String, String> parameters, JobIdentity identity) {
    Map<String, String> arguments = new TreeMap<>(parameters);
    arguments.remove(JobIdentity.INPUT_DIGEST);
    return arguments.equals(identity.arguments());
  }

  private void abandonDeadExecutions(String jobName) {
    for (JobExecution execution : explorer.findRunningJobExecutions(jobName)) {
      LOG.warn("Execution {} of {} was left running by a process that stopped; marking it FAILED", execution.getId(), jobName);
      for (StepExecution step : execution.getStepExecutions()) {
        if (step.getStatus().isRunning()) {
          step.setStatus(BatchStatus.FAILED);
          step.setExitStatus(ExitStatus.FAILED.addExitDescription("process stopped while running"));
          step.setEndTime(LocalDateTime.now());
          repository.update(step);
        }
      }
      execution.setStatus(BatchStatus.FAILED);
      execution.setExitStatus(ExitStatus.FAILED.addExitDescription("process stopped while running"));
      execution.setEndTime(LocalDateTime.now());
      repository.update(execution);
    }
  }

  private void abandon(JobExecution execution, String why) {
    LOG.warn("Abandoning interrupted run {} of {}: {}", execution.getJobInstance().getInstanceId(),
        execution.getJobInstance().getJobName(), why);
    execution.setStatus(BatchStatus.ABANDONED);
    execution.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
    repository.update(execution);
  }

  private JobParameters fresh(String jobName, Map<String, String> parameters) {
    JobParametersBuilder builder = new JobParametersBuilder();
    new TreeMap<>(parameters).forEach(builder::addString);
    try {
      return builder.addLong(RUN, explorer.getJobInstanceCount(jobName) + 1).toJobParameters();
    } catch (NoSuchJobException e) {
      return builder.addLong(RUN, 1L).toJobParameters();
    }
  }

  /**
   * The last execution of every instance of {@code jobName} that did not complete (FAILED or
   * STOPPED), newest instance first. Not only the newest instance: another command may have run
   * in between.
   */
  private List<JobExecution> interrupted(String jobName) {
    List<Long> ids = new JdbcTemplate(dataSource).queryForList("SELECT i.job_instance_id FROM batch.batch_job_instance i"
        + " JOIN LATERAL (SELECT e.status FROM batch.batch_job_execution e WHERE e.job_instance_id = i.job_instance_id"
        + "   ORDER BY e.job_execution_id DESC LIMIT 1) last ON true"
        + " WHERE i.job_name = ? AND last.status IN ('FAILED', 'STOPPED') ORDER BY i.job_instance_id DESC",
        Long.class, jobName);
    List<JobExecution> executions = new ArrayList<>();
    for (long id : ids) {
      JobInstance instance = explorer.getJobInstance(id);
      JobExecution last = instance == null ? null : explorer.getLastJobExecution(instance);
      if (last != null) {
        executions.add(last);
      }
    }
    return executions;
  }

  private static Map<String, String> identityOf(JobParameters parameters) {
    Map<String, String> identity = new TreeMap<>();
    parameters.getParameters().forEach((name, value) -> {
      if (!name.equals(RUN)) {
        identity.put(name, String.valueOf(value.getValue()));
      }
    });
    return identity;
  }

  /** Runs {@code work} while holding job {@code jobName}'s lock, so that job cannot run meanwhile. */
  public <T> T whileHolding(String jobName, java.util.concurrent.Callable<T> work) throws Exception {
    try (Connection lock = dataSource.getConnection()) {
      if (!tryLock(lock, jobName)) {
        throw new JobAlreadyRunningException(jobName);
      }
      try {
        return work.call();
      } finally {
        unlock(lock, jobName);
      }
    }
  }

  private static boolean tryLock(Connection connection, String jobName) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
      s.setString(1, "stella-job:" + jobName);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  private static void unlock(Connection connection, String jobName) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
      s.setString(1, "stella-job:" + jobName);
      s.execute();
    }
  }
}
