package org.stellaops.engine.version;

/**
 * SwiftURL versions (Swift Package Manager tags): Semantic Versioning 2.0.0 with one optional
 * leading {@code v}, as SwiftPM strips it from tags; build metadata ignored.
 */
public final class SwiftUrlScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public SwiftUrlScheme() {}

  @Override
  public String name() {
    return "SwiftURL (SwiftPM semver)";
  }

  @Override
  public int compare(String left, String right) {
    return SemVerText.precedence(
        SemVerParser.parse(left, SemVerDialect.SWIFT_TAG), SemVerParser.parse(right, SemVerDialect.SWIFT_TAG));
  }

  @Override
  public void validate(String version) {
    SemVerParser.parse(version, SemVerDialect.SWIFT_TAG);
  }

  @Override
  public String toString() {
    return name();
  }
}
