package org.stellaops.connectors;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Files the connector tests read: the small samples authored for this repository (always there,
 * under {@code src/test/resources/samples}) and the real public data in
 * {@code <stella.shared.dir>/fixtures}. A test of the real data is skipped, saying so on the
 * console, when it is absent; with {@code STELLA_REQUIRE_EXTERNAL=1} (set by {@code .ci/run}) it
 * fails instead, so CI never passes by skipping.
 */
public final class TestData {
  public static final String REQUIRE_EXTERNAL = "STELLA_REQUIRE_EXTERNAL";

  private TestData() {}

  /** {@code samples/<relative>} on the test class path. */
  public static Path sample(String relative) {
    URL url = TestData.class.getResource("/samples/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("no authored sample at src/test/resources/samples/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code <stella.shared.dir>/fixtures/<relative>}; the test is skipped (or, in CI, failed) when it is absent. */
  public static Path shared(String relative) {
    String shared = System.getProperty("stella.shared.dir");
    Path path = shared == null ? null : Path.of(shared, "fixtures").resolve(relative);
    require(path != null && Files.exists(path),
        "real fixtures absent: " + (path == null ? "stella.shared.dir is not set" : path.toAbsolutePath()));
    return path;
  }

  /** Continues when available; otherwise prints the reason and skips, or fails when CI requires external inputs. */
  public static void require(boolean available, String reason) {
    if (available) {
      return;
    }
    if ("1".equals(System.getenv(REQUIRE_EXTERNAL))) {
      System.out.println("FAILED (" + REQUIRE_EXTERNAL + "=1): " + reason);
      Assertions.fail(reason + " (" + REQUIRE_EXTERNAL + "=1 turns this skip into a failure)");
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
