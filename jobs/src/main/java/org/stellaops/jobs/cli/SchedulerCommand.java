package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.jobs.scheduler.SchedulerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stella scheduler}: the long-running process that fires due schedules. */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
    description = {"Fire due schedules until stopped: every --tick seconds, each enabled schedule's due slot is run.",
        "After downtime, the missed slots of a schedule are folded into one catch-up run for the latest of them.",
        "Several scheduler processes may run against one database: a slot is fired by exactly one of them."})
final class SchedulerCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;

  @Option(names = "--tick", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds between checks for due slots (default: ${DEFAULT-VALUE}).")
  long tick;

  @Option(names = "--once", description = "Check once, run what is due (and any interrupted run), then exit.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    if (tick < 1) {
      throw new ParameterException(spec.commandLine(), "--tick must be 1 second or more, got " + tick);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StellaContext context = StellaContext.open(database.settings())) {
      SchedulerService scheduler = context.bean(SchedulerService.class);
      boolean failed = false;
      do {
        try {
          for (SchedulerService.RunReport report : scheduler.tick(Instant.now(), out)) {
            failed |= !report.status().equals("succeeded");
          }
        } catch (Exception e) {
          if (once) {
            throw e;
          }
          // Long-running: a tick that fails (the database briefly gone) is reported and the next one tries again.
          spec.commandLine().getErr().println("stella: scheduler check failed, trying again in " + tick + " s: " + e);
          failed = true;
        }
        out.flush();
        if (!once) {
          Thread.sleep(tick * 1000);
        }
      } while (!once);
      return failed ? ExitCodes.ERROR : ExitCodes.OK;
    }
  }
}
