package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

/**
 * Semantic Versioning 2.0.0 precedence: major, minor and patch numerically, a release above its
 * pre-releases, pre-release identifiers numeric (as numbers of any length) below alphanumeric
 * (by character code), more identifiers above fewer, build metadata ignored.
 */
public final class SemVerScheme implements VersionScheme {

  private static final SemVerScheme NPM = new SemVerScheme("npm (node-semver)", SemVerDialect.NODE);
  private static final SemVerScheme CRATES_IO = new SemVerScheme("crates.io (semver)", SemVerDialect.STRICT);

  private final String name;
  private final SemVerDialect dialect;

  private SemVerScheme(String name, SemVerDialect dialect) {
    this.name = requireNonNull(name, "name is null");
    this.dialect = requireNonNull(dialect, "dialect is null");
  }

  /**
   * The npm flavour, reading versions as node-semver's non-loose {@code parse} does: surrounding
   * whitespace is trimmed and one leading {@code v} is allowed; versions longer than 256
   * characters, or with a major, minor or patch above {@code Number.MAX_SAFE_INTEGER}
   * (9007199254740991), are refused as node-semver refuses them.
   */
  public static SemVerScheme npm() {
    return NPM;
  }

  /** The crates.io flavour: strict SemVer 2.0.0 with no prefix and no whitespace, as Cargo reads it. */
  public static SemVerScheme cratesIo() {
    return CRATES_IO;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int compare(String left, String right) {
    return SemVerText.precedence(SemVerParser.parse(left, dialect), SemVerParser.parse(right, dialect), dialect);
  }

  @Override
  public void validate(String version) {
    SemVerParser.parse(version, dialect);
  }

  @Override
  public String toString() {
    return name;
  }
}
