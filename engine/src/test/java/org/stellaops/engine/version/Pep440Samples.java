package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic PEP 440 version strings aimed at the corners of the grammar: a random version
 * model spelled in random but equivalent ways, near neighbours, and corrupted spellings.
 */
final class Pep440Samples {

  private static final String[] SEPARATORS = {"", "", ".", "-", "_"};
  private static final String[][] PRE_SPELLINGS = {{"a", "alpha"}, {"b", "beta"}, {"rc", "c", "pre", "preview"}};
  private static final String[] POST_SPELLINGS = {"post", "rev", "r"};
  private static final String[] LOCAL_SEGMENTS = {"0", "1", "2", "10", "01", "a", "b", "abc", "ubuntu", "Z", "1a", "deb9"};
  private static final String[] WHITESPACE = {" ", "\t", "\n", "\u00A0", "\u2003", "\u3000", "\u001C", "\u200B", "\uFEFF"};
  private static final String NOISE = ".-_+!aAbBcCdDeprvVxz0129 ";

  private final Random random;

  Pep440Samples(long seed) {
    this.random = new Random(seed);
  }

  /**
   * One version spelled with random case, separators, implicit numbers and padding; a few use
   * whitespace that Python does not trim, so callers wanting valid ones filter with validate.
   */
  String version() {
    return spell(model());
  }

  /** Pairs: the same version spelled twice, near neighbours, unrelated versions, corrupted ones. */
  List<String[]> pairs(int count) {
    List<String[]> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int[] model = model();
      String left = spell(model);
      String right = switch (random.nextInt(4)) {
        case 0 -> spell(model);
        case 1 -> spell(neighbour(model));
        case 2 -> spell(model());
        default -> corrupt(spell(neighbour(model)));
      };
      if (random.nextInt(10) == 0) {
        left = corrupt(left);
      }
      pairs.add(random.nextBoolean() ? new String[] {left, right} : new String[] {right, left});
    }
    return pairs;
  }

  /** Fields: epoch, releaseLength, r0, r1, r2, r3, pre kind (-1 none), pre n, post (-1 none), dev (-1 none), local id (-1 none). */
  private int[] model() {
    int[] m = new int[11];
    m[0] = random.nextInt(8) == 0 ? random.nextInt(3) : 0;
    m[1] = 1 + random.nextInt(4);
    for (int i = 2; i < 6; i++) {
      m[i] = smallNumber();
    }
    m[6] = random.nextInt(3) == 0 ? random.nextInt(3) : -1;
    m[7] = smallNumber();
    m[8] = random.nextInt(4) == 0 ? smallNumber() : -1;
    m[9] = random.nextInt(4) == 0 ? smallNumber() : -1;
    m[10] = random.nextInt(5) == 0 ? random.nextInt(1000) : -1;
    return m;
  }

  private int[] neighbour(int[] model) {
    int[] m = model.clone();
    int field = random.nextInt(m.length);
    m[field] = switch (field) {
      case 1 -> 1 + random.nextInt(4);
      case 6 -> random.nextInt(4) - 1;
      case 8, 9, 10 -> m[field] < 0 ? random.nextInt(3) : (random.nextBoolean() ? -1 : m[field] + 1);
      default -> Math.max(0, m[field] + random.nextInt(3) - 1);
    };
    return m;
  }

  private int smallNumber() {
    int roll = random.nextInt(20);
    return roll < 17 ? random.nextInt(4) : roll < 19 ? 10 + random.nextInt(3) : 1_000_000_007;
  }

  private String spell(int[] m) {
    StringBuilder out = new StringBuilder();
    if (random.nextInt(15) == 0) {
      out.append(pick(WHITESPACE));
    }
    if (random.nextInt(8) == 0) {
      out.append(random.nextBoolean() ? 'v' : 'V');
    }
    if (m[0] > 0 || random.nextInt(20) == 0) {
      out.append(number(m[0])).append('!');
    }
    for (int i = 0; i < m[1]; i++) {
      out.append(i == 0 ? "" : ".").append(number(m[2 + i]));
    }
    if (random.nextInt(6) == 0) {
      out.append(".0");
    }
    if (m[6] >= 0) {
      out.append(pick(SEPARATORS)).append(randomCase(pick(PRE_SPELLINGS[m[6]]))).append(pick(SEPARATORS));
      out.append(m[7] == 0 && random.nextBoolean() ? "" : number(m[7]));
    }
    if (m[8] >= 0) {
      out.append(random.nextInt(4) == 0 && m[8] > 0 ? "-" + number(m[8]) : postSpelling(m[8]));
    }
    if (m[9] >= 0) {
      out.append(pick(SEPARATORS)).append(randomCase("dev")).append(pick(SEPARATORS));
      out.append(m[9] == 0 && random.nextBoolean() ? "" : number(m[9]));
    }
    if (m[10] >= 0) {
      out.append('+').append(localLabel(m[10]));
    }
    if (random.nextInt(15) == 0) {
      out.append(pick(WHITESPACE));
    }
    return out.toString();
  }

  private String postSpelling(int n) {
    String word = pick(SEPARATORS) + randomCase(pick(POST_SPELLINGS)) + pick(SEPARATORS);
    return word + (n == 0 && random.nextBoolean() ? "" : number(n));
  }

  /** The label's segments are fixed by its id; only the separators and case vary. */
  private String localLabel(int id) {
    Random fixed = new Random(id);
    StringBuilder label = new StringBuilder(LOCAL_SEGMENTS[fixed.nextInt(LOCAL_SEGMENTS.length)]);
    int more = fixed.nextInt(3);
    for (int i = 0; i < more; i++) {
      label.append(".-_".charAt(random.nextInt(3))).append(LOCAL_SEGMENTS[fixed.nextInt(LOCAL_SEGMENTS.length)]);
    }
    return randomCase(label.toString());
  }

  private String number(int n) {
    return (random.nextInt(10) == 0 ? "0" : "") + n;
  }

  private String corrupt(String version) {
    StringBuilder out = new StringBuilder(version);
    int at = version.isEmpty() ? 0 : random.nextInt(version.length() + 1);
    switch (random.nextInt(3)) {
      case 0 -> out.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
      case 1 -> {
        if (at < out.length()) {
          out.deleteCharAt(at);
        }
      }
      default -> out.append(NOISE.charAt(random.nextInt(NOISE.length())));
    }
    return out.toString();
  }

  private String randomCase(String text) {
    return switch (random.nextInt(4)) {
      case 0 -> text.toUpperCase(Locale.ROOT);
      case 1 -> Character.toUpperCase(text.charAt(0)) + text.substring(1);
      default -> text;
    };
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
