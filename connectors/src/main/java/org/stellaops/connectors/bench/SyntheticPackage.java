package org.stellaops.connectors.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One package of the synthetic pool: its coordinates and its release history, oldest first and
 * strictly ascending in the ecosystem's version order. {@code rank} 0 is the most popular.
 *
 * <p>Versions are stored as OSV writes them; Go adds its {@code v} prefix only in SBOMs and purls.
 */
record SyntheticPackage(
    SyntheticEcosystem ecosystem,
    int rank,
    Optional<String> namespace,
    String name,
    List<String> versions,
    String license) {

  SyntheticPackage {
    requireNonNull(ecosystem, "ecosystem is null");
    requireNonNull(namespace, "namespace is null");
    requireNonNull(name, "name is null");
    versions = List.copyOf(requireNonNull(versions, "versions is null"));
    requireNonNull(license, "license is null");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("versions is empty for package " + name);
    }
  }

  /** The OSV {@code package.name}: {@code @scope/name}, {@code group:artifact} or a Go module path. */
  String osvName() {
    return switch (ecosystem) {
      case NPM -> namespace.map(scope -> scope + "/" + name).orElse(name);
      case MAVEN -> namespace.orElseThrow() + ":" + name;
      case GO -> namespace.orElseThrow() + "/" + name;
      default -> name;
    };
  }

  /** The name a CycloneDX component carries next to its {@code group}. */
  String sbomName() {
    return ecosystem == SyntheticEcosystem.GO ? osvName() : name;
  }

  /** The CycloneDX {@code group}: npm scope or Maven group id. */
  Optional<String> sbomGroup() {
    return ecosystem == SyntheticEcosystem.NPM || ecosystem == SyntheticEcosystem.MAVEN
        ? namespace
        : Optional.empty();
  }

  /** The package-url without a version, as OSV's {@code package.purl}. */
  String purl() {
    String prefix = "pkg:" + ecosystem.purlType() + "/";
    return prefix + namespace.map(value -> value.replace("@", "%40") + "/").orElse("") + name;
  }

  /** The package-url of one release. */
  String purl(int versionIndex) {
    return purl() + "@" + sbomVersion(versionIndex);
  }

  /** The version as an SBOM reports it; Go module versions carry a leading {@code v}. */
  String sbomVersion(int versionIndex) {
    String version = versions.get(versionIndex);
    return ecosystem == SyntheticEcosystem.GO ? "v" + version : version;
  }
}
