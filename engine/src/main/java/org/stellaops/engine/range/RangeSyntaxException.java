package org.stellaops.engine.range;

import static java.util.Objects.requireNonNull;

/** A range expression its dialect's grammar does not accept; the message names the text, the position and why. */
public final class RangeSyntaxException extends IllegalArgumentException {
  private final String text;
  private final int index;
  private final String reason;

  RangeSyntaxException(String text, RangeExpressions.Dialect dialect, int index, String reason) {
    super("cannot parse " + dialect.displayName() + " range '" + text + "' at index " + index + ": " + reason);
    this.text = requireNonNull(text, "text is null");
    this.index = index;
    this.reason = requireNonNull(reason, "reason is null");
  }

  /** The whole expression that did not parse. */
  public String text() {
    return text;
  }

  /** The zero-based character index where the problem was found. */
  public int index() {
    return index;
  }

  /** Why, in a few words. */
  public String reason() {
    return reason;
  }
}
