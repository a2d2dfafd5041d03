package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.stellaops.jobs.reevaluate.RemotePartitions;
import org.stellaops.jobs.runtime.StellaContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stella worker}: runs re-evaluation partitions sent by {@code stella reevaluate --workers N}. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Run re-evaluation partitions that `stella reevaluate ... --workers N` sends through the database.",
        "Start one per machine (or several) against the same PostgreSQL as the run (--db-url); each takes partition "
            + "requests as they come and runs them until stopped (Ctrl-C, SIGTERM) or idle for --idle-exit seconds.",
        "A worker that dies mid-partition is noticed by the run, which then fails; running the same reevaluate "
            + "command again resumes that partition from its last committed chunk."})
final class WorkerCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;

  @Option(names = "--threads", paramLabel = "N", description = "Partitions run at once (default: one per core).")
  Integer threads;

  @Option(names = "--idle-exit", paramLabel = "SECONDS",
      description = "Exit after this many seconds without a partition to run (default: run until stopped).")
  Long idleExit;

  @Option(names = "--name", paramLabel = "NAME", description = "Name shown in this worker's output (default: host and process id).")
  String name;

  @Override
  public Integer call() throws Exception {
    int count = threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
    if (count < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be 1 or more, got " + count);
    }
    if (idleExit != null && idleExit < 1) {
      throw new ParameterException(spec.commandLine(), "--idle-exit must be 1 second or more, got " + idleExit);
    }
    if (database.settings().jdbcUrl().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "a worker runs against the PostgreSQL of the reevaluate run it "
          + "serves: give --db-url (or STELLA_DB_URL)");
    }
    String me = name != null ? name : java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
    PrintWriter out = spec.commandLine().getOut();
    try (StellaContext context = StellaContext.open(database.settings())) {
      RemotePartitions partitions = context.bean(RemotePartitions.class);
      JobExplorer explorer = context.bean(JobExplorer.class);
      StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
      handler.setJobExplorer(explorer);
      BeanFactoryStepLocator locator = new BeanFactoryStepLocator();
      locator.setBeanFactory(context.beanFactory());
      handler.setStepLocator((StepLocator) locator);
      DataSource dataSource = context.bean(DataSource.class);
      AtomicLong lastWork = new AtomicLong(System.nanoTime());
      say(out, me, "waiting for partitions (" + count + " at a time)");
      List<Thread> loops = new ArrayList<>();
      for (int t = 0; t < count; t++) {
        Thread loop = new Thread(() -> serve(out, me, partitions, explorer, handler, dataSource, lastWork), "stella-worker-" + t);
        loop.start();
        loops.add(loop);
      }
      for (Thread loop : loops) {
        loop.join();
      }
      say(out, me, "idle for " + idleExit + " s; exiting");
      return ExitCodes.OK;
    }
  }

  private void serve(PrintWriter out, String me, RemotePartitions partitions, JobExplorer explorer,
      StepExecutionRequestHandler handler, DataSource dataSource, AtomicLong lastWork) {
    while (idleExit == null || System.nanoTime() - lastWork.get() < Duration.ofSeconds(idleExit).toNanos()) {
      Optional<StepExecutionRequest> request;
      try {
        request = partitions.take(Duration.ofMillis(500));
      } catch (RuntimeException e) {
        // An unreadable request, or the database briefly gone: say so and keep serving.
        say(out, me, "cannot take a partition request: " + e);
        pause();
        continue;
      }
      if (request.isEmpty()) {
        continue;
      }
      lastWork.set(System.nanoTime());
      try {
        run(out, me, request.get(), explorer, handler, dataSource);
      } catch (Exception e) {
        say(out, me, "partition " + request.get().getStepName() + " failed: " + e);
      }
      lastWork.set(System.nanoTime());
    }
  }

  private static void run(PrintWriter out, String me, StepExecutionRequest request, JobExplorer explorer,
      StepExecutionRequestHandler handler, DataSource dataSource) throws Exception {
    StepExecution step = explorer.getStepExecution(request.getJobExecutionId(), request.getStepExecutionId());
    if (step == null || step.getStatus() != BatchStatus.STARTING || !step.getJobExecution().isRunning()) {
      say(out, me, "skipping " + request.getStepName() + " (step execution " + request.getStepExecutionId()
          + "): its run has ended or another worker ran it");
      return;
    }
    try (Connection lock = dataSource.getConnection()) {
      RemotePartitions.lock(lock, request.getStepExecutionId());
      try {
        say(out, me, "running " + step.getStepName() + " (step execution " + request.getStepExecutionId() + ")");
        long started = System.nanoTime();
        StepExecution done = handler.handle(request);
        say(out, me, String.format(Locale.ROOT, "%s %s: %d image(s) read, %d new verdict(s), %d unchanged; %.1f s",
            step.getStepName(), done.getStatus().toString().toLowerCase(Locale.ROOT), done.getReadCount(),
            done.getWriteCount(), done.getFilterCount(), (System.nanoTime() - started) / 1e9));
      } finally {
        RemotePartitions.unlock(lock, request.getStepExecutionId());
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void say(PrintWriter out, String me, String text) {
    synchronized (out) {
      out.println("worker " + me + ": " + text);
      out.flush();
    }
  }
}
