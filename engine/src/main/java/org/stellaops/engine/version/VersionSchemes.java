package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** Finds the {@link VersionScheme} for an OSV ecosystem name or range type. */
public final class VersionSchemes {

  // Keys are OSV's exact spellings (https://ossf.github.io/osv-schema/#defined-ecosystems).
  private static final Map<String, VersionScheme> BY_ECOSYSTEM = Map.of(
      "npm", SemVerScheme.npm(),
      "PyPI", new Pep440Scheme(),
      "Maven", new MavenScheme(),
      "Go", new GoScheme(),
      "crates.io", SemVerScheme.cratesIo());

  private VersionSchemes() {}

  /**
   * The scheme of an OSV ecosystem such as {@code PyPI} or {@code Maven:central}; a suffix after
   * the first ':' is ignored. Empty for ecosystems without a scheme yet.
   */
  public static Optional<VersionScheme> forEcosystem(String osvEcosystem) {
    requireNonNull(osvEcosystem, "osvEcosystem is null");
    int colon = osvEcosystem.indexOf(':');
    String base = colon < 0 ? osvEcosystem : osvEcosystem.substring(0, colon);
    return Optional.ofNullable(BY_ECOSYSTEM.get(base));
  }

  /**
   * The scheme for OSV ranges of type {@code SEMVER}: SemVer 2.0.0 precedence read as node-semver
   * does, so a leading {@code v} is tolerated.
   */
  public static Optional<VersionScheme> semver() {
    return Optional.of(SemVerScheme.npm());
  }
}
