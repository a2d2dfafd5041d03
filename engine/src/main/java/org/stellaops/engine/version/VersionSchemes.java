package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** Finds the {@link VersionScheme} for an OSV ecosystem name or range type. */
public final class VersionSchemes {

  // Keys are OSV's exact spellings (https://ossf.github.io/osv-schema/#defined-ecosystems).
  private static final VersionScheme DPKG = new DpkgScheme();
  private static final VersionScheme RPM = new RpmScheme();
  private static final VersionScheme APK = new ApkScheme();
  private static final Map<String, VersionScheme> BY_ECOSYSTEM = Map.ofEntries(
      Map.entry("npm", SemVerScheme.npm()),
      Map.entry("PyPI", new PypiScheme()),
      Map.entry("Maven", new MavenScheme()),
      Map.entry("Go", new GoScheme()),
      Map.entry("crates.io", SemVerScheme.cratesIo()),
      Map.entry("RubyGems", new RubyGemsScheme()),
      Map.entry("NuGet", new NuGetScheme()),
      Map.entry("Packagist", new ComposerScheme()),
      Map.entry("Hex", new HexScheme()),
      Map.entry("Pub", new PubScheme()),
      Map.entry("SwiftURL", new SwiftUrlScheme()),
      Map.entry("Bitnami", new BitnamiScheme()),
      Map.entry("Hackage", new HackageScheme()),
      Map.entry("CRAN", new CranScheme()),
      Map.entry("Debian", DPKG),
      Map.entry("Ubuntu", DPKG),
      Map.entry("Red Hat", RPM),
      Map.entry("AlmaLinux", RPM),
      Map.entry("Rocky Linux", RPM),
      Map.entry("SUSE", RPM),
      Map.entry("openSUSE", RPM),
      Map.entry("Oracle Linux", RPM),
      Map.entry("Amazon Linux", RPM),
      Map.entry("Alpine", APK),
      Map.entry("Wolfi", APK),
      Map.entry("Chainguard", APK));

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

  /** The OSV ecosystem names (without release suffixes) that have a scheme, sorted. */
  public static java.util.SortedSet<String> ecosystems() {
    return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(BY_ECOSYSTEM.keySet()));
  }

  /**
   * The scheme for OSV ranges of type {@code SEMVER}: SemVer 2.0.0 precedence read as node-semver
   * does, so a leading {@code v} is tolerated.
   */
  public static Optional<VersionScheme> semver() {
    return Optional.of(SemVerScheme.npm());
  }
}
