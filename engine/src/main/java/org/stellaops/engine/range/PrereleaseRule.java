package org.stellaops.engine.range;

/** How a {@link VersionRange} treats pre-release versions beyond plain version order. */
public enum PrereleaseRule {
  /** A pre-release is inside when the scheme's order puts it inside (OSV, GHSA, Maven, PyPI). */
  ORDER_ONLY,
  /**
   * node-semver's rule: a version with a pre-release tag is inside an interval only if the order
   * puts it inside and one of the interval's bounds has a pre-release tag on the same
   * {@code major.minor.patch}. So {@code 1.3.0-beta} is outside {@code ^1.2.3}, while
   * {@code 1.2.3-rc.1} is inside {@code >=1.2.3-beta <1.3.0}.
   */
  NPM_SAME_TUPLE
}
