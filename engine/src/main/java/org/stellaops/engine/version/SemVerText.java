package org.stellaops.engine.version;

/**
 * A parsed semantic version as offsets into its text, so that comparing needs no substrings.
 * An empty minor or patch range (Go short forms) reads as zero; an empty pre-release range means
 * none. Build metadata is not kept: it never affects precedence.
 */
record SemVerText(
    String text,
    int majorStart,
    int majorEnd,
    int minorStart,
    int minorEnd,
    int patchStart,
    int patchEnd,
    int preStart,
    int preEnd) {

  boolean hasPrerelease() {
    return preStart < preEnd;
  }

  /** SemVer 2.0.0 precedence (section 11): core numerically, then pre-release identifiers. */
  static int precedence(SemVerText left, SemVerText right) {
    return precedence(left, right, false);
  }

  /**
   * Precedence as the dialect computes it. node-semver compares two numeric pre-release
   * identifiers as JavaScript numbers: above 2^53 they are rounded to doubles, and when two
   * different identifiers round to the same double it stops there and calls the versions equal
   * ({@code 1.0.0-9007199254740993.1 == 1.0.0-9007199254740992.2}).
   */
  static int precedence(SemVerText left, SemVerText right, SemVerDialect dialect) {
    return precedence(left, right, dialect.usesJavaScriptNumbers());
  }

  private static int precedence(SemVerText left, SemVerText right, boolean javaScriptNumbers) {
    String l = left.text;
    String r = right.text;
    int order = DecimalDigits.compare(l, left.majorStart, left.majorEnd, r, right.majorStart, right.majorEnd);
    if (order != 0) {
      return order;
    }
    order = DecimalDigits.compare(l, left.minorStart, left.minorEnd, r, right.minorStart, right.minorEnd);
    if (order != 0) {
      return order;
    }
    order = DecimalDigits.compare(l, left.patchStart, left.patchEnd, r, right.patchStart, right.patchEnd);
    if (order != 0) {
      return order;
    }
    return comparePrereleases(left, right, javaScriptNumbers);
  }

  private static int comparePrereleases(SemVerText left, SemVerText right, boolean javaScriptNumbers) {
    if (!left.hasPrerelease() || !right.hasPrerelease()) {
      // A release ranks above any of its pre-releases.
      return Boolean.compare(!left.hasPrerelease(), !right.hasPrerelease());
    }
    int i = left.preStart;
    int j = right.preStart;
    while (i < left.preEnd && j < right.preEnd) {
      int iEnd = identifierEnd(left.text, i, left.preEnd);
      int jEnd = identifierEnd(right.text, j, right.preEnd);
      if (javaScriptNumbers && bothNumericAndDifferent(left.text, i, iEnd, right.text, j, jEnd)) {
        return Double.compare(
            Double.parseDouble(left.text.substring(i, iEnd)), Double.parseDouble(right.text.substring(j, jEnd)));
      }
      int order = compareIdentifiers(left.text, i, iEnd, right.text, j, jEnd);
      if (order != 0) {
        return order;
      }
      i = iEnd + 1;
      j = jEnd + 1;
    }
    // Equal so far: the one with more identifiers ranks higher.
    return Boolean.compare(i < left.preEnd, j < right.preEnd);
  }

  private static boolean bothNumericAndDifferent(String l, int ls, int le, String r, int rs, int re) {
    return DecimalDigits.allDigits(l, ls, le) && DecimalDigits.allDigits(r, rs, re)
        && !(le - ls == re - rs && l.regionMatches(ls, r, rs, le - ls));
  }

  private static int identifierEnd(String text, int start, int end) {
    int i = start;
    while (i < end && text.charAt(i) != '.') {
      i++;
    }
    return i;
  }

  private static int compareIdentifiers(String l, int ls, int le, String r, int rs, int re) {
    boolean leftNumeric = DecimalDigits.allDigits(l, ls, le);
    boolean rightNumeric = DecimalDigits.allDigits(r, rs, re);
    if (leftNumeric && rightNumeric) {
      return DecimalDigits.compare(l, ls, le, r, rs, re);
    }
    if (leftNumeric || rightNumeric) {
      return leftNumeric ? -1 : 1;
    }
    return compareAscii(l, ls, le, r, rs, re);
  }

  /** Lexicographic order by character code, as semver.org, node-semver and Go all specify. */
  static int compareAscii(String l, int ls, int le, String r, int rs, int re) {
    int length = Math.min(le - ls, re - rs);
    for (int k = 0; k < length; k++) {
      int order = Character.compare(l.charAt(ls + k), r.charAt(rs + k));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(le - ls, re - rs);
  }
}
