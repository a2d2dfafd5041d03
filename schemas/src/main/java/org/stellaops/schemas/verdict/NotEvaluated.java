package org.stellaops.schemas.verdict;

import java.util.List;
import java.util.Objects;

/**
 * Components of an image that were not evaluated for one reason: how many, and up to
 * {@link #MAX_EXAMPLES} of them (purl, else name), sorted, so nothing is dropped without a trace.
 */
public record NotEvaluated(NotEvaluatedReason reason, int count, List<String> examples) {
  /** How many components a verdict names per reason. */
  public static final int MAX_EXAMPLES = 5;

  public NotEvaluated {
    Objects.requireNonNull(reason, "reason is null");
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, got " + count);
    }
    examples = List.copyOf(examples);
    if (examples.size() > Math.min(count, MAX_EXAMPLES)) {
      throw new IllegalArgumentException("at most " + MAX_EXAMPLES + " examples, and no more than count");
    }
  }
}
