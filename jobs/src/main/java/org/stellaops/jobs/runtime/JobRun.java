package org.stellaops.jobs.runtime;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.springframework.batch.core.JobExecution;

/**
 * The outcome of {@link JobRunner#run}: the execution, the interrupted run it resumed if any, and
 * the interrupted runs it replaced because their input bytes had changed since.
 */
public record JobRun(JobExecution execution, OptionalLong resumedInstance, List<Long> supersededInstances) {
  public JobRun {
    Objects.requireNonNull(execution, "execution is null");
    Objects.requireNonNull(resumedInstance, "resumedInstance is null");
    supersededInstances = List.copyOf(supersededInstances);
  }

  /** The job instance id of this run. */
  public long instanceId() {
    return execution.getJobInstance().getInstanceId();
  }

  /** One line per notable fact of how this run started, for the command's output; empty when it simply started. */
  public List<String> notices() {
    List<String> notices = new java.util.ArrayList<>();
    for (long superseded : supersededInstances) {
      notices.add("the inputs changed since interrupted run " + superseded
          + " (same paths, different bytes): starting a new run that reads everything again; run " + superseded
          + " is abandoned and its unsealed changes stay invisible");
    }
    resumedInstance.ifPresent(id -> notices.add("resuming interrupted run " + id + " after its last committed chunk"));
    return notices;
  }
}
