package org.stellaops.exports.trivy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an advisory of an ecosystem (OSV spelling) goes in a Trivy DB, and the package name
 * Trivy looks it up by (../shared/specs/trivy-db.md §2.2, §2.3): language ecosystems in
 * {@code <prefix>::<data source name>} buckets, which Trivy finds by prefix, with names normalised
 * as Trivy normalises them before a lookup; distributions in {@code <os> <release>} buckets, found
 * by exact name. An ecosystem Trivy does not read gives the reason instead.
 */
public final class TrivyNames {
  /** OSV ecosystem to Trivy's language bucket prefix. */
  private static final Map<String, String> LANGUAGE_PREFIX = Map.ofEntries(
      Map.entry("npm", "npm"), Map.entry("PyPI", "pip"), Map.entry("RubyGems", "rubygems"), Map.entry("Maven", "maven"),
      Map.entry("Go", "go"), Map.entry("crates.io", "cargo"), Map.entry("Packagist", "composer"), Map.entry("NuGet", "nuget"),
      Map.entry("Pub", "pub"), Map.entry("Hex", "erlang"), Map.entry("SwiftURL", "swift"));
  private static final Pattern DEBIAN = Pattern.compile("Debian:(\\d+)(?:\\.\\d+)*");
  private static final Pattern UBUNTU = Pattern.compile("Ubuntu:(\\d\\d\\.\\d\\d)(?::LTS)?");
  private static final Pattern ALPINE = Pattern.compile("Alpine:v(\\d+\\.\\d+)");
  private static final Pattern ALMA = Pattern.compile("AlmaLinux:(\\d+)(?:\\.\\d+)*");
  private static final Pattern ROCKY = Pattern.compile("Rocky Linux:(\\d+)(?:\\.\\d+)*");

  private static final java.util.List<String> OS_FAMILIES = java.util.List.of("Debian", "Ubuntu", "Alpine", "AlmaLinux", "Rocky Linux");

  private TrivyNames() {}

  /** Whether advisories of {@code ecosystem} go to a language bucket (version lists) rather than an OS bucket (fixed version). */
  public static boolean isLanguage(String ecosystem) {
    return LANGUAGE_PREFIX.containsKey(ecosystem);
  }

  /** A bucket name, or why the ecosystem has none. */
  public record Bucket(Optional<String> name, String reason) {
    static Bucket of(String name) {
      return new Bucket(Optional.of(name), "");
    }

    static Bucket none(String reason) {
      return new Bucket(Optional.empty(), reason);
    }
  }

  /** The bucket of advisories of {@code ecosystem} from data source {@code sourceName}. */
  public static Bucket bucket(String ecosystem, String sourceName) {
    String prefix = LANGUAGE_PREFIX.get(ecosystem);
    if (prefix != null) {
      return Bucket.of(prefix + "::" + sourceName);
    }
    Matcher m;
    if ((m = DEBIAN.matcher(ecosystem)).matches()) {
      return Bucket.of("debian " + m.group(1)); // Trivy asks for the major release
    }
    if ((m = UBUNTU.matcher(ecosystem)).matches()) {
      return Bucket.of("ubuntu " + m.group(1));
    }
    if ((m = ALPINE.matcher(ecosystem)).matches()) {
      return Bucket.of("alpine " + m.group(1));
    }
    if ((m = ALMA.matcher(ecosystem)).matches()) {
      return Bucket.of("alma " + m.group(1));
    }
    if ((m = ROCKY.matcher(ecosystem)).matches()) {
      return Bucket.of("rocky " + m.group(1));
    }
    if (ecosystem.equals("Wolfi") || ecosystem.equals("Chainguard")) {
      return Bucket.of(ecosystem.toLowerCase(Locale.ROOT)); // rolling distributions: no release
    }
    if (OS_FAMILIES.stream().anyMatch(ecosystem::startsWith)) {
      return Bucket.none("release not given as Trivy asks for it: " + ecosystem);
    }
    return Bucket.none("Trivy reads no bucket for ecosystem " + ecosystem);
  }

  /**
   * {@code name} as Trivy looks it up in a bucket of {@code ecosystem}: lower case except for Go
   * module paths; PyPI also maps '_' to '-' (and keeps dots); Swift drops {@code https://} and a
   * trailing {@code .git}; distribution packages stay as the source package is named.
   */
  public static String packageName(String ecosystem, String name) {
    return switch (ecosystem) {
      case "Go" -> name;
      case "PyPI" -> name.toLowerCase(Locale.ROOT).replace('_', '-');
      case "SwiftURL" -> {
        String n = name.startsWith("https://") ? name.substring("https://".length()) : name;
        yield n.endsWith(".git") ? n.substring(0, n.length() - 4) : n;
      }
      default -> LANGUAGE_PREFIX.containsKey(ecosystem) ? name.toLowerCase(Locale.ROOT) : name;
    };
  }
}
