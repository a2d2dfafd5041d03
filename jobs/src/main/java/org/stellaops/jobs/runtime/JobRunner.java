package org.stellaops.jobs.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * Runs (or resumes) {@code job}. {@code identity} names what the run reads (paths, options) as
   * stable text; the same identity after a failed or killed run resumes that run.
   */
  public JobExecution run(Job job, Map<String, String> identity) throws Exception {
    try (Connection lock = dataSource.getConnection()) {
      if (!tryLock(lock, job.getName())) {
        throw new JobAlreadyRunningException(job.getName());
      }
      try {
        abandonDeadExecutions(job.getName());
        Optional<JobParameters> resumable = resumable(job.getName(), identity);
        if (resumable.isPresent()) {
          LOG.info("Resuming the interrupted {} run for the same inputs", job.getName());
        }
        JobParameters parameters = resumable.orElseGet(() -> fresh(job.getName(), identity));
        return launcher.run(job, parameters);
      } finally {
        unlock(lock, job.getName());
      }
    }
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

  private JobParameters fresh(String jobName, Map<String, String> identity) {
    JobParametersBuilder builder = new JobParametersBuilder();
    new TreeMap<>(identity).forEach(builder::addString);
    try {
      return builder.addLong(RUN, explorer.getJobInstanceCount(jobName) + 1).toJobParameters();
    } catch (NoSuchJobException e) {
      return builder.addLong(RUN, 1L).toJobParameters();
    }
  }

  /** The parameters of the newest instance when it had the same identity and did not complete. */
  private Optional<JobParameters> resumable(String jobName, Map<String, String> identity) {
    List<JobInstance> newest = explorer.getJobInstances(jobName, 0, 1);
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    JobExecution last = explorer.getLastJobExecution(newest.get(0));
    if (last == null || !identity.equals(identityOf(last.getJobParameters()))) {
      return Optional.empty();
    }
    BatchStatus status = last.getStatus();
    boolean unfinished = status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
    return unfinished ? Optional.of(last.getJobParameters()) : Optional.empty();
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
