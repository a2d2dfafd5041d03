package org.stellaops.engine.version;

/**
 * Order of PEP 440 local version labels ({@code +ubuntu.1}): absent below present; then segment by
 * segment (split on '.', '-', '_'), numeric segments as numbers above alphanumeric ones, which
 * compare case-insensitively; when one is a prefix of the other, the longer is higher.
 */
final class Pep440LocalLabels {

  private Pep440LocalLabels() {}

  static boolean isSeparator(char c) {
    return c == '.' || c == '-' || c == '_';
  }

  /** A negative start means the version has no local label. */
  static int compare(String l, int leftStart, int leftEnd, String r, int rightStart, int rightEnd) {
    if (leftStart < 0 || rightStart < 0) {
      return Boolean.compare(leftStart >= 0, rightStart >= 0);
    }
    int i = leftStart;
    int j = rightStart;
    while (i < leftEnd && j < rightEnd) {
      int iEnd = segmentEnd(l, i, leftEnd);
      int jEnd = segmentEnd(r, j, rightEnd);
      int order = compareSegments(l, i, iEnd, r, j, jEnd);
      if (order != 0) {
        return order;
      }
      i = iEnd + 1;
      j = jEnd + 1;
    }
    return Boolean.compare(i < leftEnd, j < rightEnd);
  }

  private static int segmentEnd(String text, int start, int end) {
    int i = start;
    while (i < end && !isSeparator(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int compareSegments(String l, int ls, int le, String r, int rs, int re) {
    boolean leftNumeric = DecimalDigits.allDigits(l, ls, le);
    boolean rightNumeric = DecimalDigits.allDigits(r, rs, re);
    if (leftNumeric && rightNumeric) {
      return DecimalDigits.compare(l, ls, le, r, rs, re);
    }
    if (leftNumeric || rightNumeric) {
      return leftNumeric ? 1 : -1;
    }
    int length = Math.min(le - ls, re - rs);
    for (int k = 0; k < length; k++) {
      int order = Character.compare(toLowerAscii(l.charAt(ls + k)), toLowerAscii(r.charAt(rs + k)));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(le - ls, re - rs);
  }

  private static char toLowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
