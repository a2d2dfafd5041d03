package org.stellaops.connectors.bench;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One synthetic OSV record, before it is written. */
record SyntheticAdvisory(
    String id,
    SyntheticEcosystem ecosystem,
    Instant published,
    Instant modified,
    List<String> aliases,
    String summary,
    String details,
    Optional<String> cvssVector,
    Optional<String> severityWord,
    String cweId,
    List<Affected> affected) {

  SyntheticAdvisory {
    requireNonNull(id, "id is null");
    requireNonNull(ecosystem, "ecosystem is null");
    requireNonNull(published, "published is null");
    requireNonNull(modified, "modified is null");
    aliases = List.copyOf(requireNonNull(aliases, "aliases is null"));
    requireNonNull(summary, "summary is null");
    requireNonNull(details, "details is null");
    requireNonNull(cvssVector, "cvssVector is null");
    requireNonNull(severityWord, "severityWord is null");
    requireNonNull(cweId, "cweId is null");
    affected = List.copyOf(requireNonNull(affected, "affected is null"));
  }

  /** One affected package: its range and, when the record enumerates them, its affected versions. */
  record Affected(SyntheticPackage target, PlannedRange range, List<String> listedVersions) {
    Affected {
      requireNonNull(target, "target is null");
      requireNonNull(range, "range is null");
      listedVersions = List.copyOf(requireNonNull(listedVersions, "listedVersions is null"));
    }
  }
}
