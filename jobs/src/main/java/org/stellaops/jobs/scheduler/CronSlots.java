package org.stellaops.jobs.scheduler;

import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * The slots of a cron expression. {@code when} uses the usual five fields (minute, hour, day of
 * month, month, day of week) or a macro such as {@code @daily}; Spring's {@link CronExpression},
 * which reads them, wants seconds first, so five fields get {@code 0} seconds.
 */
public final class CronSlots {
  private final String text;
  private final CronExpression expression;

  private CronSlots(String text, CronExpression expression) {
    this.text = text;
    this.expression = expression;
  }

  /** Parses five cron fields or a macro; throws {@link IllegalArgumentException} with the reason. */
  public static CronSlots parse(String fields) {
    String trimmed = fields.trim();
    String[] parts = trimmed.split("\\s+");
    String spring;
    if (trimmed.startsWith("@")) {
      if (parts.length != 1) {
        throw new IllegalArgumentException("a macro such as @daily stands alone");
      }
      spring = trimmed;
    } else if (parts.length == 5) {
      spring = "0 " + trimmed;
    } else {
      throw new IllegalArgumentException("expected 5 cron fields (minute hour day-of-month month day-of-week), found "
          + parts.length);
    }
    return new CronSlots(trimmed, CronExpression.parse(spring));
  }

  /** The first slot strictly after {@code after} (in {@code after}'s zone). */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    return Optional.ofNullable(expression.next(after));
  }

  @Override
  public String toString() {
    return text;
  }

  /** The Spring (seconds-first) form, as stored. */
  public String springForm() {
    return expression.toString();
  }
}
