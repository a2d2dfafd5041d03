package org.stellaops.schemas.sbom;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One component of an SBOM. {@code hashes} maps algorithm (as the SBOM names it) to hex value,
 * sorted by algorithm; {@code layer} is the image layer digest the component came from, when
 * the SBOM says; {@code sourcePackage} is the distro source package a binary package was built
 * from, {@code name} or {@code name@version}, when the SBOM says (Debian and Ubuntu advisories
 * name source packages). {@code usedByEntrypoint} is whether the image's entrypoint uses the
 * component, only when the SBOM states it (empty: unknown, never guessed).
 */
public record Component(
    Optional<String> purl,
    String name,
    Optional<String> version,
    String type,
    List<String> licenses,
    Map<String, String> hashes,
    Optional<String> scope,
    Optional<String> layer,
    Optional<String> sourcePackage,
    Optional<Boolean> usedByEntrypoint) {
  public Component {
    Objects.requireNonNull(purl, "purl is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(type, "type is null");
    licenses = List.copyOf(licenses);
    hashes = java.util.Collections.unmodifiableMap(new TreeMap<>(hashes));
    Objects.requireNonNull(scope, "scope is null");
    Objects.requireNonNull(layer, "layer is null");
    Objects.requireNonNull(sourcePackage, "sourcePackage is null");
    Objects.requireNonNull(usedByEntrypoint, "usedByEntrypoint is null");
  }

  /** A component whose SBOM says nothing of entrypoint use. */
  public Component(Optional<String> purl, String name, Optional<String> version, String type, List<String> licenses,
      Map<String, String> hashes, Optional<String> scope, Optional<String> layer, Optional<String> sourcePackage) {
    this(purl, name, version, type, licenses, hashes, scope, layer, sourcePackage, Optional.empty());
  }

  /** A component whose SBOM names no source package. */
  public Component(Optional<String> purl, String name, Optional<String> version, String type, List<String> licenses,
      Map<String, String> hashes, Optional<String> scope, Optional<String> layer) {
    this(purl, name, version, type, licenses, hashes, scope, layer, Optional.empty(), Optional.empty());
  }
}
