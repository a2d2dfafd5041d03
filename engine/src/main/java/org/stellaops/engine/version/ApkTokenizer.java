package org.stellaops.engine.version;

import java.math.BigInteger;
import java.util.List;

/**
 * Walks an apk version token by token as apk-tools 3 does ({@code digit{.digit}...{letter}
 * {_suf{#}}...{~hash}{-r#}}). Each step checks that the previous token allows the next one; when
 * it does not, the walk yields {@link Kind#INVALID} and stops, which is how apk-tools still
 * orders versions it calls invalid (such as a letter followed by digits, {@code 1.2a1}).
 */
final class ApkTokenizer {

  /** Token kinds in apk-tools' order; when two walks diverge, the later kind is the lower version. */
  enum Kind { INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, END, INVALID }

  /** Suffix names in apk-tools' order; the empty name marks "no suffix", between pre and post releases. */
  static final List<String> SUFFIXES = List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p");
  static final int NO_SUFFIX = SUFFIXES.indexOf("");

  private final String text;
  private int index;
  private Kind kind;
  private String value = "";
  private int suffix = -1;

  /** Starts a walk with the initial number (possibly empty, which makes the first token invalid). */
  ApkTokenizer(String text) {
    this.text = text;
    this.kind = Kind.INITIAL_DIGIT;
    readDigits();
  }

  Kind kind() {
    return kind;
  }

  /** The token's text: digits, the letter, the suffix name, or the hash. */
  String value() {
    return value;
  }

  int suffix() {
    return suffix;
  }

  BigInteger number() {
    return new BigInteger(value);
  }

  /** Index in the text where the current token ends, for messages. */
  int index() {
    return index;
  }

  /** Moves to the next token. */
  void next() {
    if (index >= text.length()) {
      kind = Kind.END;
      return;
    }
    char c = text.charAt(index);
    if (c >= 'a' && c <= 'z') {
      letter(c);
    } else if (c == '.' || DecimalDigits.isDigit(c)) {
      number(c);
    } else if (c == '_') {
      readSuffix();
    } else if (c == '~') {
      commitHash();
    } else if (c == '-') {
      revision();
    } else {
      kind = Kind.INVALID;
    }
  }

  private void letter(char c) {
    if (kind.compareTo(Kind.DIGIT) > 0) {
      kind = Kind.INVALID;
      return;
    }
    value = String.valueOf(c);
    kind = Kind.LETTER;
    index++;
  }

  private void number(char c) {
    if (c == '.' && kind.compareTo(Kind.DIGIT) > 0) {
      kind = Kind.INVALID;
      return;
    }
    if (c == '.') {
      index++;
    }
    switch (kind) {
      case INITIAL_DIGIT, DIGIT -> kind = Kind.DIGIT;
      case SUFFIX -> kind = Kind.SUFFIX_NO;
      default -> {
        kind = Kind.INVALID;
        return;
      }
    }
    readDigits();
  }

  private void readSuffix() {
    if (kind.compareTo(Kind.SUFFIX_NO) > 0) {
      kind = Kind.INVALID;
      return;
    }
    index++;
    int start = index;
    while (index < text.length() && text.charAt(index) >= 'a' && text.charAt(index) <= 'z') {
      index++;
    }
    value = text.substring(start, index);
    suffix = value.isEmpty() ? -1 : SUFFIXES.indexOf(value);
    kind = suffix < 0 ? Kind.INVALID : Kind.SUFFIX;
  }

  private void commitHash() {
    if (kind.compareTo(Kind.COMMIT_HASH) >= 0) {
      kind = Kind.INVALID;
      return;
    }
    index++;
    int start = index;
    while (index < text.length() && isLowerHex(text.charAt(index))) {
      index++;
    }
    value = text.substring(start, index);
    kind = value.isEmpty() ? Kind.INVALID : Kind.COMMIT_HASH;
  }

  private void revision() {
    if (kind.compareTo(Kind.REVISION_NO) >= 0 || !text.startsWith("-r", index)) {
      kind = Kind.INVALID;
      return;
    }
    index += 2;
    kind = Kind.REVISION_NO;
    readDigits();
  }

  private void readDigits() {
    int start = index;
    while (index < text.length() && DecimalDigits.isDigit(text.charAt(index))) {
      index++;
    }
    value = text.substring(start, index);
    if (value.isEmpty()) {
      kind = Kind.INVALID;
    }
  }

  private static boolean isLowerHex(char c) {
    return DecimalDigits.isDigit(c) || (c >= 'a' && c <= 'f');
  }
}
