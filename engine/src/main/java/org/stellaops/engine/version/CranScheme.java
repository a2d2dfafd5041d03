package org.stellaops.engine.version;

/**
 * CRAN versions, read and ordered as R's {@code package_version}: at least two non-negative
 * integers separated by {@code .} or {@code -} ({@code 1.2-3} is {@code 1.2.3}), compared number
 * by number, leading zeros insignificant, and a version lower than its own extensions
 * ({@code 1.0 < 1.0.0}).
 */
public final class CranScheme implements VersionScheme {

  private static final String GRAMMAR = "CRAN versions are at least two numbers separated by '.' or '-', like 1.2-3";

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public CranScheme() {}

  @Override
  public String name() {
    return "CRAN (package_version)";
  }

  @Override
  public int compare(String left, String right) {
    return NumberSequence.compareShorterFirst(parse(left), parse(right));
  }

  @Override
  public void validate(String version) {
    parse(version);
  }

  private static NumberSequence parse(String version) {
    return NumberSequence.parse(version, ".-", 2, GRAMMAR);
  }

  @Override
  public String toString() {
    return name();
  }
}
