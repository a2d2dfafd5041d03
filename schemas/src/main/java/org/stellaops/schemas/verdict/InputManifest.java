package org.stellaops.schemas.verdict;

import org.stellaops.schemas.Checks;

/**
 * Everything a verdict was computed from. The same manifest always gives the same verdict, so a
 * stored verdict can be recomputed and compared.
 */
public record InputManifest(String sbomDigest, long advisorySnapshotId, String engineVersion, String policyDigest) {
  public InputManifest {
    Checks.requireText(sbomDigest, "sbomDigest");
    if (advisorySnapshotId < 0) {
      throw new IllegalArgumentException("advisorySnapshotId is negative: " + advisorySnapshotId);
    }
    Checks.requireText(engineVersion, "engineVersion");
    Checks.requireText(policyDigest, "policyDigest");
  }
}
