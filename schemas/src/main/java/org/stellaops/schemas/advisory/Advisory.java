package org.stellaops.schemas.advisory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * A normalised advisory. Dates are kept as the feed wrote them (RFC 3339 text) so that the
 * canonical form never depends on a parser's rounding. {@code references} (URLs) and
 * {@code cweIds} ({@code CWE-79}) are shown and exported; they change no finding.
 */
public record Advisory(
    String id,
    List<String> aliases,
    String summary,
    Severity severity,
    Optional<String> published,
    Optional<String> modified,
    Optional<String> withdrawn,
    List<AffectedPackage> affected,
    List<String> references,
    List<String> cweIds) {
  public Advisory {
    Checks.requireText(id, "id");
    aliases = List.copyOf(aliases);
    // Absent in advisories stored before these fields existed.
    references = references == null ? List.of() : List.copyOf(references);
    cweIds = cweIds == null ? List.of() : List.copyOf(cweIds);
    Objects.requireNonNull(summary, "summary is null");
    Objects.requireNonNull(severity, "severity is null");
    Objects.requireNonNull(published, "published is null");
    Objects.requireNonNull(modified, "modified is null");
    Objects.requireNonNull(withdrawn, "withdrawn is null");
    affected = List.copyOf(affected);
  }

  /** An advisory without references or CWE ids. */
  public Advisory(String id, List<String> aliases, String summary, Severity severity, Optional<String> published,
      Optional<String> modified, Optional<String> withdrawn, List<AffectedPackage> affected) {
    this(id, aliases, summary, severity, published, modified, withdrawn, affected, List.of(), List.of());
  }

  /** Whether the feed withdrew this advisory; withdrawn advisories never match. */
  public boolean hasBeenWithdrawn() {
    return withdrawn.isPresent();
  }
}
