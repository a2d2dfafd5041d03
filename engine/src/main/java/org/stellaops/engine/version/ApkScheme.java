package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

/**
 * Alpine, Wolfi and Chainguard package versions as apk-tools 3 orders them
 * ({@code apk_version_compare}): dotted numbers, an optional letter ({@code 1.2a}), suffixes with
 * optional numbers ({@code _alpha < _beta < _pre < _rc <} none {@code < _cvs < _svn < _git < _hg
 * < _p}), a commit hash ({@code ~1a2b3c}) and a release {@code -rN}, as in
 * {@code 2.4.0_git20230101-r1}.
 *
 * <p>Both versions are walked token by token while the token kinds agree. Numbers compare
 * numerically, except a number after a dot with a leading zero, which compares as text
 * ({@code 1.01 < 1.1}, {@code 1.012 < 1.02}); letters, suffixes and hashes by their order. When
 * the kinds differ, a pre-release suffix is lower, and otherwise the side whose token kind comes
 * later in number, letter, suffix, suffix number, hash, release, end, invalid is lower; so
 * {@code 1.2 < 1.2-r0 < 1.2a < 1.2.1}.
 *
 * <p>apk-tools orders text it calls invalid the same way: the walk stops at the first token that
 * may not follow the previous one, and that point sorts below everything, so {@code 1.2a1 < 1.2a}
 * and {@code 1.2a1 == 1.2a2}. This scheme does the same and refuses only text that does not start
 * with a number, which apk-tools cannot order at all (every such text is equal to every other).
 */
public final class ApkScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public ApkScheme() {}

  @Override
  public String name() {
    return "Alpine (apk)";
  }

  @Override
  public int compare(String left, String right) {
    validate(left);
    validate(right);
    ApkTokenizer l = new ApkTokenizer(left);
    ApkTokenizer r = new ApkTokenizer(right);
    while (l.kind() == r.kind() && l.kind().compareTo(ApkTokenizer.Kind.END) < 0) {
      int order = compareTokens(l, r);
      if (order != 0) {
        return order;
      }
      l.next();
      r.next();
    }
    return afterDivergence(l, r);
  }

  /** Tokens of one kind: numbers by value (text when a dotted one has a leading zero), others by order. */
  private static int compareTokens(ApkTokenizer l, ApkTokenizer r) {
    return switch (l.kind()) {
      case DIGIT -> l.value().startsWith("0") || r.value().startsWith("0")
          ? Integer.signum(l.value().compareTo(r.value()))
          : l.number().compareTo(r.number());
      case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO -> l.number().compareTo(r.number());
      case SUFFIX -> Integer.compare(l.suffix(), r.suffix());
      default -> Integer.signum(l.value().compareTo(r.value()));
    };
  }

  private static int afterDivergence(ApkTokenizer l, ApkTokenizer r) {
    if (l.kind() == r.kind()) {
      return 0;
    }
    if (isPreRelease(l)) {
      return -1;
    }
    if (isPreRelease(r)) {
      return 1;
    }
    return l.kind().compareTo(r.kind()) > 0 ? -1 : 1;
  }

  private static boolean isPreRelease(ApkTokenizer token) {
    return token.kind() == ApkTokenizer.Kind.SUFFIX && token.suffix() < ApkTokenizer.NO_SUFFIX;
  }

  @Override
  public void validate(String version) {
    requireNonNull(version, "version is null");
    if (version.isEmpty()) {
      throw new UnparseableVersionException(version, "empty version");
    }
    if (!DecimalDigits.isDigit(version.charAt(0))) {
      throw new UnparseableVersionException(version, "expected a number at index 0, found '" + version.charAt(0)
          + "' (apk versions start with a number, like 1.2.3-r0)");
    }
  }

  /** True when apk-tools itself calls the version valid ({@code apk_version_validate}). */
  static boolean isStrictlyValid(String version) {
    requireNonNull(version, "version is null");
    ApkTokenizer walk = new ApkTokenizer(version);
    while (walk.kind().compareTo(ApkTokenizer.Kind.END) < 0) {
      walk.next();
    }
    return walk.kind() == ApkTokenizer.Kind.END;
  }

  @Override
  public String toString() {
    return name();
  }
}
