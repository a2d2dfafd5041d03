package org.stellaops.connectors.feed;

import java.util.List;
import java.util.Objects;
import org.stellaops.schemas.advisory.Advisory;

/**
 * The advisories one document holds, with the format it was read as ({@code osv},
 * {@code alpine-secdb}, {@code debian-tracker}); the format is recorded as the raw document's source.
 */
public record AdvisoryDocument(String format, List<Advisory> advisories) {
  public AdvisoryDocument {
    Objects.requireNonNull(format, "format is null");
    advisories = List.copyOf(advisories);
  }
}
