package org.stellaops.jobs.cli;

import picocli.CommandLine;

/** Entry point of the {@code stella} command line. */
public final class StellaMain {
  private StellaMain() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given standard output and error. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new StellaCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new CliErrors());
    commandLine.setExitCodeExceptionMapper(CliErrors::exitCode);
    return commandLine.execute(args);
  }
}
