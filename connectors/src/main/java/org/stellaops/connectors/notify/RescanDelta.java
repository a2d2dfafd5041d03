package org.stellaops.connectors.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.stellaops.engine.verdict.Digests;
import java.util.Objects;

/**
 * Event {@code rescan.delta}: what one image's re-evaluation at one snapshot changed, by
 * reference: keys and counts, with the full findings left in the database (verdicts
 * {@code verdictDigest} and {@code previousVerdictDigest}). Plain fields only, so Flink
 * serializes it as a POJO.
 *
 * @param previousVerdictDigest the digest of the image's verdict before, or empty for its first
 * @param worstNewSeverity the most severe level among the new findings ({@code critical}, ...), or empty
 * @param newAdvisoryIds the advisories of the new findings, sorted, at most {@value #LISTED_ADVISORIES}
 */
public record RescanDelta(String eventId, String kind, String imageDigest, String repository, long snapshot,
    long occurredAtMillis, String verdictDigest, String previousVerdictDigest, String decision, String previousDecision,
    int newFindings, int newCriticals, int fixed, String worstNewSeverity, String[] newAdvisoryIds) {
  public static final String KIND = "rescan.delta";
  /** How many advisory ids an event lists; the counts cover all. */
  public static final int LISTED_ADVISORIES = 20;

  public RescanDelta {
    Objects.requireNonNull(eventId, "eventId is null");
    Objects.requireNonNull(imageDigest, "imageDigest is null");
    Objects.requireNonNull(verdictDigest, "verdictDigest is null");
    Objects.requireNonNull(newAdvisoryIds, "newAdvisoryIds is null");
  }

  /** Whether the decision changed (PASS to FAIL or back); a first verdict is no flip. */
  public boolean flipped() {
    return !previousDecision.isEmpty() && !previousDecision.equals(decision);
  }

  /** The id of the event these facts describe: the same facts always give the same id. */
  public static String eventId(String imageDigest, long snapshot, String previousVerdictDigest, String verdictDigest) {
    return "evt:" + Digests.sha256Hex(KIND + "\n" + imageDigest + "\n" + snapshot + "\n" + previousVerdictDigest + "\n"
        + verdictDigest).substring(0, 32);
  }

  /** The event as JSON (the {@code events[]} items of the webhook schema). */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("eventId", eventId);
    node.put("kind", kind);
    node.put("imageDigest", imageDigest);
    node.put("repository", repository);
    node.put("snapshot", snapshot);
    node.put("occurredAt", Instant.ofEpochMilli(occurredAtMillis).toString());
    node.put("verdictDigest", verdictDigest);
    node.put("previousVerdictDigest", previousVerdictDigest.isEmpty() ? null : previousVerdictDigest);
    node.put("decision", decision);
    node.put("previousDecision", previousDecision.isEmpty() ? null : previousDecision);
    node.put("flipped", flipped());
    node.put("newFindings", newFindings);
    node.put("newCriticals", newCriticals);
    node.put("fixed", fixed);
    node.put("worstNewSeverity", worstNewSeverity.isEmpty() ? null : worstNewSeverity);
    ArrayNode ids = node.putArray("newAdvisoryIds");
    for (String id : newAdvisoryIds) {
      ids.add(id);
    }
    ObjectNode links = node.putObject("links");
    links.put("report", "stella report --image " + imageDigest);
    return node;
  }

  /** Reads {@link #toJson()} back. */
  public static RescanDelta fromJson(JsonNode node) {
    String[] ids = new String[node.path("newAdvisoryIds").size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = node.get("newAdvisoryIds").get(i).asText();
    }
    return new RescanDelta(node.get("eventId").asText(), node.get("kind").asText(), node.get("imageDigest").asText(),
        node.path("repository").asText(""), node.get("snapshot").asLong(),
        Instant.parse(node.get("occurredAt").asText()).toEpochMilli(), node.get("verdictDigest").asText(),
        text(node, "previousVerdictDigest"), node.get("decision").asText(), text(node, "previousDecision"),
        node.get("newFindings").asInt(), node.get("newCriticals").asInt(), node.get("fixed").asInt(),
        text(node, "worstNewSeverity"), ids);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }
}
