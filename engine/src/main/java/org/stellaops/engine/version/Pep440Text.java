package org.stellaops.engine.version;

/**
 * A parsed PEP 440 version as offsets into its text. Number ranges may be empty (an implicit 0);
 * {@code preRank} is {@link #NO_PRE}, {@link #ALPHA}, {@link #BETA} or {@link #RELEASE_CANDIDATE};
 * {@code localStart < 0} means no local version label.
 */
record Pep440Text(
    String text,
    int epochStart,
    int epochEnd,
    int releaseStart,
    int releaseEnd,
    int preRank,
    int preNumberStart,
    int preNumberEnd,
    boolean hasPost,
    int postNumberStart,
    int postNumberEnd,
    boolean hasDev,
    int devNumberStart,
    int devNumberEnd,
    int localStart,
    int localEnd) {

  static final int NO_PRE = -2;
  static final int ALPHA = 0;
  static final int BETA = 1;
  static final int RELEASE_CANDIDATE = 2;
  private static final int DEV_ONLY_RANK = -1;
  private static final int FINAL_RANK = 3;

  /** The order of {@code packaging.version.Version}: epoch, release, pre/post/dev suffix, local label. */
  static int compare(Pep440Text left, Pep440Text right) {
    String l = left.text;
    String r = right.text;
    int order = DecimalDigits.compare(l, left.epochStart, left.epochEnd, r, right.epochStart, right.epochEnd);
    if (order != 0) {
      return order;
    }
    order = compareReleases(left, right);
    if (order != 0) {
      return order;
    }
    order = Integer.compare(left.suffixRank(), right.suffixRank());
    if (order != 0) {
      return order;
    }
    order = DecimalDigits.compare(l, left.preNumberStart, left.preNumberEnd, r, right.preNumberStart, right.preNumberEnd);
    if (order != 0) {
      return order;
    }
    order = Boolean.compare(left.hasPost, right.hasPost);
    if (order != 0) {
      return order;
    }
    order = DecimalDigits.compare(l, left.postNumberStart, left.postNumberEnd, r, right.postNumberStart, right.postNumberEnd);
    if (order != 0) {
      return order;
    }
    // A development release sorts before the same version without one.
    order = Boolean.compare(!left.hasDev, !right.hasDev);
    if (order != 0) {
      return order;
    }
    order = DecimalDigits.compare(l, left.devNumberStart, left.devNumberEnd, r, right.devNumberStart, right.devNumberEnd);
    if (order != 0) {
      return order;
    }
    return Pep440LocalLabels.compare(l, left.localStart, left.localEnd, r, right.localStart, right.localEnd);
  }

  /** Dev-only releases (1.0.dev1) sort before every pre-release of 1.0; finals after rc. */
  private int suffixRank() {
    if (preRank != NO_PRE) {
      return preRank;
    }
    return !hasPost && hasDev ? DEV_ONLY_RANK : FINAL_RANK;
  }

  /** Release segments pairwise, the shorter padded with zeros, so 1.0 == 1.0.0. */
  private static int compareReleases(Pep440Text left, Pep440Text right) {
    int i = left.releaseStart;
    int j = right.releaseStart;
    while (i < left.releaseEnd || j < right.releaseEnd) {
      int iEnd = segmentEnd(left.text, i, left.releaseEnd);
      int jEnd = segmentEnd(right.text, j, right.releaseEnd);
      int order = DecimalDigits.compare(left.text, i, iEnd, right.text, j, jEnd);
      if (order != 0) {
        return order;
      }
      // Past the end the range stays empty, which reads as a padding zero.
      i = iEnd + 1;
      j = jEnd + 1;
    }
    return 0;
  }

  private static int segmentEnd(String text, int start, int end) {
    int i = start;
    while (i < end && text.charAt(i) != '.') {
      i++;
    }
    return i;
  }
}
