package org.stellaops.engine.version;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something outside the repository is missing: the real public data in
 * {@code ../shared/fixtures} or an ecosystem's reference tool. On a developer's machine the test
 * is skipped and says why on the console; with {@code STELLA_REQUIRE_EXTERNAL=1} (set by
 * {@code .ci/run}) it fails, so CI never passes by skipping.
 */
final class ExternalRequirement {

  static final String VARIABLE = "STELLA_REQUIRE_EXTERNAL";

  private ExternalRequirement() {}

  /** Continues when the fixtures are there; otherwise skips or, in CI, fails, naming what is missing. */
  static void fixtures(boolean present, String missing) {
    check(present, "real fixtures absent: " + missing);
  }

  /** Continues when the reference tool works; otherwise skips or, in CI, fails, naming the tool. */
  static void tool(boolean works, String missing) {
    check(works, "reference tool absent: " + missing);
  }

  private static void check(boolean available, String reason) {
    if (available) {
      return;
    }
    if ("1".equals(System.getenv(VARIABLE))) {
      System.out.println("FAILED (" + VARIABLE + "=1): " + reason);
      Assertions.fail(reason + " (" + VARIABLE + "=1 turns this skip into a failure)");
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
