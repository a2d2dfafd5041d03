package org.stellaops.engine.ecosystem;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps package URLs to OSV ecosystems and normalises package names the way each ecosystem
 * compares them (PyPI per PEP 503, Maven as {@code group:artifact}, npm with its scope).
 */
public final class Ecosystems {
  private static final Pattern PYPI_SEPARATORS = Pattern.compile("[-_.]+");

  /** purl type → OSV ecosystem, for types whose ecosystem does not depend on the namespace. */
  private static final Map<String, String> BY_TYPE = Map.ofEntries(
      Map.entry("maven", "Maven"),
      Map.entry("npm", "npm"),
      Map.entry("pypi", "PyPI"),
      Map.entry("golang", "Go"),
      Map.entry("cargo", "crates.io"),
      Map.entry("gem", "RubyGems"),
      Map.entry("nuget", "NuGet"),
      Map.entry("composer", "Packagist"),
      Map.entry("hex", "Hex"),
      Map.entry("pub", "Pub"),
      Map.entry("hackage", "Hackage"),
      Map.entry("cran", "CRAN"),
      Map.entry("swift", "SwiftURL"),
      Map.entry("bitnami", "Bitnami"),
      // syft before 0.60 wrote Alpine packages as pkg:alpine/NAME@VERSION, without a namespace.
      Map.entry("alpine", "Alpine"));

  /** (purl type, namespace) → OSV ecosystem for distro packages. */
  private static final Map<String, String> BY_DISTRO = Map.ofEntries(
      Map.entry("deb/debian", "Debian"),
      Map.entry("deb/ubuntu", "Ubuntu"),
      Map.entry("apk/alpine", "Alpine"),
      Map.entry("apk/wolfi", "Wolfi"),
      Map.entry("apk/chainguard", "Chainguard"),
      Map.entry("rpm/redhat", "Red Hat"),
      Map.entry("rpm/almalinux", "AlmaLinux"),
      Map.entry("rpm/rocky", "Rocky Linux"),
      Map.entry("rpm/rocky-linux", "Rocky Linux"),
      Map.entry("rpm/suse", "SUSE"),
      Map.entry("rpm/opensuse", "openSUSE"),
      Map.entry("rpm/oracle", "Oracle Linux"),
      Map.entry("rpm/amazon", "Amazon Linux"),
      // syft names rpm namespaces by the os-release ID of the image.
      Map.entry("rpm/rhel", "Red Hat"),
      Map.entry("rpm/ol", "Oracle Linux"),
      Map.entry("rpm/amzn", "Amazon Linux"),
      Map.entry("rpm/sles", "SUSE"),
      Map.entry("rpm/opensuse-leap", "openSUSE"),
      Map.entry("rpm/opensuse-tumbleweed", "openSUSE"));

  private Ecosystems() {}

  /** The package a purl names, or empty when the purl is malformed or of a type no feed covers. */
  public static Optional<PackageKey> fromPurl(String purl) {
    return parse(purl).flatMap(Ecosystems::fromPackageUrl);
  }

  /** The parsed purl, or empty when it is malformed. */
  public static Optional<PackageURL> parse(String purl) {
    try {
      return Optional.of(new PackageURL(purl));
    } catch (MalformedPackageURLException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The package a parsed purl names, or empty when its type (or distro namespace) maps to no ecosystem. */
  public static Optional<PackageKey> fromPackageUrl(PackageURL parsed) {
    String type = parsed.getType().toLowerCase(Locale.ROOT);
    String namespace = parsed.getNamespace();
    String ecosystem = BY_TYPE.get(type);
    if (ecosystem == null && namespace != null) {
      ecosystem = BY_DISTRO.get(type + "/" + namespace.toLowerCase(Locale.ROOT));
    }
    if (ecosystem == null) {
      return Optional.empty();
    }
    String name = switch (ecosystem) {
      case "Maven" -> namespace == null ? parsed.getName() : namespace + ":" + parsed.getName();
      case "npm", "Go", "Packagist", "SwiftURL" -> namespace == null ? parsed.getName() : namespace + "/" + parsed.getName();
      default -> parsed.getName();
    };
    Optional<String> release = parsed.getQualifiers() == null ? Optional.empty()
        : DistroReleases.fromQualifier(ecosystem, parsed.getQualifiers().get("distro"));
    return Optional.of(new PackageKey(ecosystem, normaliseName(ecosystem, name), Optional.ofNullable(parsed.getVersion()),
        release));
  }

  /** The ecosystem without a release suffix: {@code Debian:12} → {@code Debian}. */
  public static String baseEcosystem(String osvEcosystem) {
    int colon = osvEcosystem.indexOf(':');
    return colon < 0 ? osvEcosystem : osvEcosystem.substring(0, colon);
  }

  /**
   * The product key of a package: {@code ecosystem/name}, the ecosystem without its release and the
   * name as the ecosystem compares names. What export deltas, indexes and mirrors are keyed by.
   */
  public static String productKey(String osvEcosystem, String name) {
    String ecosystem = baseEcosystem(osvEcosystem);
    return ecosystem + "/" + normaliseName(ecosystem, name);
  }

  /** A package name as its ecosystem compares names. */
  public static String normaliseName(String ecosystem, String name) {
    return switch (baseEcosystem(ecosystem)) {
      case "PyPI" -> PYPI_SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
      case "Packagist", "NuGet", "Hex", "Pub", "crates.io" -> name.toLowerCase(Locale.ROOT);
      default -> name;
    };
  }
}
