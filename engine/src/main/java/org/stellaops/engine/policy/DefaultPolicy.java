package org.stellaops.engine.policy;

import java.util.List;
import org.stellaops.engine.verdict.Digests;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Decision;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.FindingStatus;

/** The built-in policy: FAIL when any affected finding is HIGH or CRITICAL, else PASS. */
public final class DefaultPolicy implements Policy {
  private static final String DEFINITION =
      "{\"name\":\"default\",\"rules\":[{\"fail\":{\"status\":\"affected\",\"severity\":[\"CRITICAL\",\"HIGH\"]}}],\"version\":1}";
  private static final String DIGEST = Digests.sha256Hex(DEFINITION);

  @Override
  public String name() {
    return "default";
  }

  /** The canonical JSON definition the digest is computed over (exports write it beside the verdicts). */
  public String definition() {
    return DEFINITION;
  }

  @Override
  public String digest() {
    return "sha256:" + DIGEST;
  }

  @Override
  public PolicyResult evaluate(List<Finding> findings) {
    long blocking = findings.stream()
        .filter(f -> f.status() == FindingStatus.AFFECTED)
        .filter(f -> f.severity() == SeverityLevel.CRITICAL || f.severity() == SeverityLevel.HIGH)
        .count();
    if (blocking > 0) {
      return new PolicyResult(Decision.FAIL, "default: " + blocking + " affected finding(s) of severity HIGH or CRITICAL");
    }
    return new PolicyResult(Decision.PASS, "default: no affected finding of severity HIGH or CRITICAL");
  }
}
