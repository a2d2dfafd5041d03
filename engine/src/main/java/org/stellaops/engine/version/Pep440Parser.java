package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

/**
 * A hand-written reader of PEP 440 versions that accepts exactly what {@code packaging.version}'s
 * regular expression accepts: each optional part is matched greedily and never revisited.
 */
final class Pep440Parser {

  private static final String[] PRE_SPELLINGS = {"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"};
  private static final int[] PRE_RANKS = {
    Pep440Text.ALPHA, Pep440Text.ALPHA, Pep440Text.BETA, Pep440Text.BETA,
    Pep440Text.RELEASE_CANDIDATE, Pep440Text.RELEASE_CANDIDATE, Pep440Text.RELEASE_CANDIDATE,
    Pep440Text.RELEASE_CANDIDATE
  };
  private static final String[] POST_SPELLINGS = {"post", "rev", "r"};
  private static final String[] DEV_SPELLINGS = {"dev"};

  private final String text;
  private final int end;
  private int pos;
  private int numberStart;

  private Pep440Parser(String text, int start, int end) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  static Pep440Text parse(String version) {
    requireNonNull(version, "version is null");
    int start = 0;
    int end = version.length();
    while (start < end && isPythonWhitespace(version.charAt(start))) {
      start++;
    }
    while (end > start && isPythonWhitespace(version.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      throw new UnparseableVersionException(version, "empty version");
    }
    return new Pep440Parser(version, start, end).read();
  }

  private Pep440Text read() {
    if (text.charAt(pos) == 'v' || text.charAt(pos) == 'V') {
      pos++;
    }
    int epochStart = pos;
    int epochEnd = readEpoch();
    int releaseStart = pos;
    int releaseEnd = readRelease();
    int preRank = readPre();
    int preNumberStart = numberStart;
    int preNumberEnd = pos;
    boolean hasPost = readPost();
    int postNumberStart = numberStart;
    int postNumberEnd = pos;
    boolean hasDev = readLabelledNumber(DEV_SPELLINGS) >= 0;
    int devNumberStart = numberStart;
    int devNumberEnd = pos;
    int localStart = pos < end && text.charAt(pos) == '+' ? pos + 1 : -1;
    int localEnd = localStart < 0 ? -1 : readLocalLabel(localStart);
    if (pos < end) {
      throw new UnparseableVersionException(
          text, "unexpected '" + text.substring(pos, end) + "' at index " + pos
              + " (after the release only a/b/rc, post, dev and a +local label may follow)");
    }
    return new Pep440Text(
        text, epochStart, epochEnd, releaseStart, releaseEnd, preRank, preNumberStart, preNumberEnd,
        hasPost, postNumberStart, postNumberEnd, hasDev, devNumberStart, devNumberEnd, localStart, localEnd);
  }

  /** Consumes {@code N!} if present; returns the end of the epoch digits (the start when none). */
  private int readEpoch() {
    int digitsEnd = digitsEnd(pos);
    if (digitsEnd > pos && digitsEnd < end && text.charAt(digitsEnd) == '!') {
      pos = digitsEnd + 1;
      return digitsEnd;
    }
    return pos;
  }

  private int readRelease() {
    int releaseStart = pos;
    pos = digitsEnd(pos);
    if (pos == releaseStart) {
      String found = pos < end ? "'" + text.charAt(pos) + "'" : "the end";
      throw new UnparseableVersionException(text, "expected a release number at index " + pos + ", found " + found);
    }
    while (pos + 1 < end && text.charAt(pos) == '.' && DecimalDigits.isDigit(text.charAt(pos + 1))) {
      pos = digitsEnd(pos + 1);
    }
    return pos;
  }

  private int readPre() {
    int spelling = readLabelledNumber(PRE_SPELLINGS);
    return spelling < 0 ? Pep440Text.NO_PRE : PRE_RANKS[spelling];
  }

  /** Either the implicit {@code -N} form or a spelled post label. */
  private boolean readPost() {
    if (pos + 1 < end && text.charAt(pos) == '-' && DecimalDigits.isDigit(text.charAt(pos + 1))) {
      numberStart = pos + 1;
      pos = digitsEnd(numberStart);
      return true;
    }
    return readLabelledNumber(POST_SPELLINGS) >= 0;
  }

  /**
   * Reads {@code [sep] label [sep] [digits]} and returns the spelling's index, leaving the digits
   * at {@code numberStart..pos}; returns -1 and consumes nothing when no spelling matches.
   */
  private int readLabelledNumber(String[] spellings) {
    int p = skipSeparator(pos);
    int spelling = matchSpelling(p, spellings);
    if (spelling < 0) {
      numberStart = pos;
      return -1;
    }
    numberStart = skipSeparator(p + spellings[spelling].length());
    pos = digitsEnd(numberStart);
    return spelling;
  }

  private int readLocalLabel(int start) {
    int p = start;
    while (true) {
      int segmentStart = p;
      while (p < end && (DecimalDigits.isDigit(text.charAt(p)) || DecimalDigits.isAsciiLetter(text.charAt(p)))) {
        p++;
      }
      if (p == segmentStart) {
        String found = p < end ? "'" + text.charAt(p) + "'" : "the end";
        throw new UnparseableVersionException(text, "empty local version segment at index " + p + ", found "
            + found + " (allowed: [a-z0-9] separated by '.', '-' or '_')");
      }
      if (p < end && Pep440LocalLabels.isSeparator(text.charAt(p))) {
        p++;
      } else {
        pos = p;
        return p;
      }
    }
  }

  private int digitsEnd(int start) {
    int i = start;
    while (i < end && DecimalDigits.isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int skipSeparator(int position) {
    return position < end && Pep440LocalLabels.isSeparator(text.charAt(position)) ? position + 1 : position;
  }

  /** The index of the first spelling found (ASCII case-insensitively) at {@code position}, or -1. */
  private int matchSpelling(int position, String[] spellings) {
    for (int s = 0; s < spellings.length; s++) {
      if (startsWithIgnoringAsciiCase(position, spellings[s])) {
        return s;
      }
    }
    return -1;
  }

  /**
   * Python matches these spellings with ASCII-only case folding; {@link String#regionMatches} would
   * also fold letters such as U+0131 (dotless i) and U+017F (long s).
   */
  private boolean startsWithIgnoringAsciiCase(int position, String lowerCaseWord) {
    if (end - position < lowerCaseWord.length()) {
      return false;
    }
    for (int k = 0; k < lowerCaseWord.length(); k++) {
      // Setting bit 0x20 lower-cases an ASCII letter, and only 'X' and 'x' map onto a lower-case 'x'.
      if ((text.charAt(position + k) | 0x20) != lowerCaseWord.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The characters Python's {@code \s} matches in a str pattern ({@code str.isspace}). */
  private static boolean isPythonWhitespace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
    }
    switch (c) {
      case '\u0085', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000':
        return true;
      default:
        return c >= '\u2000' && c <= '\u200A';
    }
  }
}
