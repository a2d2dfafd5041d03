package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven versions, ordered by Maven's own {@link ComparableVersion}. Maven gives every string an
 * order, so only a blank version is rejected.
 */
public final class MavenScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public MavenScheme() {}

  @Override
  public String name() {
    return "Maven (ComparableVersion)";
  }

  @Override
  public int compare(String left, String right) {
    validate(left);
    validate(right);
    return new ComparableVersion(left).compareTo(new ComparableVersion(right));
  }

  @Override
  public void validate(String version) {
    requireNonNull(version, "version is null");
    if (version.isBlank()) {
      throw new UnparseableVersionException(version, "empty version");
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
