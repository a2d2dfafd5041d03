package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * RPM package versions (Red Hat, AlmaLinux, Rocky Linux, SUSE, openSUSE, Oracle Linux, Amazon
 * Linux), ordered as RPM 4.18's {@code rpm.vercmp} orders {@code [epoch:]version[-release]}: the
 * epoch as a number (default 0), then version and release each with {@code rpmvercmp}. A missing
 * release is empty and sorts below any release, so {@code 1.0 < 1.0-1}.
 *
 * <p>{@code rpmvercmp} splits a string into runs of ASCII digits and runs of ASCII letters; any
 * other character only separates runs. Runs compare pairwise: digit runs numerically, letter runs
 * by byte, and a digit run is newer than a letter run. {@code ~} sorts before anything, even the
 * end; {@code ^} sorts after the end but before any further run.
 *
 * <p>The epoch is read as rpm reads it: leading digits followed by {@code :} ({@code :1.0} has
 * epoch 0); text such as {@code abc:1.0}, whose prefix is not a number, has no epoch, and its
 * {@code :} separates segments of the version, so it still compares as rpm compares it.
 *
 * <p>RPM itself compares any string. {@link #validate} is stricter and accepts what rpmbuild
 * allows in an EVR, plus {@code :} as above: a non-empty version and release of ASCII letters,
 * digits and {@code . _ + ~ ^ :}.
 */
public final class RpmScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public RpmScheme() {}

  @Override
  public String name() {
    return "RPM (rpmvercmp)";
  }

  @Override
  public int compare(String left, String right) {
    RpmVersion l = RpmVersion.parse(left);
    RpmVersion r = RpmVersion.parse(right);
    int order = DecimalDigits.compare(l.epoch(), 0, l.epoch().length(), r.epoch(), 0, r.epoch().length());
    if (order == 0) {
      order = rpmvercmp(l.version(), r.version());
    }
    if (order == 0) {
      order = compareReleases(l.release(), r.release());
    }
    return Integer.signum(order);
  }

  @Override
  public void validate(String version) {
    RpmVersion.parse(version);
  }

  @Override
  public String toString() {
    return name();
  }

  /** As rpm.vercmp: a release, however low, is newer than none. */
  private static int compareReleases(Optional<String> left, Optional<String> right) {
    if (left.isPresent() && right.isPresent()) {
      return rpmvercmp(left.get(), right.get());
    }
    return Boolean.compare(left.isPresent(), right.isPresent());
  }

  /** RPM's segment comparison of one version or release string. */
  static int rpmvercmp(String left, String right) {
    int l = 0;
    int r = 0;
    while (l < left.length() || r < right.length()) {
      l = skipSeparators(left, l);
      r = skipSeparators(right, r);
      char lc = l < left.length() ? left.charAt(l) : 0;
      char rc = r < right.length() ? right.charAt(r) : 0;
      if (lc == '~' || rc == '~') {
        if (lc != rc) {
          return lc == '~' ? -1 : 1;
        }
        l++;
        r++;
        continue;
      }
      if (lc == '^' || rc == '^') {
        if (lc == rc) {
          l++;
          r++;
          continue;
        }
        return caretOrder(lc, rc);
      }
      if (lc == 0 || rc == 0) {
        return lc == rc ? 0 : (lc == 0 ? -1 : 1);
      }
      int order = compareSegments(left, l, right, r);
      if (order != 0) {
        return order;
      }
      l = segmentEnd(left, l);
      r = segmentEnd(right, r);
    }
    return 0;
  }

  /** One side has {@code ^}: it is newer than the end of the other and older than a further segment. */
  private static int caretOrder(char lc, char rc) {
    if (lc == 0) {
      return -1;
    }
    if (rc == 0) {
      return 1;
    }
    return lc == '^' ? -1 : 1;
  }

  private static int compareSegments(String left, int l, String right, int r) {
    int lEnd = segmentEnd(left, l);
    int rEnd = segmentEnd(right, r);
    boolean lNumeric = DecimalDigits.isDigit(left.charAt(l));
    boolean rNumeric = DecimalDigits.isDigit(right.charAt(r));
    if (lNumeric != rNumeric) {
      return lNumeric ? 1 : -1;
    }
    if (lNumeric) {
      return DecimalDigits.compare(left, l, lEnd, right, r, rEnd);
    }
    return Integer.signum(left.substring(l, lEnd).compareTo(right.substring(r, rEnd)));
  }

  private static int segmentEnd(String text, int start) {
    boolean numeric = DecimalDigits.isDigit(text.charAt(start));
    int i = start;
    while (i < text.length()
        && (numeric ? DecimalDigits.isDigit(text.charAt(i)) : DecimalDigits.isAsciiLetter(text.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static int skipSeparators(String text, int start) {
    int i = start;
    while (i < text.length() && isSeparator(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSeparator(char c) {
    return !DecimalDigits.isDigit(c) && !DecimalDigits.isAsciiLetter(c) && c != '~' && c != '^';
  }

  /** A parsed EVR; {@code epoch} is decimal digits ("0" when absent). */
  record RpmVersion(String epoch, String version, Optional<String> release) {

    static RpmVersion parse(String text) {
      requireNonNull(text, "version is null");
      if (text.isEmpty()) {
        throw new UnparseableVersionException(text, "empty version");
      }
      // As rpm's parseEVR: an epoch is the leading digits (none means 0) when a ':' follows them;
      // otherwise there is no epoch and a ':' is just a separator inside the version.
      int digitsEnd = 0;
      while (digitsEnd < text.length() && DecimalDigits.isDigit(text.charAt(digitsEnd))) {
        digitsEnd++;
      }
      boolean hasEpoch = digitsEnd < text.length() && text.charAt(digitsEnd) == ':';
      String epoch = hasEpoch && digitsEnd > 0 ? text.substring(0, digitsEnd) : "0";
      String rest = hasEpoch ? text.substring(digitsEnd + 1) : text;
      int hyphen = rest.lastIndexOf('-');
      String version = hyphen < 0 ? rest : rest.substring(0, hyphen);
      Optional<String> release = hyphen < 0 ? Optional.empty() : Optional.of(rest.substring(hyphen + 1));
      if (version.isEmpty()) {
        throw new UnparseableVersionException(text, "empty version after the epoch");
      }
      if (release.filter(String::isEmpty).isPresent()) {
        throw new UnparseableVersionException(text, "empty release after '-'");
      }
      checkCharacters(text, version, "version");
      checkCharacters(text, release.orElse(""), "release");
      return new RpmVersion(epoch, version, release);
    }

    private static void checkCharacters(String text, String part, String role) {
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (!DecimalDigits.isDigit(c) && !DecimalDigits.isAsciiLetter(c) && "._+~^:".indexOf(c) < 0) {
          throw new UnparseableVersionException(text,
              String.format("character U+%04X is not allowed in the %s '%s'", (int) c, role, part));
        }
      }
    }
  }
}
