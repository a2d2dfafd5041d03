package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

/**
 * Gem::Version's accepted spellings, {@code \A\s*([0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z},
 * read by hand. Ruby's {@code \s} is ASCII whitespace only: space, tab, LF, VT, FF and CR.
 */
final class RubyGemsGrammar {

  private RubyGemsGrammar() {}

  /** Returns the version without surrounding whitespace, or throws with the reason it is not one. */
  static String check(String version) {
    requireNonNull(version, "version is null");
    int start = 0;
    int end = version.length();
    while (start < end && isRubySpace(version.charAt(start))) {
      start++;
    }
    while (end > start && isRubySpace(version.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      return "";
    }
    if (!DecimalDigits.isDigit(version.charAt(start))) {
      throw fail(version, start, "a digit at the start");
    }
    int i = start;
    while (i < end && DecimalDigits.isDigit(version.charAt(i))) {
      i++;
    }
    boolean prerelease = false;
    while (i < end) {
      char separator = version.charAt(i);
      if (separator == '-' && !prerelease) {
        prerelease = true;
      } else if (separator != '.') {
        throw fail(version, i, prerelease ? "'.' or the end" : "'.', '-' or the end");
      }
      int segmentStart = ++i;
      while (i < end && isSegmentChar(version.charAt(i), prerelease)) {
        i++;
      }
      if (i == segmentStart) {
        throw fail(version, i, prerelease ? "a letter, digit or '-'" : "a letter or digit");
      }
    }
    return version.substring(start, end);
  }

  private static boolean isSegmentChar(char c, boolean prerelease) {
    return DecimalDigits.isDigit(c) || DecimalDigits.isAsciiLetter(c) || (prerelease && c == '-');
  }

  private static UnparseableVersionException fail(String version, int index, String expected) {
    String found = index < version.length() ? "'" + version.charAt(index) + "'" : "the end";
    return new UnparseableVersionException(
        version, "expected " + expected + " at index " + index + ", found " + found
            + " (RubyGems versions are like 1.2.3, 1.2.3.pre1 or 1.2.3-rc.1)");
  }

  private static boolean isRubySpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
