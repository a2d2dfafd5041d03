package org.stellaops.connectors.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an outbox payload into what each channel sends: the payload itself for webhooks, Slack
 * incoming-webhook JSON, a Teams adaptive card, or an e-mail subject and text. Template
 * {@code concise} gives one line per event; {@code detailed} adds the new advisories and the
 * verdict digests.
 */
public final class MessageRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Events listed in one message; a larger digest says how many more there are. */
  static final int LISTED_EVENTS = 50;

  private MessageRenderer() {}

  /** A rendered text message. */
  public record Text(String title, List<String> lines) {
    public String body() {
      return title + "\n\n" + String.join("\n", lines) + "\n";
    }
  }

  public static JsonNode parse(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException("outbox payload is not JSON", e);
    }
  }

  /** The title and lines of a payload. */
  public static Text text(String payload, String template) {
    JsonNode root = parse(payload);
    String kind = root.path("kind").asText();
    JsonNode events = root.path("events");
    String rule = root.path("rule").asText();
    if (kind.equals("test")) {
      return new Text("[stella] test message", List.of("This is a test message from stella notify test (delivery "
          + root.path("deliveryId").asText() + "). If you can read it, the channel works."));
    }
    List<String> lines = new ArrayList<>();
    int criticals = 0;
    int flips = 0;
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      criticals += e.path("newCriticals").asInt();
      flips += e.path("flipped").asBoolean() ? 1 : 0;
      if (i < LISTED_EVENTS) {
        lines.add(line(RescanDelta.fromJson(e), template.equals("detailed")));
      }
    }
    if (events.size() > LISTED_EVENTS) {
      lines.add("... and " + (events.size() - LISTED_EVENTS) + " more images");
    }
    String title;
    if (kind.equals("digest")) {
      title = "[stella] " + rule + ": digest of " + events.size() + " image" + (events.size() == 1 ? "" : "s") + " changed ("
          + root.path("window").path("start").asText() + " to " + root.path("window").path("end").asText() + ")";
    } else {
      RescanDelta e = RescanDelta.fromJson(events.get(0));
      title = "[stella] " + rule + ": " + shortName(e) + " " + summary(e);
    }
    if (kind.equals("digest")) {
      lines.add(0, criticals + " new critical finding" + (criticals == 1 ? "" : "s") + ", " + flips + " verdict flip"
          + (flips == 1 ? "" : "s") + ".");
    }
    return new Text(title, lines);
  }

  private static String line(RescanDelta e, boolean detailed) {
    StringBuilder line = new StringBuilder(shortName(e)).append(": ").append(summary(e));
    if (detailed) {
      line.append(" [snapshot ").append(e.snapshot()).append(", image ").append(e.imageDigest()).append(", verdict ")
          .append(e.verdictDigest()).append("]");
      if (e.newAdvisoryIds().length > 0) {
        line.append(" new: ").append(String.join(", ", e.newAdvisoryIds()));
        if (e.newFindings() > e.newAdvisoryIds().length) {
          line.append(", ...");
        }
      }
    }
    return line.toString();
  }

  private static String shortName(RescanDelta e) {
    String digest = e.imageDigest().length() > 19 ? e.imageDigest().substring(0, 19) : e.imageDigest();
    return e.repository().isEmpty() ? digest : e.repository() + "@" + digest;
  }

  private static String summary(RescanDelta e) {
    StringBuilder s = new StringBuilder();
    s.append(e.newFindings()).append(" new finding").append(e.newFindings() == 1 ? "" : "s");
    if (e.newCriticals() > 0) {
      s.append(" (").append(e.newCriticals()).append(" critical)");
    }
    s.append(", ").append(e.fixed()).append(" fixed");
    if (e.flipped()) {
      s.append(", ").append(e.previousDecision()).append(" -> ").append(e.decision());
    } else {
      s.append(", ").append(e.decision());
    }
    return s.toString();
  }

  /** Slack incoming-webhook JSON: {@code text} with mrkdwn, the title in bold. */
  public static String slack(String payload, String template) {
    Text text = text(payload, template);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("text", "*" + escapeSlack(text.title()) + "*\n" + escapeSlack(String.join("\n", text.lines())));
    return body.toString();
  }

  private static String escapeSlack(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A Teams incoming-webhook message carrying an adaptive card (version 1.4). */
  public static String teams(String payload, String template) {
    Text text = text(payload, template);
    ObjectNode message = JsonNodeFactory.instance.objectNode();
    message.put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    ObjectNode title = body.addObject();
    title.put("type", "TextBlock");
    title.put("text", text.title());
    title.put("weight", "Bolder");
    title.put("wrap", true);
    for (String line : text.lines()) {
      ObjectNode block = body.addObject();
      block.put("type", "TextBlock");
      block.put("text", line);
      block.put("wrap", true);
    }
    return message.toString();
  }
}
