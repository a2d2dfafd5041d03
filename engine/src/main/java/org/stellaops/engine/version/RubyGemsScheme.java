package org.stellaops.engine.version;

import java.util.ArrayList;
import java.util.List;

/**
 * RubyGems versions, ordered exactly as Ruby's {@code Gem::Version#<=>}: the text (ASCII
 * whitespace trimmed, each {@code -} read as {@code .pre.}) is cut into runs of digits and runs of
 * letters; trailing zeros are dropped from the numeric head and from the rest, so {@code 1.0 == 1};
 * missing segments count as zero; a letter segment is a pre-release and sorts below any number;
 * letter segments compare by character code. A blank version is {@code 0}, as in RubyGems.
 */
public final class RubyGemsScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public RubyGemsScheme() {}

  @Override
  public String name() {
    return "RubyGems (Gem::Version)";
  }

  @Override
  public int compare(String left, String right) {
    List<Segment> l = canonicalSegments(left);
    List<Segment> r = canonicalSegments(right);
    int limit = Math.max(l.size(), r.size());
    for (int i = 0; i < limit; i++) {
      Segment ls = i < l.size() ? l.get(i) : Segment.ZERO;
      Segment rs = i < r.size() ? r.get(i) : Segment.ZERO;
      int order = ls.compareTo(rs);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  @Override
  public void validate(String version) {
    RubyGemsGrammar.check(version);
  }

  /** The segments of the numeric head and of the rest, each without its trailing zeros. */
  static List<Segment> canonicalSegments(String version) {
    String text = RubyGemsGrammar.check(version);
    List<Segment> segments = new ArrayList<>();
    int firstString = -1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end = i + 1;
      if (DecimalDigits.isDigit(c) || DecimalDigits.isAsciiLetter(c)) {
        boolean digit = DecimalDigits.isDigit(c);
        while (end < text.length() && (digit ? DecimalDigits.isDigit(text.charAt(end))
            : DecimalDigits.isAsciiLetter(text.charAt(end)))) {
          end++;
        }
        if (!digit && firstString < 0) {
          dropTrailingZeros(segments, 0);
          firstString = segments.size();
        }
        segments.add(new Segment(text.substring(i, end), digit));
      } else if (c == '-') {
        // Gem::Version rewrites '-' as ".pre.", so a dash starts a "pre" string segment.
        if (firstString < 0) {
          dropTrailingZeros(segments, 0);
          firstString = segments.size();
        }
        segments.add(Segment.PRE);
      }
      i = end;
    }
    dropTrailingZeros(segments, firstString < 0 ? 0 : firstString);
    return segments;
  }

  private static void dropTrailingZeros(List<Segment> segments, int from) {
    while (segments.size() > from && segments.get(segments.size() - 1).isZero()) {
      segments.remove(segments.size() - 1);
    }
  }

  /** A run of digits (compared as a number) or of letters (compared by character code). */
  record Segment(String text, boolean numeric) implements Comparable<Segment> {
    static final Segment ZERO = new Segment("0", true);
    static final Segment PRE = new Segment("pre", false);

    boolean isZero() {
      return numeric && DecimalDigits.isZero(text, 0, text.length());
    }

    @Override
    public int compareTo(Segment other) {
      if (numeric != other.numeric) {
        return numeric ? 1 : -1;
      }
      if (numeric) {
        return DecimalDigits.compare(text, 0, text.length(), other.text, 0, other.text.length());
      }
      return SemVerText.compareAscii(text, 0, text.length(), other.text, 0, other.text.length());
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
