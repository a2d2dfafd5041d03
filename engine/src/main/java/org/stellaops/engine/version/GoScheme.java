package org.stellaops.engine.version;

/**
 * Go module versions, ordered as golang.org/x/mod/semver does. The leading {@code v} is optional
 * because OSV writes Go versions without it and purls with it; {@code v1} and {@code v1.2} are
 * short for {@code v1.0.0} and {@code v1.2.0}; build metadata such as {@code +incompatible} is
 * ignored; pseudo-versions ({@code v0.0.0-20191109021931-daa7c04131f5}) are ordinary pre-releases.
 */
public final class GoScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public GoScheme() {}

  @Override
  public String name() {
    return "Go (module semver)";
  }

  @Override
  public int compare(String left, String right) {
    return SemVerText.precedence(SemVerParser.parse(left, SemVerDialect.GO), SemVerParser.parse(right, SemVerDialect.GO));
  }

  @Override
  public void validate(String version) {
    SemVerParser.parse(version, SemVerDialect.GO);
  }

  @Override
  public String toString() {
    return name();
  }
}
