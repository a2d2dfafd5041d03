package org.stellaops.engine.version;

/** Numeric comparison of ASCII digit runs inside strings, of any length and without allocation. */
final class DecimalDigits {

  private DecimalDigits() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean allDigits(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return start < end;
  }

  /**
   * Compares two digit runs as non-negative integers. Leading zeros are ignored and an empty run
   * counts as zero, so the comparison is by significant length first, then digit by digit.
   */
  static int compare(String left, int leftStart, int leftEnd, String right, int rightStart, int rightEnd) {
    int l = skipZeros(left, leftStart, leftEnd);
    int r = skipZeros(right, rightStart, rightEnd);
    int lengthOrder = Integer.compare(leftEnd - l, rightEnd - r);
    if (lengthOrder != 0) {
      return lengthOrder;
    }
    for (; l < leftEnd; l++, r++) {
      int digitOrder = Character.compare(left.charAt(l), right.charAt(r));
      if (digitOrder != 0) {
        return digitOrder;
      }
    }
    return 0;
  }

  /** True when the run is empty or consists of zeros only. */
  static boolean isZero(String text, int start, int end) {
    return skipZeros(text, start, end) == end;
  }

  private static int skipZeros(String text, int start, int end) {
    int i = start;
    while (i < end && text.charAt(i) == '0') {
      i++;
    }
    return i;
  }
}
