package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The order {@code packaging} gave, up to release 21.3, to strings that are not PEP 440 versions
 * ({@code LegacyVersion}, the setuptools order from before PEP 440). OSV's PyPI comparison still
 * uses it, and PyPI holds such releases ({@code 2.0.0-final}, {@code 0.9-eevee}, dates).
 *
 * <p>The lower-cased text is split into digit runs, ASCII letter runs, {@code .}, {@code -} and
 * runs of anything else. {@code pre}, {@code preview} and {@code rc} read as {@code c},
 * {@code dev} as {@code @}, {@code -} as {@code final-}; dots are dropped; numbers are padded to
 * eight digits and every other part is marked with {@code *}; {@code *final} ends the list. A
 * {@code final-} just before a pre-release word and zeros before any word are removed, so
 * {@code 2.0-final == 2.0.0-final}. The lists compare part by part as strings, and every legacy
 * version sorts below every PEP 440 version ({@code 2013-01-21T20:33:09+0100 < 0.0}).
 */
final class PypiLegacyVersion {

  private static final Map<String, String> REPLACEMENTS =
      Map.of("pre", "c", "preview", "c", "-", "final-", "rc", "c", "dev", "@");
  private static final String FINAL = "*final";
  private static final String FINAL_DASH = "*final-";
  private static final String ZERO = "00000000";

  private PypiLegacyVersion() {}

  /** The comparison key of any string, as {@code LegacyVersion} computes it. */
  static List<String> key(String version) {
    List<String> parts = new ArrayList<>();
    for (String part : parts(version.toLowerCase(Locale.ROOT))) {
      if (part.startsWith("*")) {
        if (part.compareTo(FINAL) < 0) {
          while (!parts.isEmpty() && parts.get(parts.size() - 1).equals(FINAL_DASH)) {
            parts.remove(parts.size() - 1);
          }
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1).equals(ZERO)) {
          parts.remove(parts.size() - 1);
        }
      }
      parts.add(part);
    }
    return parts;
  }

  /** Compares two keys part by part (by code point), a shorter prefix first. */
  static int compare(List<String> left, List<String> right) {
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      int order = compareCodePoints(left.get(i), right.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  private static List<String> parts(String text) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = tokenEnd(text, i);
      String token = text.substring(i, end);
      String part = REPLACEMENTS.getOrDefault(token, token);
      if (!part.equals(".")) {
        boolean number = part.charAt(0) >= '0' && part.charAt(0) <= '9';
        parts.add(number ? "0".repeat(Math.max(0, 8 - part.length())) + part : "*" + part);
      }
      i = end;
    }
    parts.add(FINAL);
    return parts;
  }

  /** The end of the token at {@code start}: a digit run, a letter run, '.', '-' or a run of other characters. */
  private static int tokenEnd(String text, int start) {
    int c = text.codePointAt(start);
    if (Character.isDigit(c)) {
      return runEnd(text, start, Character::isDigit);
    }
    if (c >= 'a' && c <= 'z') {
      return runEnd(text, start, cp -> cp >= 'a' && cp <= 'z');
    }
    if (c == '.' || c == '-') {
      return start + 1;
    }
    return runEnd(text, start, cp -> !Character.isDigit(cp) && !(cp >= 'a' && cp <= 'z') && cp != '.' && cp != '-');
  }

  private static int runEnd(String text, int start, java.util.function.IntPredicate member) {
    int i = start;
    while (i < text.length() && member.test(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    return i;
  }

  private static int compareCodePoints(String left, String right) {
    int i = 0;
    int j = 0;
    while (i < left.length() && j < right.length()) {
      int l = left.codePointAt(i);
      int r = right.codePointAt(j);
      if (l != r) {
        return Integer.compare(l, r);
      }
      i += Character.charCount(l);
      j += Character.charCount(r);
    }
    return Integer.compare(left.length() - i, right.length() - j);
  }
}
