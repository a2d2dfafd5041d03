package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Splits an apk version into the tokens {@link ApkScheme} compares, rejecting malformed text. */
final class ApkTokenizer {

  /** Token kinds in apk's order: when streams diverge, an earlier kind is the higher version. */
  enum Kind { DOTTED_NUMBER, NUMBER, LETTER, SUFFIX, SUFFIX_NUMBER, RELEASE, END }

  /** One token; a suffix's value is negative for pre-releases and positive for post-releases. */
  record Token(Kind kind, BigInteger value) {}

  private static final List<String> PRE_SUFFIXES = List.of("alpha", "beta", "pre", "rc");
  private static final List<String> POST_SUFFIXES = List.of("cvs", "svn", "git", "hg", "p");

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int index;

  private ApkTokenizer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String version) {
    requireNonNull(version, "version is null");
    if (version.isEmpty()) {
      throw new UnparseableVersionException(version, "empty version");
    }
    ApkTokenizer tokenizer = new ApkTokenizer(version);
    tokenizer.readNumbers();
    tokenizer.readLetter();
    tokenizer.readSuffixes();
    tokenizer.readRelease();
    if (tokenizer.index < version.length()) {
      throw tokenizer.unexpected("'_' (suffix), '-r' (release) or the end");
    }
    return List.copyOf(tokenizer.tokens);
  }

  private void readNumbers() {
    tokens.add(new Token(Kind.NUMBER, digits("a number")));
    while (peek() == '.') {
      index++;
      int zeros = 0;
      while (peek() == '0') {
        zeros++;
        index++;
      }
      if (zeros == 0) {
        tokens.add(new Token(Kind.DOTTED_NUMBER, digits("a number after '.'")));
      } else {
        tokens.add(new Token(Kind.DOTTED_NUMBER, BigInteger.valueOf(-zeros)));
        if (DecimalDigits.isDigit(peek())) {
          tokens.add(new Token(Kind.NUMBER, digits("a number")));
        }
      }
    }
  }

  private void readLetter() {
    char c = peek();
    if (c >= 'a' && c <= 'z') {
      tokens.add(new Token(Kind.LETTER, BigInteger.valueOf(c)));
      index++;
    }
  }

  private void readSuffixes() {
    while (peek() == '_') {
      index++;
      int start = index;
      while (DecimalDigits.isAsciiLetter(peek())) {
        index++;
      }
      String name = text.substring(start, index);
      int pre = PRE_SUFFIXES.indexOf(name);
      int post = POST_SUFFIXES.indexOf(name);
      if (pre < 0 && post < 0) {
        throw new UnparseableVersionException(text, "unknown suffix '_" + name + "' at index " + (start - 1)
            + ", expected one of _alpha, _beta, _pre, _rc, _cvs, _svn, _git, _hg, _p");
      }
      long value = pre >= 0 ? pre - PRE_SUFFIXES.size() : post + 1;
      tokens.add(new Token(Kind.SUFFIX, BigInteger.valueOf(value)));
      if (DecimalDigits.isDigit(peek())) {
        tokens.add(new Token(Kind.SUFFIX_NUMBER, digits("a number")));
      }
    }
  }

  private void readRelease() {
    if (peek() != '-') {
      return;
    }
    index++;
    if (peek() != 'r') {
      throw unexpected("'r' after '-' (release such as -r0)");
    }
    index++;
    tokens.add(new Token(Kind.RELEASE, digits("the release number after '-r'")));
  }

  private BigInteger digits(String expected) {
    int start = index;
    while (DecimalDigits.isDigit(peek())) {
      index++;
    }
    if (start == index) {
      throw unexpected(expected);
    }
    return new BigInteger(text.substring(start, index));
  }

  private char peek() {
    return index < text.length() ? text.charAt(index) : 0;
  }

  private UnparseableVersionException unexpected(String expected) {
    String found = index < text.length() ? "'" + text.charAt(index) + "'" : "the end";
    return new UnparseableVersionException(text, "expected " + expected + " at index " + index + ", found " + found);
  }
}
