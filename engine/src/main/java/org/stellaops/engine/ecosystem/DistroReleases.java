package org.stellaops.engine.ecosystem;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Distribution releases in one spelling for both sides of a match: the purl's {@code distro}
 * qualifier ({@code debian-10.2}, {@code alpine-3.17.2}, {@code 3.20.3}, {@code ubuntu-22.04},
 * {@code ol-8.5}) and the suffix of an OSV ecosystem ({@code Debian:10},
 * {@code Alpine:v3.17}, {@code Ubuntu:Pro:22.04:LTS}, {@code AlmaLinux:8}). A package of one
 * release is never matched against an advisory for another, and a package whose release is
 * unknown is not matched at all (see {@code AdvisoryMatcher}).
 */
public final class DistroReleases {
  private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

  private DistroReleases() {}

  /** The release a purl's {@code distro} qualifier names, normalised for {@code ecosystem}; empty when unknown. */
  public static Optional<String> fromQualifier(String ecosystem, String distro) {
    if (distro == null || distro.isBlank()) {
      return Optional.empty();
    }
    Matcher m = NUMBERS.matcher(distro);
    if (!m.find()) {
      return Optional.empty();
    }
    return normalise(ecosystem, m.group(1), m.group(2));
  }

  /** The release of an OSV ecosystem such as {@code Debian:12}; empty when it names none. */
  public static Optional<String> fromOsvEcosystem(String osvEcosystem) {
    int colon = osvEcosystem.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    Matcher m = NUMBERS.matcher(osvEcosystem.substring(colon + 1));
    if (!m.find()) {
      return Optional.empty();
    }
    return normalise(Ecosystems.baseEcosystem(osvEcosystem), m.group(1), m.group(2));
  }

  /** Whether advisories of {@code ecosystem} are per release, so a package's release must be known to match it. */
  public static boolean usesReleases(String ecosystem) {
    return normalise(ecosystem, "1", "1").isPresent();
  }

  /**
   * The release of {@code ecosystem} named by an SBOM's operating-system component
   * ({@code name} such as {@code debian}, {@code ubuntu}, {@code alpine}, and {@code version}),
   * or empty when that operating system is not this ecosystem's.
   */
  public static Optional<String> fromOperatingSystem(String ecosystem, String name, String version) {
    String os = name.toLowerCase(java.util.Locale.ROOT).trim();
    boolean same = switch (ecosystem) {
      case "Debian" -> os.equals("debian");
      case "Ubuntu" -> os.equals("ubuntu");
      case "Alpine" -> os.equals("alpine");
      case "AlmaLinux" -> os.equals("almalinux") || os.equals("alma");
      case "Rocky Linux" -> os.equals("rocky") || os.equals("rocky linux");
      case "Red Hat" -> os.equals("rhel") || os.equals("redhat") || os.equals("red hat enterprise linux");
      case "SUSE" -> os.equals("sles") || os.equals("suse") || os.equals("sle");
      case "openSUSE" -> os.startsWith("opensuse");
      case "Oracle Linux" -> os.equals("ol") || os.equals("oracle") || os.equals("oracle linux");
      default -> false;
    };
    return same ? fromQualifier(ecosystem, version) : Optional.empty();
  }

  /** Whether a package of {@code packageRelease} can be affected by an advisory for {@code advisoryRelease}. */
  public static boolean compatible(Optional<String> packageRelease, Optional<String> advisoryRelease) {
    return packageRelease.isEmpty() || advisoryRelease.isEmpty() || packageRelease.equals(advisoryRelease);
  }

  private static Optional<String> normalise(String ecosystem, String major, String minor) {
    return switch (ecosystem) {
      case "Debian", "AlmaLinux", "Rocky Linux", "Red Hat", "Oracle Linux", "SUSE", "openSUSE" -> Optional.of(major);
      case "Ubuntu", "Alpine" -> minor == null ? Optional.empty() : Optional.of(major + "." + minor);
      default -> Optional.empty();
    };
  }
}
