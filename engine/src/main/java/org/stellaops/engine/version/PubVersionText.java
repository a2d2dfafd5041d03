package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed pub_semver version. As in pub_semver's {@code Version.parse}, neither surrounding
 * whitespace nor a {@code v} prefix is accepted, and the three numbers must fit in 64 bits (Dart's
 * {@code int.parse}). Identifiers of the pre-release and build parts are numbers when Dart's
 * {@code int.tryParse} reads them as 64-bit integers (so {@code 01} is 1), otherwise text.
 */
record PubVersionText(long major, long minor, long patch, List<Object> preRelease, List<Object> build)
    implements Comparable<PubVersionText> {

  // pub_semver's completeVersion pattern, with Dart's ASCII-only \d.
  private static final Pattern VERSION = Pattern.compile(
      "(\\d+)\\.(\\d+)\\.(\\d+)(-([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?(\\+([0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?");
  private static final Pattern DART_INT = Pattern.compile("[+-]?(?:\\d+|0[xX][0-9a-fA-F]+)");

  PubVersionText {
    preRelease = List.copyOf(preRelease);
    build = List.copyOf(build);
  }

  static PubVersionText parse(String version) {
    requireNonNull(version, "version is null");
    Matcher matcher = VERSION.matcher(version);
    if (!matcher.matches()) {
      throw new UnparseableVersionException(version, version.isEmpty() ? "empty version"
          : hasVPrefix(version) ? "a leading '" + version.charAt(0) + "' is not part of a pub version;"
              + " pub_semver's Version.parse refuses it (the version is " + version.substring(1) + ")"
          : "not MAJOR.MINOR.PATCH with optional -pre-release and +build of [0-9A-Za-z-] identifiers");
    }
    return new PubVersionText(
        number(version, matcher.group(1)), number(version, matcher.group(2)), number(version, matcher.group(3)),
        identifiers(matcher.group(5)), identifiers(matcher.group(8)));
  }

  /** {@code v1.2.3}: a Git tag spelling, valid once the {@code v} is dropped. */
  private static boolean hasVPrefix(String version) {
    return (version.charAt(0) == 'v' || version.charAt(0) == 'V') && VERSION.matcher(version.substring(1)).matches();
  }

  private static long number(String version, String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new UnparseableVersionException(version, "number '" + digits + "' does not fit in 64 bits");
    }
  }

  private static List<Object> identifiers(String text) {
    List<Object> parts = new ArrayList<>();
    if (text != null) {
      for (String part : text.split("\\.", -1)) {
        parts.add(dartInt(part));
      }
    }
    return parts;
  }

  /** Dart's {@code int.tryParse}: decimal or {@code 0x} hexadecimal, signed, within 64 bits; else the text. */
  private static Object dartInt(String part) {
    if (!DART_INT.matcher(part).matches()) {
      return part;
    }
    boolean negative = part.startsWith("-");
    String unsigned = part.startsWith("-") || part.startsWith("+") ? part.substring(1) : part;
    boolean hex = unsigned.length() > 1 && (unsigned.charAt(1) == 'x' || unsigned.charAt(1) == 'X');
    try {
      long value = hex ? Long.parseUnsignedLong(unsigned.substring(2), 16) : Long.parseLong(unsigned);
      if (hex && value < 0 && !(negative && value == Long.MIN_VALUE)) {
        return part;
      }
      return negative ? -value : value;
    } catch (NumberFormatException e) {
      return part;
    }
  }

  @Override
  public int compareTo(PubVersionText other) {
    int order = Long.compare(major, other.major);
    order = order != 0 ? order : Long.compare(minor, other.minor);
    order = order != 0 ? order : Long.compare(patch, other.patch);
    if (order != 0) {
      return order;
    }
    if (preRelease.isEmpty() != other.preRelease.isEmpty()) {
      // A pre-release sorts before its release.
      return preRelease.isEmpty() ? 1 : -1;
    }
    order = compareLists(preRelease, other.preRelease);
    if (order != 0) {
      return order;
    }
    if (build.isEmpty() != other.build.isEmpty()) {
      // A build sorts after the version without one.
      return build.isEmpty() ? -1 : 1;
    }
    return compareLists(build, other.build);
  }

  /** Part by part: a missing part first, numbers before text, numbers by value, text by code unit. */
  private static int compareLists(List<Object> left, List<Object> right) {
    for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
      if (i >= left.size() || i >= right.size()) {
        return i >= left.size() ? -1 : 1;
      }
      Object l = left.get(i);
      Object r = right.get(i);
      int order;
      if (l instanceof Long ln && r instanceof Long rn) {
        order = Long.compare(ln, rn);
      } else if (l instanceof Long || r instanceof Long) {
        order = l instanceof Long ? -1 : 1;
      } else {
        order = ((String) l).compareTo((String) r);
      }
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }
}
