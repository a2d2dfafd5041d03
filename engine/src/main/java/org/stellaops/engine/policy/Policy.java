package org.stellaops.engine.policy;

import java.util.List;
import org.stellaops.schemas.verdict.Finding;

/** Decides PASS or FAIL for one image from its findings. Pure and deterministic. */
public interface Policy {

  /** A stable name, e.g. {@code default}. */
  String name();

  /** SHA-256 over the policy's canonical definition; part of every verdict's manifest. */
  String digest();

  /** The decision and the rule that produced it. */
  PolicyResult evaluate(List<Finding> findings);
}
