package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic RubyGems version strings aimed at Gem::Version's corners: trailing zeros in the
 * numeric head and in the pre-release tail, digit/letter boundaries, dashes, case, whitespace,
 * long numbers, spellings just outside the grammar, and real-world oddities such as {@code 1beta}
 * and {@code 1.0.0.beta-2}.
 */
final class RubyGemsSamples {

  private static final String[] SEGMENTS = {
    "0", "00", "1", "2", "10", "01", "a", "b", "pre", "rc", "rc1", "1a", "a1", "A", "Z", "beta2", "alpha",
    "18446744073709551616", "0a", "pr", "prf"
  };
  private static final String[] SEPARATORS = {".", ".", ".", "-", ""};
  /** Real-world oddities, each checked against Gem::Version: only 1beta, 1-beta2 shapes, 1.0-.1 and 1_0 are refused. */
  private static final String[] ODD_FORMS = {
    "1beta", "1beta2", "10rc1", "1.0.0.beta-2", " 1.0 ", "\t1.0\n", "1.0.0-rc1", "1.0.0.pre.rc1", "1.0.0rc1",
    "1.0.0beta", "1.0-beta-2", "1.0--1", "1.0-.1", "1.0-a-", "1_0", "1.0.0-rc1.0", "1.0.0.RC1", "2.0.0.beta.pre.2"
  };
  private static final String[] DECORATIONS = {" ", "\t", "\n", "\u000B", "\u00A0", "v", "=", "+", "_", "..", "\r\n"};

  private final Random random;

  RubyGemsSamples(long seed) {
    this.random = new Random(seed);
  }

  /** A version that is usually valid: a number, then segments joined by dots, dashes or nothing. */
  String version() {
    StringBuilder text = new StringBuilder(String.valueOf(random.nextInt(4) == 0 ? 10 : random.nextInt(3)));
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]).append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
    }
    return text.toString();
  }

  /** Pairs: equal-looking spellings, neighbours, unrelated versions, decorated and corrupted ones. */
  List<String[]> pairs(int count) {
    List<String[]> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String left = version();
      String right = switch (random.nextInt(5)) {
        case 0 -> left + (random.nextBoolean() ? ".0" : ".0.0");
        case 1 -> neighbour(left);
        case 2 -> version();
        case 3 -> left.replace("-", ".pre.");
        default -> decorate(neighbour(left));
      };
      if (random.nextInt(6) == 0) {
        left = decorate(left);
      }
      if (random.nextInt(10) == 0) {
        left = ODD_FORMS[random.nextInt(ODD_FORMS.length)];
        right = random.nextBoolean() ? ODD_FORMS[random.nextInt(ODD_FORMS.length)] : right;
      }
      pairs.add(random.nextBoolean() ? new String[] {left, right} : new String[] {right, left});
    }
    return pairs;
  }

  private String neighbour(String version) {
    String segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
    return switch (random.nextInt(4)) {
      case 0 -> version + "." + segment;
      case 1 -> version + "-" + segment;
      case 2 -> version.length() > 1 ? version.substring(0, version.length() - 1) : version + segment;
      default -> version.toUpperCase();
    };
  }

  private String decorate(String version) {
    String decoration = DECORATIONS[random.nextInt(DECORATIONS.length)];
    return switch (random.nextInt(4)) {
      case 0 -> decoration + version;
      case 1 -> version + decoration;
      case 2 -> decoration;
      default -> version.replaceFirst("\\.", decoration);
    };
  }
}
