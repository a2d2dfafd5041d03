package org.stellaops.schemas;

import java.util.Objects;

/** Argument checks shared by the canonical records. */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} when it is neither null nor blank, else throws naming the field. */
  public static String requireText(String value, String field) {
    Objects.requireNonNull(value, () -> field + " is null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
    return value;
  }
}
