package org.stellaops.connectors.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stellaops.connectors.notify.NotifyRule.Action;
import org.stellaops.connectors.notify.NotifyRule.Match;
import org.stellaops.schemas.advisory.SeverityLevel;

/** Notification rules in {@code notify.rule}, as JSON the stream reads back. */
@Repository
public class NotifyRuleStore {
  private final JdbcTemplate jdbc;

  public NotifyRuleStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored rule, the file it was applied from, its revision and when it was last changed. */
  public record StoredRule(NotifyRule rule, String sourceFile, int revision, Instant updatedAt) {}

  /** What applying a file did to one rule. */
  public enum Change {
    CREATED, UPDATED, UNCHANGED
  }

  /** Creates or replaces each rule (by name); a rule that is the same as stored keeps its revision. */
  public List<Change> apply(List<NotifyRule> rules, String sourceFile) {
    List<Change> changes = new ArrayList<>();
    for (NotifyRule rule : rules) {
      String json = toJson(rule).toString();
      List<String> existing = jdbc.queryForList("SELECT rule::text FROM notify.rule WHERE tenant_id = 'default' AND name = ?",
          String.class, rule.name());
      if (existing.isEmpty()) {
        jdbc.update("INSERT INTO notify.rule (name, enabled, rule, source_file) VALUES (?, ?, ?::jsonb, ?)", rule.name(),
            rule.enabled(), json, sourceFile);
        changes.add(Change.CREATED);
      } else if (MessageRenderer.parse(existing.get(0)).equals(MessageRenderer.parse(json))) {
        changes.add(Change.UNCHANGED);
      } else {
        jdbc.update("UPDATE notify.rule SET enabled = ?, rule = ?::jsonb, source_file = ?, revision = revision + 1,"
            + " updated_at = now() WHERE tenant_id = 'default' AND name = ?", rule.enabled(), json, sourceFile, rule.name());
        changes.add(Change.UPDATED);
      }
    }
    return changes;
  }

  /** Every rule, by name. */
  public List<StoredRule> list() {
    return jdbc.query("SELECT rule::text, source_file, revision, updated_at FROM notify.rule WHERE tenant_id = 'default'"
        + " ORDER BY name", (r, i) -> new StoredRule(fromJson(MessageRenderer.parse(r.getString(1))), r.getString(2),
            r.getInt(3), r.getTimestamp(4).toInstant()));
  }

  /** The enabled rules, by name. */
  public List<NotifyRule> enabled() {
    return list().stream().map(StoredRule::rule).filter(NotifyRule::enabled).toList();
  }

  /** Removes rule {@code name}; false when there is none. */
  public boolean delete(String name) {
    return jdbc.update("DELETE FROM notify.rule WHERE tenant_id = 'default' AND name = ?", name) == 1;
  }

  /** {@code rule} as the JSON text this store keeps. */
  public static String json(NotifyRule rule) {
    return toJson(rule).toString();
  }

  /** A rule from {@link #json} text. */
  public static NotifyRule rule(String json) {
    return fromJson(MessageRenderer.parse(json));
  }

  static ObjectNode toJson(NotifyRule rule) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", rule.name());
    node.put("enabled", rule.enabled());
    ObjectNode match = node.putObject("match");
    rule.match().eventKinds().forEach(match.putArray("eventKinds")::add);
    rule.match().minSeverity().ifPresent(s -> match.put("minSeverity", s.name().toLowerCase(java.util.Locale.ROOT)));
    rule.match().repositories().forEach(match.putArray("repositories")::add);
    match.putObject("vex").put("includeAcceptedJustifications", rule.match().includeAcceptedVexJustifications());
    ArrayNode actions = node.putArray("actions");
    for (Action action : rule.actions()) {
      ObjectNode a = actions.addObject();
      a.put("channel", action.channel().label());
      a.put("target", action.target());
      a.put("template", action.template());
      action.throttle().ifPresent(d -> a.put("throttle", d.toString()));
      action.digest().ifPresent(d -> a.put("digest", d.toString()));
    }
    return node;
  }

  static NotifyRule fromJson(JsonNode node) {
    JsonNode match = node.get("match");
    List<String> kinds = new ArrayList<>();
    match.path("eventKinds").forEach(k -> kinds.add(k.asText()));
    List<String> repositories = new ArrayList<>();
    match.path("repositories").forEach(k -> repositories.add(k.asText()));
    Optional<SeverityLevel> minSeverity = match.has("minSeverity") ? SeverityLevel.fromWord(match.get("minSeverity").asText())
        : Optional.empty();
    List<Action> actions = new ArrayList<>();
    for (JsonNode a : node.get("actions")) {
      actions.add(new Action(Channel.ofLabel(a.get("channel").asText()).orElseThrow(), a.get("target").asText(),
          a.get("template").asText(), Optional.ofNullable(a.get("throttle")).map(d -> Duration.parse(d.asText())),
          Optional.ofNullable(a.get("digest")).map(d -> Duration.parse(d.asText()))));
    }
    return new NotifyRule(node.get("name").asText(), node.get("enabled").asBoolean(),
        new Match(kinds, minSeverity, repositories, match.path("vex").path("includeAcceptedJustifications").asBoolean(false)),
        actions);
  }
}
