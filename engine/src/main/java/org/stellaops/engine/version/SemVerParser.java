package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

/** A hand-written reader of semantic versions in one {@link SemVerDialect}; no regular expressions. */
final class SemVerParser {

  /** node-semver's {@code MAX_LENGTH}, checked on the text before trimming. */
  static final int NODE_MAX_LENGTH = 256;
  /** JavaScript's {@code Number.MAX_SAFE_INTEGER}, the largest major, minor or patch node-semver accepts. */
  static final String NODE_MAX_NUMBER = "9007199254740991";

  private SemVerParser() {}

  static SemVerText parse(String version, SemVerDialect dialect) {
    requireNonNull(version, "version is null");
    if (dialect.usesJavaScriptNumbers() && version.length() > NODE_MAX_LENGTH) {
      throw new UnparseableVersionException(version, "version is " + version.length()
          + " characters long; node-semver refuses versions longer than " + NODE_MAX_LENGTH + " characters");
    }
    SemVerText parsed = parseText(version, dialect);
    if (dialect.usesJavaScriptNumbers()) {
      checkSafeInteger(parsed.text(), parsed.majorStart(), parsed.majorEnd(), "major");
      checkSafeInteger(parsed.text(), parsed.minorStart(), parsed.minorEnd(), "minor");
      checkSafeInteger(parsed.text(), parsed.patchStart(), parsed.patchEnd(), "patch");
    }
    return parsed;
  }

  private static void checkSafeInteger(String version, int start, int end, String part) {
    if (DecimalDigits.compare(version, start, end, NODE_MAX_NUMBER, 0, NODE_MAX_NUMBER.length()) > 0) {
      throw new UnparseableVersionException(version, "the " + part + " version " + version.substring(start, end)
          + " is above " + NODE_MAX_NUMBER + " (JavaScript's Number.MAX_SAFE_INTEGER), which node-semver refuses");
    }
  }

  private static SemVerText parseText(String version, SemVerDialect dialect) {
    boolean trim = dialect.trimsWhitespace();
    int start = trim ? trimmedStart(version) : 0;
    int end = trim ? trimmedEnd(version, start) : version.length();
    if (start == end) {
      throw new UnparseableVersionException(version, "empty version");
    }
    if (dialect.allowsLeadingV() && version.charAt(start) == 'v') {
      start++;
    }
    int majorEnd = numberEnd(version, start, end, "major");
    if (majorEnd == end && dialect.allowsShortForms()) {
      return new SemVerText(version, start, majorEnd, end, end, end, end, end, end);
    }
    int minorStart = expectDot(version, majorEnd, end, "minor");
    int minorEnd = numberEnd(version, minorStart, end, "minor");
    if (minorEnd == end && dialect.allowsShortForms()) {
      return new SemVerText(version, start, majorEnd, minorStart, minorEnd, end, end, end, end);
    }
    int patchStart = expectDot(version, minorEnd, end, "patch");
    int patchEnd = numberEnd(version, patchStart, end, "patch");
    int preStart = patchEnd;
    int preEnd = patchEnd;
    if (patchEnd < end && version.charAt(patchEnd) == '-') {
      preStart = patchEnd + 1;
      preEnd = identifiersEnd(version, preStart, end, true);
    }
    expectBuildOrEnd(version, preEnd, end);
    return new SemVerText(version, start, majorEnd, minorStart, minorEnd, patchStart, patchEnd, preStart, preEnd);
  }

  private static void expectBuildOrEnd(String version, int position, int end) {
    int p = position;
    if (p < end && version.charAt(p) == '+') {
      p = identifiersEnd(version, p + 1, end, false);
    }
    if (p < end) {
      throw new UnparseableVersionException(
          version, "unexpected '" + version.charAt(p) + "' at index " + p
              + ", expected '-' (pre-release), '+' (build metadata) or the end");
    }
  }

  private static int trimmedStart(String version) {
    int start = 0;
    while (start < version.length() && isJavaScriptWhitespace(version.charAt(start))) {
      start++;
    }
    return start;
  }

  private static int trimmedEnd(String version, int start) {
    int end = version.length();
    while (end > start && isJavaScriptWhitespace(version.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static int expectDot(String version, int position, int end, String nextPart) {
    if (position >= end || version.charAt(position) != '.') {
      String found = position >= end ? "the end" : "'" + version.charAt(position) + "'";
      throw new UnparseableVersionException(
          version, "expected '.' before the " + nextPart + " version at index " + position + ", found " + found);
    }
    return position + 1;
  }

  private static int numberEnd(String version, int start, int end, String part) {
    int i = start;
    while (i < end && DecimalDigits.isDigit(version.charAt(i))) {
      i++;
    }
    if (i == start) {
      throw new UnparseableVersionException(version, "expected digits for the " + part + " version at index " + start);
    }
    if (i - start > 1 && version.charAt(start) == '0') {
      throw new UnparseableVersionException(
          version, "leading zero in the " + part + " version '" + version.substring(start, i) + "'");
    }
    return i;
  }

  /** Reads dot-separated identifiers up to '+' (pre-release only) or the end; returns where they stop. */
  private static int identifiersEnd(String version, int start, int end, boolean prerelease) {
    String what = prerelease ? "pre-release" : "build metadata";
    int identifierStart = start;
    int i = start;
    while (true) {
      char c = i < end ? version.charAt(i) : '.';
      boolean last = i >= end || (prerelease && c == '+');
      if (c == '.' || last) {
        if (i == identifierStart) {
          throw new UnparseableVersionException(version, "empty " + what + " identifier at index " + i);
        }
        if (prerelease && hasLeadingZero(version, identifierStart, i)) {
          throw new UnparseableVersionException(
              version, "leading zero in numeric pre-release identifier '" + version.substring(identifierStart, i) + "'");
        }
        if (last) {
          return i;
        }
        identifierStart = i + 1;
      } else if (!DecimalDigits.isDigit(c) && !DecimalDigits.isAsciiLetter(c) && c != '-') {
        throw new UnparseableVersionException(
            version, "invalid character '" + c + "' in " + what + " at index " + i + " (allowed: [0-9A-Za-z-] and '.')");
      }
      i++;
    }
  }

  private static boolean hasLeadingZero(String text, int start, int end) {
    return end - start > 1 && text.charAt(start) == '0' && DecimalDigits.allDigits(text, start, end);
  }

  /** The characters JavaScript's {@code String.prototype.trim} removes (WhiteSpace and LineTerminator). */
  private static boolean isJavaScriptWhitespace(char c) {
    switch (c) {
      case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F',
          '\u3000', '\uFEFF':
        return true;
      default:
        return c >= '\u2000' && c <= '\u200A';
    }
  }
}
