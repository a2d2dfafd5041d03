package org.stellaops.connectors.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.stellaops.engine.verdict.Digests;
import java.util.List;
import java.util.Objects;

/**
 * A message to queue in the outbox ({@code notify.delivery}): who gets it and its payload, the
 * JSON that the webhook channel sends as is and the other channels render. Plain fields only, so
 * Flink serializes it as a POJO.
 *
 * @param kind {@code event} (one event), {@code digest} (a window's events) or {@code test}
 * @param payload the message as JSON text (schema {@value #SCHEMA}, see docs/streaming.md)
 */
public record OutboxMessage(String deliveryId, String ruleName, int actionIndex, String channel, String target,
    String template, String kind, String[] eventIds, String payload) {
  public static final String SCHEMA = "stella.notify/v1";

  public OutboxMessage {
    Objects.requireNonNull(deliveryId, "deliveryId is null");
    Objects.requireNonNull(channel, "channel is null");
    Objects.requireNonNull(payload, "payload is null");
  }

  /**
   * The message for {@code events} sent by action {@code actionIndex} of {@code rule}: one event,
   * or a digest of a window (from {@code windowStartMillis}, {@code windowMillis} long). Its id
   * depends only on the rule, the action, the target and the events or the window, so the same
   * message is queued once however often the stream replays it.
   */
  public static OutboxMessage of(NotifyRule rule, int actionIndex, List<RescanDelta> events, long windowStartMillis,
      long windowMillis, boolean digest) {
    NotifyRule.Action action = rule.actions().get(actionIndex);
    String kind = digest ? "digest" : "event";
    String subject = digest ? "window:" + windowStartMillis + "+" + windowMillis : events.get(0).eventId();
    String id = deliveryId(rule.name(), actionIndex, action.channel().label(), action.target(), subject);
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("schema", SCHEMA);
    payload.put("deliveryId", id);
    payload.put("rule", rule.name());
    payload.put("kind", kind);
    if (digest) {
      ObjectNode window = payload.putObject("window");
      window.put("start", Instant.ofEpochMilli(windowStartMillis).toString());
      window.put("end", Instant.ofEpochMilli(windowStartMillis + windowMillis).toString());
    }
    ArrayNode list = payload.putArray("events");
    String[] ids = new String[events.size()];
    for (int i = 0; i < events.size(); i++) {
      list.add(events.get(i).toJson());
      ids[i] = events.get(i).eventId();
    }
    return new OutboxMessage(id, rule.name(), actionIndex, action.channel().label(), action.target(), action.template(), kind,
        ids, payload.toString());
  }

  /** A test message ({@code stella notify test}) to {@code target} over {@code channel}. */
  public static OutboxMessage test(Channel channel, String target, String nonce) {
    String id = deliveryId("(test)", 0, channel.label(), target, nonce);
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("schema", SCHEMA);
    payload.put("deliveryId", id);
    payload.put("rule", "(test)");
    payload.put("kind", "test");
    payload.putArray("events");
    return new OutboxMessage(id, "(test)", 0, channel.label(), target, "detailed", "test", new String[0], payload.toString());
  }

  static String deliveryId(String rule, int action, String channel, String target, String subject) {
    return "dlv:" + Digests.sha256Hex(rule + "\n" + action + "\n" + channel + "\n" + target + "\n" + subject)
        .substring(0, 32);
  }
}
