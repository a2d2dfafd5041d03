package org.stellaops.schemas.advisory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * A normalised advisory. Dates are kept as the feed wrote them (RFC 3339 text) so that the
 * canonical form never depends on a parser's rounding.
 */
public record Advisory(
    String id,
    List<String> aliases,
    String summary,
    Severity severity,
    Optional<String> published,
    Optional<String> modified,
    Optional<String> withdrawn,
    List<AffectedPackage> affected) {
  public Advisory {
    Checks.requireText(id, "id");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(summary, "summary is null");
    Objects.requireNonNull(severity, "severity is null");
    Objects.requireNonNull(published, "published is null");
    Objects.requireNonNull(modified, "modified is null");
    Objects.requireNonNull(withdrawn, "withdrawn is null");
    affected = List.copyOf(affected);
  }

  /** Whether the feed withdrew this advisory; withdrawn advisories never match. */
  public boolean hasBeenWithdrawn() {
    return withdrawn.isPresent();
  }
}
