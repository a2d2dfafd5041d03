package org.stellaops.connectors.notify;

import java.util.Objects;
import java.util.Optional;

/** The SMTP server e-mail notifications go through. */
public record SmtpSettings(String host, int port, String from, Optional<String> user, Optional<String> password,
    boolean startTls) {
  public SmtpSettings {
    Objects.requireNonNull(host, "host is null");
    Objects.requireNonNull(from, "from is null");
    Objects.requireNonNull(user, "user is null");
    Objects.requireNonNull(password, "password is null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SMTP port must be 1 to 65535, got " + port);
    }
  }

  /**
   * From the environment: {@code STELLA_SMTP_HOST} (default localhost), {@code STELLA_SMTP_PORT}
   * (25), {@code STELLA_SMTP_FROM} (stella@localhost), {@code STELLA_SMTP_USER},
   * {@code STELLA_SMTP_PASSWORD}, {@code STELLA_SMTP_STARTTLS} (true or false). A system property
   * of the same name in lower case with dots ({@code stella.smtp.host}) takes precedence.
   */
  public static SmtpSettings fromEnvironment() {
    String port = setting("STELLA_SMTP_PORT", "25");
    try {
      return new SmtpSettings(setting("STELLA_SMTP_HOST", "localhost"), Integer.parseInt(port.trim()),
          setting("STELLA_SMTP_FROM", "stella@localhost"),
          Optional.ofNullable(setting("STELLA_SMTP_USER", null)).filter(s -> !s.isBlank()),
          Optional.ofNullable(setting("STELLA_SMTP_PASSWORD", null)),
          Boolean.parseBoolean(setting("STELLA_SMTP_STARTTLS", "false")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("STELLA_SMTP_PORT is not a port number: '" + port + "'", e);
    }
  }

  private static String setting(String variable, String otherwise) {
    String property = System.getProperty(variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
    if (property != null) {
      return property;
    }
    String value = System.getenv(variable);
    return value != null ? value : otherwise;
  }
}
