package org.stellaops.engine.ecosystem;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Distribution releases in one spelling for both sides of a match: the purl's {@code distro}
 * qualifier ({@code debian-10.2}, {@code alpine-3.17.2}, {@code 3.20.3}, {@code ubuntu-22.04},
 * {@code ol-8.5}) and the suffix of an OSV ecosystem ({@code Debian:10},
 * {@code Alpine:v3.17}, {@code Ubuntu:Pro:22.04:LTS}, {@code AlmaLinux:8}). A package of one
 * release is never matched against an advisory for another.
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
