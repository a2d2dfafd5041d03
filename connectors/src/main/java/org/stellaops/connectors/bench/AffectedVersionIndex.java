package org.stellaops.connectors.bench;

import java.util.BitSet;

/** Which history positions of which packages some advisory covers; filled as advisories are written. */
final class AffectedVersionIndex {
  private final BitSet[][] affected =
      new BitSet[SyntheticEcosystem.values().length][PackagePool.PACKAGES_PER_ECOSYSTEM];

  void add(SyntheticPackage target, PlannedRange range) {
    BitSet positions = affected[target.ecosystem().ordinal()][target.rank()];
    if (positions == null) {
      positions = new BitSet();
      affected[target.ecosystem().ordinal()][target.rank()] = positions;
    }
    positions.or(range.affectedVersions());
  }

  boolean contains(SyntheticPackage target, int versionIndex) {
    BitSet positions = affected[target.ecosystem().ordinal()][target.rank()];
    return positions != null && positions.get(versionIndex);
  }
}
