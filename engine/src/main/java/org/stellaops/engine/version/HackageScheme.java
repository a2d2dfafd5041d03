package org.stellaops.engine.version;

/**
 * Hackage versions under the Haskell Package Versioning Policy: a non-empty sequence of
 * non-negative integers separated by dots, ordered as Haskell lists of numbers, so a version
 * is lower than its own extensions ({@code 1.0 < 1.0.0}). Like Cabal, leading zeros are rejected.
 */
public final class HackageScheme implements VersionScheme {

  private static final String GRAMMAR = "Hackage versions are numbers separated by dots, like 1.2.0.3";

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public HackageScheme() {}

  @Override
  public String name() {
    return "Hackage (PVP)";
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
    NumberSequence numbers = NumberSequence.parse(version, ".", 1, GRAMMAR);
    String padded = numbers.firstWithLeadingZero();
    if (padded != null) {
      throw new UnparseableVersionException(version, "leading zero in '" + padded + "' (" + GRAMMAR + ")");
    }
    return numbers;
  }

  @Override
  public String toString() {
    return name();
  }
}
