package org.stellaops.connectors.notify;

/** Sends one queued message over one channel. */
public interface ChannelSender {
  /** Sends {@code message}; returns a short note on success (e.g. the HTTP status). */
  String send(OutboxMessage message) throws DeliveryException;
}
