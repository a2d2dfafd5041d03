package org.stellaops.schemas.advisory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * One affected package of an advisory: ecosystem as OSV spells it (e.g. {@code Maven},
 * {@code Debian:12}), package name in that ecosystem, its ranges and enumerated versions.
 */
public record AffectedPackage(
    String ecosystem,
    String name,
    Optional<String> purl,
    List<AffectedRange> ranges,
    List<String> versions,
    Optional<Severity> severity) {
  public AffectedPackage {
    Checks.requireText(ecosystem, "ecosystem");
    Checks.requireText(name, "name");
    Objects.requireNonNull(purl, "purl is null");
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
    Objects.requireNonNull(severity, "severity is null");
  }
}
