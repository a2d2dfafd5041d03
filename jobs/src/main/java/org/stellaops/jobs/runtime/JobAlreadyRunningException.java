package org.stellaops.jobs.runtime;

/** Another process is running the same job against the same database. */
public final class JobAlreadyRunningException extends Exception {
  public JobAlreadyRunningException(String jobName) {
    super("Job " + jobName + " is already running against this database in another process; wait for it to finish");
  }
}
