package org.stellaops.jobs.cli;

import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.springframework.beans.factory.BeanCreationException;
import org.stellaops.jobs.runtime.JobAlreadyRunningException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Maps failures to one readable line on stderr and a documented exit code. */
final class CliErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    int code = exitCode(e);
    String message = describe(e);
    commandLine.getErr().println("stella: " + message);
    if (code == ExitCodes.ERROR) {
      e.printStackTrace(commandLine.getErr());
    }
    return code;
  }

  static int exitCode(Throwable e) {
    if (e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoSuchFileException || t instanceof NotFoundException) {
        return ExitCodes.NOT_FOUND;
      }
      if (t instanceof JobAlreadyRunningException) {
        return ExitCodes.BUSY;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("28") || state.equals("42501")) {
          return ExitCodes.DENIED;
        }
        if (state.startsWith("08")) {
          return ExitCodes.DATABASE_UNAVAILABLE;
        }
      }
      if (t instanceof java.io.IOException io && String.valueOf(io.getMessage()).startsWith("Cannot start the embedded")) {
        return ExitCodes.DATABASE_UNAVAILABLE;
      }
    }
    return ExitCodes.ERROR;
  }

  private static String describe(Exception e) {
    Throwable root = e;
    while (root instanceof BeanCreationException && root.getCause() != null) {
      root = root.getCause();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return "cannot connect to the database: " + sql.getMessage();
      }
      if (t instanceof NoSuchFileException missing) {
        return "not found: " + missing.getFile();
      }
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
