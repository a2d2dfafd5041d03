package org.stellaops.jobs.runtime;

import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Carries progress from the jobs to whoever shows it: a progress bar on a terminal, plain log
 * lines otherwise. The CLI installs the display before running a job.
 */
@Component
public class ProgressRelay {
  private volatile ProgressDisplay display = ProgressDisplay.logLines();

  /** Replaces the display. */
  public void install(ProgressDisplay display) {
    this.display = Objects.requireNonNull(display, "display is null");
  }

  /** The display in use. */
  public ProgressDisplay display() {
    return display;
  }
}
