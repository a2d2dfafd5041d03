package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic semantic version strings aimed at precedence corners (numeric against
 * alphanumeric identifiers, identifier counts, build metadata) and at the edges of the grammar.
 */
final class SemVerSamples {

  private static final String[] IDENTIFIERS = {
    "0", "1", "2", "10", "11", "alpha", "beta", "rc", "a", "A", "Z", "-", "0a", "a-b", "x1", "20191109021931-daa7c04131f5"
  };
  private static final String[] BUILDS = {"build", "001", "a.b", "incompatible", "x-y.0"};
  private static final String[] PREFIXES = {"v", "=", "V", "vv", " ", "\t", "\u00A0", "\uFEFF", "\u200B"};
  private static final String NOISE = ".-+_0a9vV= ";
  /** Numbers around JavaScript's Number.MAX_SAFE_INTEGER (2^53 - 1) and beyond 64 bits. */
  private static final String[] LARGE_NUMBERS = {
    "9007199254740990", "9007199254740991", "9007199254740992", "9007199254740993", "18446744073709551616",
    "18446744073709551617", "99999999999999999999"
  };

  private final Random random;

  SemVerSamples(long seed) {
    this.random = new Random(seed);
  }

  /** One version with a core, maybe pre-release identifiers and build metadata; always strictly valid. */
  String version() {
    return spell(model());
  }

  /** Pairs: the same precedence, near neighbours, unrelated versions, decorated and corrupted ones. */
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
      if (random.nextInt(5) == 0) {
        left = decorate(left);
      }
      if (random.nextInt(12) == 0) {
        left = withLargeNumber(left);
        right = random.nextBoolean() ? withLargeNumber(right) : right;
      }
      pairs.add(random.nextBoolean() ? new String[] {left, right} : new String[] {right, left});
    }
    return pairs;
  }

  /** Fields: major, minor, patch, identifier count, four identifier indexes, build index (-1 none). */
  private int[] model() {
    int[] m = new int[9];
    for (int i = 0; i < 3; i++) {
      m[i] = random.nextInt(10) < 8 ? random.nextInt(3) : 10 + random.nextInt(2);
    }
    m[3] = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3);
    for (int i = 4; i < 8; i++) {
      m[i] = random.nextInt(IDENTIFIERS.length);
    }
    m[8] = random.nextInt(4) == 0 ? random.nextInt(BUILDS.length) : -1;
    return m;
  }

  private int[] neighbour(int[] model) {
    int[] m = model.clone();
    int field = random.nextInt(m.length);
    m[field] = switch (field) {
      case 3 -> random.nextInt(5);
      case 4, 5, 6, 7 -> random.nextInt(IDENTIFIERS.length);
      case 8 -> random.nextInt(BUILDS.length + 1) - 1;
      default -> Math.max(0, m[field] + random.nextInt(3) - 1);
    };
    return m;
  }

  private String spell(int[] m) {
    StringBuilder out = new StringBuilder().append(m[0]).append('.').append(m[1]).append('.').append(m[2]);
    for (int i = 0; i < m[3]; i++) {
      out.append(i == 0 ? '-' : '.').append(IDENTIFIERS[m[4 + i % 4]]);
    }
    if (m[8] >= 0) {
      out.append('+').append(BUILDS[m[8]]);
    }
    return out.toString();
  }

  /**
   * The version with a number near or beyond 2^53 as its major version or as a pre-release
   * identifier, or padded past node-semver's 256 characters. Only for pairs: such versions are
   * refused or compared as doubles, which is not a total order, so {@link #version()} avoids them.
   */
  private String withLargeNumber(String version) {
    String number = LARGE_NUMBERS[random.nextInt(LARGE_NUMBERS.length)];
    return switch (random.nextInt(4)) {
      case 0 -> number + version.substring(Math.max(0, version.indexOf('.')));
      case 1 -> version.contains("-") ? version.replaceFirst("-", "-" + number + ".") : version + "-" + number;
      case 2 -> version.replaceFirst("-[^.+]*", "-" + number);
      default -> version + (version.contains("+") ? "." : "+") + "x".repeat(Math.max(1, 254 + random.nextInt(5) - version.length()));
    };
  }

  private String decorate(String version) {
    String prefix = PREFIXES[random.nextInt(PREFIXES.length)];
    return random.nextInt(3) == 0 ? prefix + version + " " : prefix + version;
  }

  private String corrupt(String version) {
    StringBuilder out = new StringBuilder(version);
    int at = random.nextInt(version.length() + 1);
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
}
