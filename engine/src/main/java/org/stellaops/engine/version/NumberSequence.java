package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A version that is a sequence of non-negative integers, such as Hackage's {@code 1.2.0.3} or
 * CRAN's {@code 1.2-3}, kept as digit runs so that numbers of any length compare exactly.
 */
record NumberSequence(List<String> numbers) {

  NumberSequence {
    numbers = List.copyOf(numbers);
  }

  /**
   * Reads digit runs separated by any one of {@code separators}; {@code grammar} names the
   * expected shape in error messages, and at least {@code minimumParts} runs are required.
   */
  static NumberSequence parse(String version, String separators, int minimumParts, String grammar) {
    requireNonNull(version, "version is null");
    if (version.isEmpty()) {
      throw new UnparseableVersionException(version, "empty version");
    }
    return parse(version, 0, version.length(), separators, minimumParts, grammar);
  }

  /** As {@link #parse(String, String, int, String)}, over {@code version} from {@code start} to {@code end}. */
  static NumberSequence parse(String version, int start, int end, String separators, int minimumParts, String grammar) {
    List<String> numbers = new ArrayList<>();
    int numberStart = start;
    for (int i = start; i <= end; i++) {
      if (i < end && DecimalDigits.isDigit(version.charAt(i))) {
        continue;
      }
      if (i == numberStart) {
        String found = i < version.length() ? "'" + version.charAt(i) + "'" : "the end";
        throw new UnparseableVersionException(version, "expected a digit at index " + i + ", found " + found
            + " (" + grammar + ")");
      }
      numbers.add(version.substring(numberStart, i));
      if (i < end && separators.indexOf(version.charAt(i)) < 0) {
        throw new UnparseableVersionException(version, "unexpected '" + version.charAt(i) + "' at index " + i
            + " (" + grammar + ")");
      }
      numberStart = i + 1;
    }
    if (numbers.size() < minimumParts) {
      throw new UnparseableVersionException(version, "needs at least " + minimumParts + " numbers (" + grammar + ")");
    }
    return new NumberSequence(numbers);
  }

  /** The first number with a leading zero, if any, for grammars that forbid them. */
  String firstWithLeadingZero() {
    for (String number : numbers) {
      if (number.length() > 1 && number.charAt(0) == '0') {
        return number;
      }
    }
    return null;
  }

  /** Number by number; when one runs out first, it is lower ({@code 1.0 < 1.0.0}), as Haskell and R order lists. */
  static int compareShorterFirst(NumberSequence left, NumberSequence right) {
    int common = Math.min(left.numbers.size(), right.numbers.size());
    for (int i = 0; i < common; i++) {
      int order = compareNumbers(left.numbers.get(i), right.numbers.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.numbers.size(), right.numbers.size());
  }

  /** Number by number, a missing number counting as zero ({@code 1.0 == 1.0.0}). */
  static int compareZeroPadded(NumberSequence left, NumberSequence right) {
    int longest = Math.max(left.numbers.size(), right.numbers.size());
    for (int i = 0; i < longest; i++) {
      String l = i < left.numbers.size() ? left.numbers.get(i) : "0";
      String r = i < right.numbers.size() ? right.numbers.get(i) : "0";
      int order = compareNumbers(l, r);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private static int compareNumbers(String left, String right) {
    return DecimalDigits.compare(left, 0, left.length(), right, 0, right.length());
  }
}
