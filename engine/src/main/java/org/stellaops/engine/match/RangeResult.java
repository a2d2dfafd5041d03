package org.stellaops.engine.match;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking one version against one range: {@code AFFECTED} with the interval
 * that matched, {@code NOT_AFFECTED}, or {@code UNDECIDABLE} with the reason.
 */
public record RangeResult(Outcome outcome, String detail, Optional<String> fixedVersion) {
  /** The three possible outcomes. */
  public enum Outcome {
    AFFECTED,
    NOT_AFFECTED,
    UNDECIDABLE
  }

  public RangeResult {
    Objects.requireNonNull(outcome, "outcome is null");
    Objects.requireNonNull(detail, "detail is null");
    Objects.requireNonNull(fixedVersion, "fixedVersion is null");
  }

  static RangeResult affected(String interval, Optional<String> fixedVersion) {
    return new RangeResult(Outcome.AFFECTED, interval, fixedVersion);
  }

  static RangeResult notAffected() {
    return new RangeResult(Outcome.NOT_AFFECTED, "", Optional.empty());
  }

  static RangeResult undecidable(String reason) {
    return new RangeResult(Outcome.UNDECIDABLE, reason, Optional.empty());
  }
}
