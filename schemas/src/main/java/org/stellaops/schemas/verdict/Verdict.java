package org.stellaops.schemas.verdict;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stellaops.schemas.Checks;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * The verdict for one image: decision, findings in canonical order, affected counts by severity,
 * the components that were not evaluated (by reason, in reason order), the inputs it came from and {@code verdictDigest}, the SHA-256 of its canonical JSON.
 */
public record Verdict(
    String imageDigest,
    Decision decision,
    String rule,
    List<Finding> findings,
    Map<SeverityLevel, Integer> affectedBySeverity,
    List<NotEvaluated> notEvaluated,
    InputManifest manifest,
    String verdictDigest) {
  public Verdict {
    Checks.requireText(imageDigest, "imageDigest");
    Objects.requireNonNull(decision, "decision is null");
    Objects.requireNonNull(rule, "rule is null");
    findings = List.copyOf(findings);
    affectedBySeverity = Map.copyOf(affectedBySeverity);
    notEvaluated = List.copyOf(notEvaluated);
    Objects.requireNonNull(manifest, "manifest is null");
    Checks.requireText(verdictDigest, "verdictDigest");
  }
}
