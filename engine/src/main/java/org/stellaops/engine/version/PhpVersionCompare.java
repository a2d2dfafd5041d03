package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;

/**
 * PHP's {@code version_compare}: the text is canonicalised ({@code -}, {@code _}, {@code +} and
 * other non-alphanumerics become {@code .}, and a {@code .} goes between digits and letters),
 * then compared part by part: numbers numerically, words by their special form (dev &lt; alpha = a
 * &lt; beta = b &lt; RC = rc &lt; number &lt; pl = p; anything else lowest), and a missing part
 * counts as a number.
 */
final class PhpVersionCompare {

  private static final String NUMBER = "#";
  private static final String[][] SPECIAL_FORMS = {
    {"dev", "0"}, {"alpha", "1"}, {"a", "1"}, {"beta", "2"}, {"b", "2"}, {"RC", "3"}, {"rc", "3"}, {"#", "4"},
    {"pl", "5"}, {"p", "5"}
  };

  private PhpVersionCompare() {}

  static int compare(String left, String right) {
    List<String> l = canonicalParts(left);
    List<String> r = canonicalParts(right);
    for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
      if (i >= l.size()) {
        return isNumber(r.get(i)) ? -1 : compareParts(NUMBER, r.get(i));
      }
      if (i >= r.size()) {
        return isNumber(l.get(i)) ? 1 : compareParts(l.get(i), NUMBER);
      }
      int order = compareParts(l.get(i), r.get(i));
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private static int compareParts(String left, String right) {
    boolean leftNumber = isNumber(left);
    boolean rightNumber = isNumber(right);
    if (leftNumber && rightNumber) {
      return Integer.signum(DecimalDigits.compare(left, 0, left.length(), right, 0, right.length()));
    }
    return Integer.compare(specialForm(leftNumber ? NUMBER : left), specialForm(rightNumber ? NUMBER : right));
  }

  /** The rank of the first form the part starts with, as PHP matches them by prefix. */
  private static int specialForm(String part) {
    for (String[] form : SPECIAL_FORMS) {
      if (part.startsWith(form[0])) {
        return Integer.parseInt(form[1]);
      }
    }
    return -6;
  }

  private static boolean isNumber(String part) {
    return DecimalDigits.allDigits(part, 0, part.length());
  }

  private static List<String> canonicalParts(String version) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      boolean alphanumeric = DecimalDigits.isDigit(c) || DecimalDigits.isAsciiLetter(c);
      boolean boundary = part.length() > 0 && alphanumeric
          && DecimalDigits.isDigit(c) != DecimalDigits.isDigit(part.charAt(part.length() - 1));
      if (!alphanumeric || boundary) {
        flush(part, parts);
      }
      if (alphanumeric) {
        part.append(c);
      }
    }
    flush(part, parts);
    return parts;
  }

  private static void flush(StringBuilder part, List<String> parts) {
    if (part.length() > 0) {
      parts.add(part.toString());
      part.setLength(0);
    }
  }
}
