package org.stellaops.schemas.advisory;

import java.util.Locale;
import java.util.Optional;

/** Qualitative severity, ordered from most to least severe. */
public enum SeverityLevel {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  NONE,
  UNKNOWN;

  /** Maps a CVSS base score to its qualitative rating (CVSS v3/v4 bands). */
  public static SeverityLevel fromScore(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    } else if (score >= 7.0) {
      return HIGH;
    } else if (score >= 4.0) {
      return MEDIUM;
    } else if (score > 0.0) {
      return LOW;
    }
    return NONE;
  }

  /** Reads a word as feeds write it ({@code HIGH}, {@code Moderate}, {@code important}). */
  public static Optional<SeverityLevel> fromWord(String word) {
    if (word == null) {
      return Optional.empty();
    }
    return switch (word.trim().toUpperCase(Locale.ROOT)) {
      case "CRITICAL" -> Optional.of(CRITICAL);
      case "HIGH", "IMPORTANT" -> Optional.of(HIGH);
      case "MEDIUM", "MODERATE" -> Optional.of(MEDIUM);
      case "LOW", "NEGLIGIBLE" -> Optional.of(LOW);
      case "NONE" -> Optional.of(NONE);
      default -> Optional.empty();
    };
  }
}
