package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

/**
 * Debian and Ubuntu package versions, ordered as {@code dpkg --compare-versions} orders them
 * (Debian Policy §5.6.12): {@code [epoch:]upstream[-revision]}. The epoch is compared as a number
 * (default 0); upstream and revision with the policy's lexical rule, where {@code ~} sorts before
 * everything including the end, letters before other characters, and digit runs numerically. The
 * revision starts after the last hyphen; a missing revision equals {@code 0}.
 *
 * <p>{@link #validate} rejects exactly what dpkg reports as an error. Spellings dpkg only warns
 * about ({@code abc}, {@code 1.0_1}) are accepted and compared as dpkg compares them. Leading and
 * trailing blanks (space, tab) are ignored, as dpkg ignores them.
 */
public final class DpkgScheme implements VersionScheme {

  private static final long MAX_EPOCH = Integer.MAX_VALUE;

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public DpkgScheme() {}

  @Override
  public String name() {
    return "Debian (dpkg)";
  }

  @Override
  public int compare(String left, String right) {
    DpkgVersion l = DpkgVersion.parse(left);
    DpkgVersion r = DpkgVersion.parse(right);
    int order = Long.compare(l.epoch(), r.epoch());
    if (order == 0) {
      order = compareFragment(l.upstream(), r.upstream());
    }
    if (order == 0) {
      order = compareFragment(l.revision(), r.revision());
    }
    return Integer.signum(order);
  }

  @Override
  public void validate(String version) {
    DpkgVersion.parse(version);
  }

  @Override
  public String toString() {
    return name();
  }

  /** The policy's comparison: alternate non-digit runs (by {@link #weight}) and digit runs (numerically). */
  static int compareFragment(String left, String right) {
    int l = 0;
    int r = 0;
    while (l < left.length() || r < right.length()) {
      while ((l < left.length() && !DecimalDigits.isDigit(left.charAt(l)))
          || (r < right.length() && !DecimalDigits.isDigit(right.charAt(r)))) {
        long lw = weight(left, l);
        long rw = weight(right, r);
        if (lw != rw) {
          return Long.compare(lw, rw);
        }
        l += Character.charCount(left.codePointAt(l));
        r += Character.charCount(right.codePointAt(r));
      }
      int lEnd = digitRunEnd(left, l);
      int rEnd = digitRunEnd(right, r);
      int order = DecimalDigits.compare(left, l, lEnd, right, r, rEnd);
      if (order != 0) {
        return order;
      }
      l = lEnd;
      r = rEnd;
    }
    return 0;
  }

  /**
   * The sort weight of the character at {@code index}: {@code ~} lowest, then the end of the
   * string and digits, then letters, then other characters. dpkg compares bytes, so non-ASCII
   * characters weigh by code point (which is UTF-8 byte order) between letters and ASCII symbols.
   */
  private static long weight(String text, int index) {
    if (index >= text.length()) {
      return 0;
    }
    int c = text.codePointAt(index);
    if (c == '~') {
      return -1;
    }
    if (c < 0x80 && DecimalDigits.isDigit((char) c)) {
      return 0;
    }
    if (c < 0x80 && DecimalDigits.isAsciiLetter((char) c)) {
      return c;
    }
    return c < 0x80 ? c + 0x200000L : c;
  }

  private static int digitRunEnd(String text, int start) {
    int i = start;
    while (i < text.length() && DecimalDigits.isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A parsed version; {@code revision} is empty when absent. */
  record DpkgVersion(long epoch, String upstream, String revision) {

    static DpkgVersion parse(String version) {
      requireNonNull(version, "version is null");
      String text = stripBlanks(version);
      if (text.isEmpty()) {
        throw new UnparseableVersionException(version, "version string is empty");
      }
      if (text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0) {
        throw new UnparseableVersionException(version, "version string has embedded spaces");
      }
      int colon = text.indexOf(':');
      long epoch = colon < 0 ? 0 : parseEpoch(version, text.substring(0, colon));
      String rest = text.substring(colon + 1);
      if (colon >= 0 && rest.isEmpty()) {
        throw new UnparseableVersionException(version, "nothing after colon in version number");
      }
      int hyphen = rest.lastIndexOf('-');
      String upstream = hyphen < 0 ? rest : rest.substring(0, hyphen);
      String revision = hyphen < 0 ? "" : rest.substring(hyphen + 1);
      if (upstream.isEmpty()) {
        throw new UnparseableVersionException(version, "version number is empty");
      }
      if (hyphen >= 0 && revision.isEmpty()) {
        throw new UnparseableVersionException(version, "revision number is empty");
      }
      return new DpkgVersion(epoch, upstream, revision);
    }

    /** Reads the epoch as C's strtol does in dpkg: optional leading white space and sign, then digits. */
    private static long parseEpoch(String version, String epochText) {
      int i = 0;
      while (i < epochText.length() && isCSpace(epochText.charAt(i))) {
        i++;
      }
      boolean negative = false;
      if (i < epochText.length() && (epochText.charAt(i) == '+' || epochText.charAt(i) == '-')) {
        negative = epochText.charAt(i) == '-';
        i++;
      }
      int digits = i;
      while (i < epochText.length() && DecimalDigits.isDigit(epochText.charAt(i))) {
        i++;
      }
      if (digits == i) {
        throw new UnparseableVersionException(version, "epoch in version is empty");
      }
      if (i < epochText.length()) {
        throw new UnparseableVersionException(version, "epoch in version is not number");
      }
      boolean zero = DecimalDigits.isZero(epochText, digits, i);
      if (negative && !zero) {
        throw new UnparseableVersionException(version, "epoch in version is negative");
      }
      if (DecimalDigits.compare(epochText, digits, i, String.valueOf(MAX_EPOCH), 0, 10) > 0) {
        throw new UnparseableVersionException(version, "epoch in version is too big");
      }
      return zero ? 0 : Long.parseLong(epochText.substring(digits, i));
    }

    private static boolean isCSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static String stripBlanks(String text) {
      int start = 0;
      int end = text.length();
      while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
        start++;
      }
      while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
        end--;
      }
      return text.substring(start, end);
    }
  }
}
