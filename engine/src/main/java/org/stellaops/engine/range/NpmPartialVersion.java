package org.stellaops.engine.range;

/**
 * A possibly partial node-semver version as written in a range: {@code 1}, {@code 1.2},
 * {@code 1.2.x}, {@code *}, {@code 1.2.3-beta.1}. {@code known} counts the leading numeric parts
 * (0 to 3); parts after the first wildcard or missing part are zero.
 */
record NpmPartialVersion(int known, long major, long minor, long patch, String prerelease) {

  /** {@code major.minor.patch} with the pre-release tag, if any. */
  String full() {
    return major + "." + minor + "." + patch + (prerelease == null ? "" : "-" + prerelease);
  }

  static String version(long major, long minor, long patch) {
    return major + "." + minor + "." + patch;
  }

  /** The lowest version of the next {@code major.minor.patch}-style step, with {@code -0} so no pre-release slips under it. */
  static String below(long major, long minor, long patch) {
    return version(major, minor, patch) + "-0";
  }
}
