package org.stellaops.schemas.advisory;

import java.util.Objects;
import java.util.Optional;

/** A severity with where it came from: a CVSS vector and score, or a feed's own word. */
public record Severity(SeverityLevel level, Optional<Double> score, Optional<String> vector) {
  public Severity {
    Objects.requireNonNull(level, "level is null");
    Objects.requireNonNull(score, "score is null");
    Objects.requireNonNull(vector, "vector is null");
  }

  /** Unknown severity, with no score or vector. */
  public static Severity unknown() {
    return new Severity(SeverityLevel.UNKNOWN, Optional.empty(), Optional.empty());
  }
}
