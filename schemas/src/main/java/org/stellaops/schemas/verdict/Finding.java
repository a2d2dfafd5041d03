package org.stellaops.schemas.verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * One component × advisory result, with the evidence: the range or version entry that matched
 * ({@code matched}), and in words why the status was reached ({@code reason}).
 */
public record Finding(
    String advisoryId,
    List<String> aliases,
    String purl,
    String ecosystem,
    String packageName,
    String version,
    FindingStatus status,
    String reason,
    String matched,
    Optional<String> fixedVersion,
    SeverityLevel severity,
    Optional<Double> score,
    Optional<String> layer) {
  public Finding {
    Checks.requireText(advisoryId, "advisoryId");
    aliases = List.copyOf(aliases);
    Checks.requireText(purl, "purl");
    Objects.requireNonNull(ecosystem, "ecosystem is null");
    Objects.requireNonNull(packageName, "packageName is null");
    Objects.requireNonNull(version, "version is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(matched, "matched is null");
    Objects.requireNonNull(fixedVersion, "fixedVersion is null");
    Objects.requireNonNull(severity, "severity is null");
    Objects.requireNonNull(score, "score is null");
    Objects.requireNonNull(layer, "layer is null");
  }
}
