package org.stellaops.engine.version;

/**
 * Pub versions, read and ordered as Dart's {@code pub_semver} {@code Version}: three numbers
 * (leading zeros allowed), SemVer pre-release identifiers, and build metadata that, unlike
 * SemVer 2.0.0, does take part in the order: a version with build metadata sorts after the same
 * version without ({@code 1.0.0 < 1.0.0+1 < 1.0.0+2}).
 */
public final class PubScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public PubScheme() {}

  @Override
  public String name() {
    return "Pub (pub_semver)";
  }

  @Override
  public int compare(String left, String right) {
    return PubVersionText.parse(left).compareTo(PubVersionText.parse(right));
  }

  @Override
  public void validate(String version) {
    PubVersionText.parse(version);
  }

  @Override
  public String toString() {
    return name();
  }
}
