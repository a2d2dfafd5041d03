package org.stellaops.engine.range;

import static java.util.Objects.requireNonNull;

/** Parses the textual range notations of advisories and package managers into {@link VersionRange}s. */
public final class RangeExpressions {

  /** A range notation. */
  public enum Dialect {
    /**
     * GitHub advisories and OSV {@code database_specific}: comparators {@code >=}, {@code >},
     * {@code <=}, {@code <}, {@code =} (or a bare version, meaning {@code =}) joined by commas
     * (AND), e.g. {@code >= 1.2.0, < 1.4.3}. Also accepts {@code ||} (OR) and spaces as AND, so it
     * reads the same grammar as {@link #TRIVY}. At most one lower and one upper bound per AND group.
     */
    GHSA("GHSA"),
    /** Trivy DB's vulnerable/patched versions: {@code >=2.0.0, <2.0.5 || >=2.1.0, <2.1.3}; grammar as {@link #GHSA}. */
    TRIVY("Trivy"),
    /**
     * node-semver ranges: {@code ||}, space-separated comparators, {@code ^}, {@code ~}, x-ranges
     * and hyphen ranges, expanded as node-semver does, with its pre-release rule.
     */
    NPM("npm"),
    /**
     * Maven version ranges: {@code [1.0,2.0)}, {@code (,1.0]}, {@code [1.2]} and comma-joined
     * unions. A bare version such as {@code 1.0} is Maven's soft requirement ("prefer 1.0"); for
     * matching we read it as exactly {@code 1.0}, the only version the requirement names.
     */
    MAVEN("Maven");

    private final String displayName;

    Dialect(String displayName) {
      this.displayName = displayName;
    }

    /** The dialect's name in messages. */
    public String displayName() {
      return displayName;
    }
  }

  private RangeExpressions() {}

  /**
   * Parses {@code text} in {@code dialect}. Throws {@link RangeSyntaxException} (an
   * {@link IllegalArgumentException}) naming the text, the index and the reason when it does not parse.
   */
  public static VersionRange parse(String text, Dialect dialect) {
    requireNonNull(text, "text is null");
    requireNonNull(dialect, "dialect is null");
    return switch (dialect) {
      case GHSA, TRIVY -> new ComparatorRangeParser(text, dialect).parse();
      case NPM -> new NpmRangeParser(text).parse();
      case MAVEN -> new MavenRangeParser(text).parse();
    };
  }
}
