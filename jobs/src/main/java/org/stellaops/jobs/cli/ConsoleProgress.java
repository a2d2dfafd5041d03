package org.stellaops.jobs.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.stellaops.jobs.runtime.ProgressDisplay;

/** A progress bar on the terminal (stderr), for interactive runs. */
final class ConsoleProgress implements ProgressDisplay {
  private ProgressBar bar;

  /** The display for this process: a bar when attached to a terminal, log lines otherwise. */
  static ProgressDisplay forThisProcess() {
    return System.console() != null ? new ConsoleProgress() : ProgressDisplay.logLines();
  }

  @Override
  public void start(String phase, long total) {
    finish();
    bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(Math.max(total, 0))
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(250).build();
  }

  @Override
  public void update(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
