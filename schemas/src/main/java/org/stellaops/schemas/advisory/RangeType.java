package org.stellaops.schemas.advisory;

/** How the versions of a range are ordered (OSV {@code ranges[].type}). */
public enum RangeType {
  /** SemVer 2.0 precedence. */
  SEMVER,
  /** The ecosystem's own version order. */
  ECOSYSTEM,
  /** Commit hashes in a git repository; cannot be evaluated against a package version. */
  GIT
}
