package org.stellaops.connectors.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stellaops.connectors.notify.NotifyRule.Action;
import org.stellaops.connectors.notify.NotifyRule.Match;
import org.stellaops.connectors.yaml.LocatedYaml;
import org.stellaops.connectors.yaml.LocatedYaml.Document;
import org.stellaops.connectors.yaml.LocatedYaml.InvalidYamlException;
import org.stellaops.connectors.yaml.LocatedYaml.Problems;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * Reads notification rules from YAML, in the shape of the product's Notify rules: one rule per
 * document ({@code ---} separates several). Every error names the file, line, column and reason;
 * a file with any error applies nothing.
 */
public final class NotifyRuleYaml {
  /** The event kinds this data plane produces. */
  public static final Set<String> EVENT_KINDS = Set.of(RescanDelta.KIND);
  /** Kinds the product knows that come from components this data plane does not run: accepted, never matched. */
  public static final Set<String> FOREIGN_EVENT_KINDS = Set.of("report.ready", "zastava.admission");
  public static final Set<String> TEMPLATES = Set.of("concise", "detailed");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})(s|m|h|d)");
  private static final Set<String> TOP = Set.of("name", "match", "actions", "enabled");
  private static final Set<String> MATCH = Set.of("eventKinds", "minSeverity", "namespaces", "repositories", "vex");
  private static final Set<String> ACTION = Set.of("channel", "target", "template", "throttle", "digest");

  private NotifyRuleYaml() {}

  /** The rules of {@code text}, read from {@code file} (named in errors). */
  public static List<NotifyRule> read(String file, String text) throws InvalidYamlException {
    List<NotifyRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Document document : LocatedYaml.read(file, text)) {
      if (!document.root().isObject()) {
        throw new InvalidYamlException(file + ":" + document.start()
            + ": a rule is a mapping (name:, match:, actions:), found " + LocatedYaml.kind(document.root()));
      }
      NotifyRule rule = rule(document.root(), document.problems());
      if (!names.add(rule.name())) {
        document.problems().fail("name", "rule '" + rule.name() + "' is defined twice in this file");
      }
      rules.add(rule);
    }
    if (rules.isEmpty()) {
      throw new InvalidYamlException(file + ":1:1: no rule in the file");
    }
    return rules;
  }

  private static NotifyRule rule(JsonNode root, Problems problems) throws InvalidYamlException {
    problems.onlyKeys(root, "", TOP);
    String name = problems.requiredText(root, "name");
    if (!NAME.matcher(name).matches()) {
      problems.fail("name", "a rule name is 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter"
          + " or digit; got '" + name + "'");
    }
    JsonNode match = problems.object(root, "match");
    problems.onlyKeys(match, "match", MATCH);
    List<String> kinds = problems.texts(match, "match.eventKinds");
    for (int i = 0; i < kinds.size(); i++) {
      if (!EVENT_KINDS.contains(kinds.get(i)) && !FOREIGN_EVENT_KINDS.contains(kinds.get(i))) {
        problems.fail("match.eventKinds[" + i + "]", "unknown event kind '" + kinds.get(i) + "'; this data plane sends "
            + new java.util.TreeSet<>(EVENT_KINDS) + " (and accepts " + new java.util.TreeSet<>(FOREIGN_EVENT_KINDS)
            + " from the product's other components)");
      }
    }
    Optional<SeverityLevel> minSeverity = Optional.empty();
    if (match.has("minSeverity")) {
      String level = problems.text(match, "match.minSeverity");
      minSeverity = SeverityLevel.fromWord(level).filter(l -> l.compareTo(SeverityLevel.LOW) <= 0);
      if (minSeverity.isEmpty()) {
        problems.fail("match.minSeverity", "minSeverity is one of low, medium, high, critical; got '" + level + "'");
      }
    }
    if (match.has("namespaces") && match.has("repositories")) {
      problems.fail("match.namespaces", "give namespaces or repositories, not both (both match the image's repository)");
    }
    List<String> repositories = match.has("namespaces") ? problems.texts(match, "match.namespaces")
        : problems.texts(match, "match.repositories");
    JsonNode vex = problems.object(match, "match.vex");
    problems.onlyKeys(vex, "match.vex", Set.of("includeAcceptedJustifications"));
    boolean includeAccepted = problems.optionalBoolean(vex, "match.vex.includeAcceptedJustifications", false);
    JsonNode actions = root.get("actions");
    if (actions == null || !actions.isArray() || actions.isEmpty()) {
      problems.fail(actions == null ? "" : "actions", "'actions' is required: a list of {channel, target, ...}");
    }
    List<Action> parsed = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      parsed.add(action(actions.get(i), "actions[" + i + "]", problems));
    }
    boolean enabled = problems.optionalBoolean(root, "enabled", true);
    return new NotifyRule(name, enabled, new Match(kinds, minSeverity, repositories, includeAccepted), parsed);
  }

  private static Action action(JsonNode node, String path, Problems problems) throws InvalidYamlException {
    if (!node.isObject()) {
      problems.fail(path, "an action is a mapping (channel:, target:, ...), found " + LocatedYaml.kind(node));
    }
    problems.onlyKeys(node, path, ACTION);
    String channelWord = problems.requiredText(node, path + ".channel");
    Optional<Channel> channel = Channel.ofLabel(channelWord);
    if (channel.isEmpty()) {
      problems.fail(path + ".channel", "channel is one of webhook, slack, teams, email; got '" + channelWord + "'");
    }
    String target = problems.requiredText(node, path + ".target");
    switch (channel.get()) {
      case EMAIL -> {
        if (!target.matches("[^@\\s]+@[^@\\s]+")) {
          problems.fail(path + ".target", "an email target is an address such as soc@example.org; got '" + target + "'");
        }
      }
      default -> {
        if (!target.startsWith("http://") && !target.startsWith("https://")) {
          problems.fail(path + ".target", "a " + channel.get().label() + " target is the http(s) URL of the "
              + (channel.get() == Channel.WEBHOOK ? "receiver" : "incoming webhook") + "; got '" + target
              + "' (a Slack channel name such as #sec-alerts is chosen when the incoming webhook is created)");
        }
      }
    }
    String template = node.has("template") ? problems.text(node, path + ".template") : "detailed";
    if (!TEMPLATES.contains(template)) {
      problems.fail(path + ".template", "template is concise or detailed; got '" + template + "'");
    }
    Optional<Duration> throttle = node.has("throttle") ? Optional.of(duration(node, path + ".throttle", problems))
        : Optional.empty();
    Optional<Duration> digest = Optional.empty();
    if (node.has("digest")) {
      String word = problems.text(node, path + ".digest");
      digest = Optional.of(switch (word) {
        case "hourly" -> Duration.ofHours(1);
        case "daily" -> Duration.ofDays(1);
        default -> duration(node, path + ".digest", problems);
      });
    }
    if (throttle.isPresent() && digest.isPresent()) {
      problems.fail(path + ".digest", "an action either throttles or digests, not both");
    }
    return new Action(channel.get(), target, template, throttle, digest);
  }

  private static Duration duration(JsonNode node, String path, Problems problems) throws InvalidYamlException {
    String text = problems.text(node, path).trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      problems.fail(path, "expected a duration such as 30s, 5m, 1h or 1d" + (path.endsWith("digest") ? ", or hourly or daily" : "")
          + "; got '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
