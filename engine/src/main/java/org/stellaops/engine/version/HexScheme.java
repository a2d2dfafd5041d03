package org.stellaops.engine.version;

/**
 * Hex versions, read and ordered as Elixir's {@code Version}: strict Semantic Versioning 2.0.0
 * (three numbers without leading zeros, no prefix, no whitespace), build metadata ignored.
 */
public final class HexScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public HexScheme() {}

  @Override
  public String name() {
    return "Hex (Elixir Version)";
  }

  @Override
  public int compare(String left, String right) {
    return SemVerText.precedence(
        SemVerParser.parse(left, SemVerDialect.STRICT), SemVerParser.parse(right, SemVerDialect.STRICT));
  }

  @Override
  public void validate(String version) {
    SemVerParser.parse(version, SemVerDialect.STRICT);
  }

  @Override
  public String toString() {
    return name();
  }
}
