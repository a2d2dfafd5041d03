package org.stellaops.connectors.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a notification goes. */
public enum Channel {
  /** Generic JSON POSTed to a URL (schema in docs/streaming.md). */
  WEBHOOK,
  /** A Slack incoming webhook (target: its URL). */
  SLACK,
  /** A Microsoft Teams incoming webhook (target: its URL), sent as an adaptive card. */
  TEAMS,
  /** An e-mail through the configured SMTP server (target: the address). */
  EMAIL;

  /** The lower-case word used in rules, the outbox and the CLI. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> ofLabel(String label) {
    return Arrays.stream(values()).filter(c -> c.label().equals(label)).findFirst();
  }
}
