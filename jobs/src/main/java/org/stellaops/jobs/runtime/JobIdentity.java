package org.stellaops.jobs.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a run reads, as stable text: the {@code arguments} a command names (paths, options) and,
 * for runs that read files, a digest of the bytes those paths held when the run started. The same
 * arguments and digest resume an interrupted run; the same arguments over changed bytes start a
 * new one, because a reader position saved over other bytes means nothing.
 */
public record JobIdentity(Map<String, String> arguments, Optional<String> inputDigest) {
  /** The job parameter that carries {@link #inputDigest}. */
  public static final String INPUT_DIGEST = "inputDigest";

  public JobIdentity {
    arguments = Map.copyOf(new TreeMap<>(Objects.requireNonNull(arguments, "arguments is null")));
    Objects.requireNonNull(inputDigest, "inputDigest is null");
    if (arguments.containsKey(INPUT_DIGEST) || arguments.containsKey(JobRunner.RUN)) {
      throw new IllegalArgumentException("argument names " + INPUT_DIGEST + " and " + JobRunner.RUN + " are reserved");
    }
  }

  /** A run identified by its arguments alone (it reads no files, or only the database). */
  public static JobIdentity of(Map<String, String> arguments) {
    return new JobIdentity(arguments, Optional.empty());
  }

  /** A run over files whose bytes had digest {@code inputDigest} when it started. */
  public static JobIdentity ofFiles(Map<String, String> arguments, String inputDigest) {
    return new JobIdentity(arguments, Optional.of(inputDigest));
  }

  /** Every job parameter but the run counter. */
  Map<String, String> parameters() {
    Map<String, String> parameters = new TreeMap<>(arguments);
    inputDigest.ifPresent(digest -> parameters.put(INPUT_DIGEST, digest));
    return parameters;
  }
}
