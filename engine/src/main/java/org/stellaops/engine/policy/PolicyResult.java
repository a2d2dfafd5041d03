package org.stellaops.engine.policy;

import java.util.Objects;
import org.stellaops.schemas.verdict.Decision;

/** A policy decision and, in words, the rule that decided it. */
public record PolicyResult(Decision decision, String rule) {
  public PolicyResult {
    Objects.requireNonNull(decision, "decision is null");
    Objects.requireNonNull(rule, "rule is null");
  }
}
