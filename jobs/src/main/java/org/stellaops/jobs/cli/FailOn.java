package org.stellaops.jobs.cli;

import java.io.PrintWriter;

/** {@code --fail-on}: when a command's exit code reports the verdicts it covers, so CI can gate on it. */
enum FailOn {
  /** The exit code says only whether the command worked. */
  never,
  /** Exit {@link ExitCodes#VERDICT_FAIL} when any verdict covered is FAIL. */
  fail;

  /** The exit code for {@code total} verdicts of which {@code failing} FAIL, when the command itself worked. */
  int exitCode(long failing, long total, PrintWriter err) {
    if (this == never || failing == 0) {
      return ExitCodes.OK;
    }
    err.println("stella: " + failing + " of " + total + " image(s) FAIL the policy (--fail-on fail)");
    return ExitCodes.VERDICT_FAIL;
  }
}
