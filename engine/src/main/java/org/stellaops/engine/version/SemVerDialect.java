package org.stellaops.engine.version;

/** The spellings of a semantic version that each ecosystem's own tooling accepts. */
enum SemVerDialect {
  /** semver.org 2.0.0 exactly, as the Rust {@code semver} crate reads it: no prefix, no padding. */
  STRICT(false, false, false),
  /**
   * node-semver's non-loose parse: surrounding whitespace trimmed, one optional leading {@code v};
   * at most 256 characters, major, minor and patch at most {@code Number.MAX_SAFE_INTEGER}, and
   * numeric pre-release identifiers compared as JavaScript numbers (doubles).
   */
  NODE(true, true, false),
  /** golang.org/x/mod/semver, with the {@code v} optional: {@code v1} and {@code v1.2} are short for {@code v1.0.0}, {@code v1.2.0}. */
  GO(true, false, true),
  /** SwiftPM tags: semver.org 2.0.0 with one optional leading {@code v}, as {@code Version(tag:)} strips it. */
  SWIFT_TAG(true, false, false);

  private final boolean leadingV;
  private final boolean trimsWhitespace;
  private final boolean shortForms;

  SemVerDialect(boolean leadingV, boolean trimsWhitespace, boolean shortForms) {
    this.leadingV = leadingV;
    this.trimsWhitespace = trimsWhitespace;
    this.shortForms = shortForms;
  }

  /** node-semver reads numbers as JavaScript numbers, so it bounds them and compares large ones inexactly. */
  boolean usesJavaScriptNumbers() {
    return this == NODE;
  }

  boolean allowsLeadingV() {
    return leadingV;
  }

  boolean trimsWhitespace() {
    return trimsWhitespace;
  }

  boolean allowsShortForms() {
    return shortForms;
  }
}
