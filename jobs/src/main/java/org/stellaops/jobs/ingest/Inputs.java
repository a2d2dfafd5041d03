package org.stellaops.jobs.ingest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code inputs} job parameter: absolute, normalised paths joined by newlines, so that the
 * same command run twice names the same inputs.
 */
public final class Inputs {
  private Inputs() {}

  /** Encodes paths as the job parameter. */
  public static String encode(List<Path> paths) {
    return paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).collect(Collectors.joining("\n"));
  }

  /** Decodes the job parameter. */
  public static List<Path> decode(String inputs) {
    return Arrays.stream(inputs.split("\n")).filter(s -> !s.isEmpty()).map(Path::of).toList();
  }
}
