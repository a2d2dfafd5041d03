package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import org.stellaops.jobs.store.VerdictStore.StoredVerdict;
import org.stellaops.schemas.verdict.Decision;

/** {@code --fail-on}: when a command's exit code reports the verdicts it covers, so CI can gate on it. */
enum FailOn {
  /** The exit code says only whether the command worked. */
  never,
  /** Exit {@link ExitCodes#VERDICT_FAIL} when any verdict covered is FAIL. */
  fail;

  /** The exit code for verdicts {@code verdicts} when the command itself worked. */
  int exitCode(List<StoredVerdict> verdicts, PrintWriter err) {
    if (this == never) {
      return ExitCodes.OK;
    }
    long failing = verdicts.stream().filter(v -> v.verdict().decision() == Decision.FAIL).count();
    if (failing == 0) {
      return ExitCodes.OK;
    }
    err.println("stella: " + failing + " of " + verdicts.size() + " image(s) FAIL the policy (--fail-on fail)");
    return ExitCodes.VERDICT_FAIL;
  }
}
