package org.stellaops.engine.version;

import java.util.List;

/**
 * Alpine, Wolfi and Chainguard package versions as apk orders them: dotted numbers, an optional
 * letter ({@code 1.2a}), suffixes with optional numbers ({@code _alpha < _beta < _pre < _rc <}
 * none {@code < _cvs < _svn < _git < _hg < _p}) and a release {@code -rN}, as in
 * {@code 2.4.0_git20230101-r1}.
 *
 * <p>The comparison walks both versions as token streams, as apk-tools does. Numbers after a dot
 * that start with {@code 0} compare by their leading zeros first (more zeros is lower, so
 * {@code 1.01 < 1.1}) and then by the rest. When one stream stops matching the other, a
 * pre-release suffix is lower, and otherwise the side whose next token kind comes earlier in
 * number, letter, suffix, suffix number, release, end is higher; so {@code 1.2 < 1.2-r0 < 1.2a
 * < 1.2.1}. Commit-hash suffixes ({@code ~hash}) are not supported and are rejected.
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
    List<ApkTokenizer.Token> l = ApkTokenizer.tokens(left);
    List<ApkTokenizer.Token> r = ApkTokenizer.tokens(right);
    int i = 0;
    while (i < l.size() && i < r.size() && l.get(i).kind() == r.get(i).kind()) {
      int order = l.get(i).value().compareTo(r.get(i).value());
      if (order != 0) {
        return order;
      }
      i++;
    }
    return afterDivergence(l, r, i);
  }

  /**
   * The streams agree before index {@code i} and differ in kind at {@code i} (or both end): a
   * pre-release suffix is lowest, otherwise the kind earlier in {@link ApkTokenizer.Kind} wins.
   */
  private static int afterDivergence(List<ApkTokenizer.Token> l, List<ApkTokenizer.Token> r, int i) {
    int lRank = rank(l, i);
    int rRank = rank(r, i);
    return Integer.compare(lRank, rRank);
  }

  private static int rank(List<ApkTokenizer.Token> tokens, int index) {
    ApkTokenizer.Kind kind = kindAt(tokens, index);
    if (kind == ApkTokenizer.Kind.SUFFIX && tokens.get(index).value().signum() < 0) {
      return Integer.MIN_VALUE;
    }
    return -kind.ordinal();
  }

  private static ApkTokenizer.Kind kindAt(List<ApkTokenizer.Token> tokens, int index) {
    return index < tokens.size() ? tokens.get(index).kind() : ApkTokenizer.Kind.END;
  }

  @Override
  public void validate(String version) {
    ApkTokenizer.tokens(version);
  }

  @Override
  public String toString() {
    return name();
  }
}
