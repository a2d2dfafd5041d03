package org.stellaops.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real public data in ../shared/fixtures. A test that needs it is skipped, saying so on the
 * console, when it is absent; with {@code STELLA_REQUIRE_EXTERNAL=1} (set by {@code .ci/run}) it
 * fails instead, so CI never passes by skipping.
 */
public final class Fixtures {
  public static final String REQUIRE_EXTERNAL = "STELLA_REQUIRE_EXTERNAL";

  private Fixtures() {}

  /** {@code ../shared/fixtures/<relative>}, or the test is skipped (failed in CI). */
  public static Path require(String relative) {
    Path root = Path.of(System.getProperty("stella.shared.dir", "../shared")).resolve("fixtures");
    Path path = root.resolve(relative);
    if (!Files.exists(path)) {
      String reason = "real fixtures absent: " + path.toAbsolutePath() + " (clone the project with ../shared beside it)";
      if ("1".equals(System.getenv(REQUIRE_EXTERNAL))) {
        System.out.println("FAILED (" + REQUIRE_EXTERNAL + "=1): " + reason);
        Assertions.fail(reason + " (" + REQUIRE_EXTERNAL + "=1 turns this skip into a failure)");
      }
      System.out.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    return path;
  }
}
