package org.stellaops.jobs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real public data in ../shared/fixtures; tests that need it skip with a message when it is absent. */
public final class Fixtures {
  private Fixtures() {}

  /** {@code ../shared/fixtures/<relative>}, or the test is skipped. */
  public static Path require(String relative) {
    Path root = Path.of(System.getProperty("stella.shared.dir", "../shared")).resolve("fixtures");
    Path path = root.resolve(relative);
    assumeTrue(Files.exists(path), "real-world fixtures not found at " + path.toAbsolutePath()
        + " (clone the project with ../shared beside it); skipping");
    return path;
  }
}
