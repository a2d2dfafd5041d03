package org.stellaops.engine.version;

/**
 * CRAN versions, read and ordered as R's {@code package_version} and its comparison operators
 * (R 4.2): at least two non-negative integers separated by {@code .} or {@code -} ({@code 1.2-3}
 * is {@code 1.2.3}), compared number by number with leading zeros insignificant and missing
 * numbers counting as zero ({@code 1.0 == 1.0.0}, as R's operators pad the shorter version).
 * Numbers must fit R's 32-bit integers: R reads a larger one as {@code NA}, which has no order.
 */
public final class CranScheme implements VersionScheme {

  private static final String GRAMMAR = "CRAN versions are at least two numbers separated by '.' or '-', like 1.2-3";
  private static final String LARGEST_R_INTEGER = "2147483647";

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public CranScheme() {}

  @Override
  public String name() {
    return "CRAN (package_version)";
  }

  @Override
  public int compare(String left, String right) {
    return NumberSequence.compareZeroPadded(parse(left), parse(right));
  }

  @Override
  public void validate(String version) {
    parse(version);
  }

  private static NumberSequence parse(String version) {
    NumberSequence sequence = NumberSequence.parse(version, ".-", 2, GRAMMAR);
    for (String number : sequence.numbers()) {
      if (DecimalDigits.compare(number, 0, number.length(), LARGEST_R_INTEGER, 0, LARGEST_R_INTEGER.length()) > 0) {
        throw new UnparseableVersionException(version, "number " + number
            + " is larger than R's largest integer " + LARGEST_R_INTEGER + " (R reads it as NA)");
      }
    }
    return sequence;
  }

  @Override
  public String toString() {
    return name();
  }
}
