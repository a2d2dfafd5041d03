package org.stellaops.connectors.sbom;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Property;
import org.stellaops.schemas.sbom.Component;

/** Maps cyclonedx-core-java's model onto our records. */
final class CycloneDxComponents {
  /** Where tools write the image layer a component came from, most specific first. */
  private static final List<String> LAYER_PROPERTIES =
      List.of("aquasecurity:trivy:LayerDigest", "aquasecurity:trivy:LayerDiffID", "syft:location:0:layerID");

  private CycloneDxComponents() {}

  /** The component, or empty when it has no name. A missing type reads as {@code library}. */
  static Optional<Component> toComponent(org.cyclonedx.model.Component component) {
    Optional<String> name = trimmed(component.getName());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Component(
        trimmed(component.getPurl()),
        name.get(),
        trimmed(component.getVersion()),
        component.getType() == null ? "library" : component.getType().getTypeName(),
        licenses(component.getLicenses()),
        hashes(component.getHashes()),
        Optional.ofNullable(component.getScope()).map(org.cyclonedx.model.Component.Scope::getScopeName),
        firstProperty(component.getProperties(), LAYER_PROPERTIES),
        sourcePackage(component.getProperties()),
        usedByEntrypoint(component.getProperties())));
  }

  /** The property by which a CycloneDX SBOM states entrypoint use: {@code true} or {@code false}. */
  static final String USED_BY_ENTRYPOINT = "stellaops:usedByEntrypoint";

  /** Entrypoint use when the SBOM states it ({@value #USED_BY_ENTRYPOINT} true or false); any other value says nothing. */
  static Optional<Boolean> usedByEntrypoint(List<Property> properties) {
    return firstProperty(properties, List.of(USED_BY_ENTRYPOINT)).map(v -> v.toLowerCase(java.util.Locale.ROOT))
        .filter(v -> v.equals("true") || v.equals("false")).map(Boolean::parseBoolean);
  }

  /**
   * The distro source package Trivy records for a binary package, {@code name@version} with the
   * version as dpkg writes it ({@code [epoch:]version[-release]}), or {@code name} alone.
   */
  static Optional<String> sourcePackage(List<Property> properties) {
    Optional<String> name = firstProperty(properties, List.of("aquasecurity:trivy:SrcName"));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> version = firstProperty(properties, List.of("aquasecurity:trivy:SrcVersion"));
    if (version.isEmpty()) {
      return name;
    }
    String epoch = firstProperty(properties, List.of("aquasecurity:trivy:SrcEpoch")).filter(e -> !e.equals("0"))
        .map(e -> e + ":").orElse("");
    String release = firstProperty(properties, List.of("aquasecurity:trivy:SrcRelease")).map(r -> "-" + r).orElse("");
    return Optional.of(name.get() + "@" + epoch + version.get() + release);
  }

  /**
   * The image digest declared for the SBOM's subject ({@code metadata.component}): its
   * {@code pkg:oci} purl, trivy's RepoDigest or ImageID property, or the version syft gives a
   * container (the manifest digest), in that order.
   */
  static Optional<String> imageDigest(org.cyclonedx.model.Component subject) {
    if (subject == null) {
      return Optional.empty();
    }
    List<Property> properties = subject.getProperties();
    return ImageDigests.fromImagePurl(subject.getPurl())
        .or(() -> firstProperty(properties, List.of("aquasecurity:trivy:RepoDigest"))
            .flatMap(ImageDigests::fromReference))
        .or(() -> firstProperty(properties, List.of("aquasecurity:trivy:ImageID"))
            .flatMap(ImageDigests::fromDigest))
        .or(() -> subject.getType() == org.cyclonedx.model.Component.Type.CONTAINER
            ? ImageDigests.fromDigest(subject.getVersion())
            : Optional.empty());
  }

  /** {@code name@version} of the SBOM's subject, or its name alone. */
  static Optional<String> sbomName(org.cyclonedx.model.Component subject) {
    if (subject == null) {
      return Optional.empty();
    }
    Optional<String> version = trimmed(subject.getVersion());
    return trimmed(subject.getName()).map(name -> version.map(v -> name + "@" + v).orElse(name));
  }

  /** SPDX ids, else license names, then the expression; in document order without repeats. */
  private static List<String> licenses(LicenseChoice choice) {
    if (choice == null) {
      return List.of();
    }
    Set<String> licenses = new LinkedHashSet<>();
    for (License license : Optional.ofNullable(choice.getLicenses()).orElse(List.of())) {
      trimmed(license.getId()).or(() -> trimmed(license.getName())).ifPresent(licenses::add);
    }
    if (choice.getExpression() != null) {
      trimmed(choice.getExpression().getValue()).ifPresent(licenses::add);
    }
    return List.copyOf(licenses);
  }

  /** Algorithm as the SBOM names it to value; the first value wins if an algorithm repeats. */
  private static Map<String, String> hashes(List<Hash> hashes) {
    Map<String, String> byAlgorithm = new LinkedHashMap<>();
    for (Hash hash : Optional.ofNullable(hashes).orElse(List.of())) {
      Optional<String> value = trimmed(hash.getValue());
      trimmed(hash.getAlgorithm()).ifPresent(alg -> value.ifPresent(v -> byAlgorithm.putIfAbsent(alg, v)));
    }
    return byAlgorithm;
  }

  /** The value of the first of {@code names} that is present, trying them in the order given. */
  private static Optional<String> firstProperty(List<Property> properties, List<String> names) {
    if (properties == null) {
      return Optional.empty();
    }
    return names.stream()
        .flatMap(name -> properties.stream().filter(p -> name.equals(p.getName())).limit(1))
        .map(Property::getValue)
        .flatMap(value -> trimmed(value).stream())
        .findFirst();
  }

  private static Optional<String> trimmed(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
  }
}
