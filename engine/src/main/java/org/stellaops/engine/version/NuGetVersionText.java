package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A parsed NuGet version: four numeric parts and the pre-release labels, without build metadata. */
record NuGetVersionText(long[] parts, List<String> labels) implements Comparable<NuGetVersionText> {

  private static final int MAX_PARTS = 4;

  NuGetVersionText {
    parts = parts.clone();
    labels = List.copyOf(labels);
  }

  static NuGetVersionText parse(String version) {
    requireNonNull(version, "version is null");
    String text = trimDotNetWhitespace(version);
    if (text.isEmpty()) {
      throw new UnparseableVersionException(version, "empty version");
    }
    int plus = text.indexOf('+');
    int coreEnd = plus < 0 ? text.length() : plus;
    int dash = text.substring(0, coreEnd).indexOf('-');
    int numbersEnd = dash < 0 ? coreEnd : dash;
    long[] parts = numbers(version, text.substring(0, numbersEnd));
    List<String> labels = List.of();
    if (dash >= 0) {
      labels = identifiers(version, text.substring(dash + 1, coreEnd), "pre-release label");
      rejectLeadingZeros(version, labels);
    }
    if (plus >= 0) {
      identifiers(version, text.substring(plus + 1), "build metadata identifier");
    }
    return new NuGetVersionText(parts, labels);
  }

  private static long[] numbers(String version, String text) {
    String[] pieces = text.split("\\.", -1);
    if (pieces.length > MAX_PARTS) {
      throw new UnparseableVersionException(version, "more than four numeric parts in '" + text + "'");
    }
    long[] parts = new long[MAX_PARTS];
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      if (!DecimalDigits.allDigits(piece, 0, piece.length())) {
        throw new UnparseableVersionException(
            version, "numeric part " + (i + 1) + " '" + piece + "' is not a non-negative integer");
      }
      if (DecimalDigits.compare(piece, 0, piece.length(), "2147483647", 0, 10) > 0) {
        throw new UnparseableVersionException(
            version, "numeric part " + (i + 1) + " '" + piece + "' is larger than 2147483647");
      }
      parts[i] = Long.parseLong(piece.substring(Math.max(0, piece.length() - 10)));
    }
    return parts;
  }

  /** Dot-separated, non-empty identifiers of [0-9A-Za-z-]. */
  private static List<String> identifiers(String version, String text, String what) {
    String[] pieces = text.split("\\.", -1);
    for (String piece : pieces) {
      if (piece.isEmpty()) {
        throw new UnparseableVersionException(version, "empty " + what);
      }
      for (int i = 0; i < piece.length(); i++) {
        char c = piece.charAt(i);
        if (!DecimalDigits.isDigit(c) && !DecimalDigits.isAsciiLetter(c) && c != '-') {
          throw new UnparseableVersionException(
              version, "invalid character '" + c + "' in " + what + " '" + piece + "' (allowed: [0-9A-Za-z-])");
        }
      }
    }
    return Arrays.asList(pieces);
  }

  private static void rejectLeadingZeros(String version, List<String> labels) {
    for (String label : labels) {
      if (label.length() > 1 && label.charAt(0) == '0' && DecimalDigits.allDigits(label, 0, label.length())) {
        throw new UnparseableVersionException(version, "leading zero in numeric pre-release label '" + label + "'");
      }
    }
  }

  /** Major, minor, patch, revision; then a release above its pre-releases; then labels in order. */
  @Override
  public int compareTo(NuGetVersionText other) {
    for (int i = 0; i < MAX_PARTS; i++) {
      int order = Long.compare(parts[i], other.parts[i]);
      if (order != 0) {
        return order;
      }
    }
    if (labels.isEmpty() || other.labels.isEmpty()) {
      return Boolean.compare(labels.isEmpty(), other.labels.isEmpty());
    }
    for (int i = 0; i < Math.min(labels.size(), other.labels.size()); i++) {
      int order = compareLabels(labels.get(i), other.labels.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(labels.size(), other.labels.size());
  }

  /**
   * NuGet reads a label as a number when .NET's {@code Int32.TryParse} does (so {@code -1}, made
   * of a dash and a digit, is the number minus one), and otherwise compares ignoring case.
   */
  private static int compareLabels(String left, String right) {
    Long l = int32(left);
    Long r = int32(right);
    if (l != null && r != null) {
      return Long.compare(l, r);
    }
    if (l != null || r != null) {
      return l != null ? -1 : 1;
    }
    return left.toUpperCase(Locale.ROOT).compareTo(right.toUpperCase(Locale.ROOT));
  }

  private static Long int32(String label) {
    int digitsStart = label.startsWith("-") ? 1 : 0;
    if (!DecimalDigits.allDigits(label, digitsStart, label.length()) || label.length() - digitsStart > 11) {
      return null;
    }
    long value = Long.parseLong(label);
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value : null;
  }

  private static String trimDotNetWhitespace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isDotNetWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isDotNetWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** .NET's {@code Char.IsWhiteSpace}: Unicode space separators, line and paragraph separators, and C0/NEL spaces. */
  private static boolean isDotNetWhitespace(char c) {
    int type = Character.getType(c);
    return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u0085' || c == '\u00A0'
        || type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NuGetVersionText that && Arrays.equals(parts, that.parts) && labels.equals(that.labels);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(parts) + labels.hashCode();
  }

  @Override
  public String toString() {
    return Arrays.toString(parts) + labels;
  }
}
