package org.stellaops.schemas.verdict;

import org.stellaops.schemas.Checks;

/**
 * Everything a verdict was computed from. {@code advisoriesDigest} covers exactly the advisory
 * entries the image's components were evaluated against (see {@code EvaluationDigests}); the
 * verdict's digest covers it, the SBOM, engine and policy, but not {@code advisorySnapshotId},
 * which only says where to find those advisories again. So a verdict that a feed change does not
 * touch is provably the same at the next snapshot: same inputs, same body, same digest.
 */
public record InputManifest(String sbomDigest, String advisoriesDigest, long advisorySnapshotId, String engineVersion,
    String policyDigest) {
  public InputManifest {
    Checks.requireText(sbomDigest, "sbomDigest");
    Checks.requireText(advisoriesDigest, "advisoriesDigest");
    if (advisorySnapshotId < 0) {
      throw new IllegalArgumentException("advisorySnapshotId is negative: " + advisorySnapshotId);
    }
    Checks.requireText(engineVersion, "engineVersion");
    Checks.requireText(policyDigest, "policyDigest");
  }
}
