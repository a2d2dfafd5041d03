package org.stellaops.connectors.notify;

/** A message that could not be delivered: retriable (5xx, 429, timeout, connection) or permanent. */
public final class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retriable;

  private DeliveryException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  public static DeliveryException retriable(String message, Throwable cause) {
    return new DeliveryException(message, true, cause);
  }

  public static DeliveryException permanent(String message, Throwable cause) {
    return new DeliveryException(message, false, cause);
  }

  public boolean isRetriable() {
    return retriable;
  }
}
