package org.stellaops.engine.severity;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import us.springett.cvss.Cvss;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;

/** Turns what feeds write about severity (CVSS vectors, words) into {@link Severity} values. */
public final class SeverityRating {
  private SeverityRating() {}

  /**
   * Rates an OSV {@code severity[]} entry. CVSS v2 and v3 vectors are scored; a CVSS v4 vector
   * is kept but not scored (no scorer yet), and distro words ({@code Ubuntu: medium}) are read.
   */
  public static Optional<Severity> fromOsv(String type, String score) {
    if (score == null || score.isBlank()) {
      return Optional.empty();
    }
    String text = score.trim();
    if (type.startsWith("CVSS_V2") || type.startsWith("CVSS_V3") || text.startsWith("CVSS:3") || text.startsWith("AV:")) {
      return fromCvssVector(text);
    }
    return fromWord(text);
  }

  /** Scores a CVSS v2 or v3.x vector; empty when the vector does not parse. */
  public static Optional<Severity> fromCvssVector(String vector) {
    Cvss cvss;
    try {
      cvss = Cvss.fromVector(vector);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (cvss == null) {
      return Optional.empty();
    }
    double base = cvss.calculateScore().getBaseScore();
    return Optional.of(new Severity(SeverityLevel.fromScore(base), Optional.of(base), Optional.of(vector)));
  }

  /** A feed's own word, such as {@code HIGH} or {@code Moderate}; empty when not a known word. */
  public static Optional<Severity> fromWord(String word) {
    return SeverityLevel.fromWord(word).map(level -> new Severity(level, Optional.empty(), Optional.empty()));
  }

  /** The most severe of {@code candidates}; a scored candidate beats an unscored one of equal level. */
  public static Severity highest(List<Severity> candidates) {
    return candidates.stream()
        .min(Comparator.comparing(Severity::level)
            .thenComparing(s -> -s.score().orElse(-1.0)))
        .orElse(Severity.unknown());
  }
}
