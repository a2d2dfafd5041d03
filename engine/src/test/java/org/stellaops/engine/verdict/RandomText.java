package org.stellaops.engine.verdict;

import java.util.Random;

/**
 * Short random strings for canonical-JSON tests: ASCII, every kind of character JSON escapes,
 * U+2028, and a surrogate pair (kept whole).
 */
final class RandomText {
  private static final String ALPHABET = "aZ09 _-./:@<>&\"\\\b\f\n\r\t\u0000\u0001\u001f\u007f\u00e9\u2028\u20ac\ud83d\ude00é";

  private RandomText() {}

  /** Up to seven characters of the alphabet. */
  static String of(Random random) {
    StringBuilder text = new StringBuilder();
    int n = random.nextInt(8);
    for (int i = 0; i < n; i++) {
      int at = random.nextInt(ALPHABET.length());
      char c = ALPHABET.charAt(at);
      if (Character.isHighSurrogate(c)) {
        text.append(c).append(ALPHABET.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        text.append(c);
      }
    }
    return text.toString();
  }
}
