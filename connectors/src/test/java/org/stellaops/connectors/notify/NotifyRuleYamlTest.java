package org.stellaops.connectors.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.connectors.yaml.LocatedYaml.InvalidYamlException;
import org.stellaops.schemas.advisory.SeverityLevel;

/** Notification rules read from YAML: the seed's shape, and every refusal with its place and reason. */
class NotifyRuleYamlTest {

  private static RescanDelta event(String repository, String worst, int newFindings) {
    return new RescanDelta("evt:1", RescanDelta.KIND, "sha256:" + "a".repeat(64), repository, 2, 0, "sha256:v", "", "FAIL",
        "", newFindings, 0, 0, worst, new String[0]);
  }

  @Test
  void theSeedsRuleReadsAsWritten() throws Exception {
    List<NotifyRule> rules = NotifyRuleYaml.read("rules.yaml", String.join("\n",
        "name: high-critical-alerts",
        "match:",
        "  eventKinds: [\"report.ready\", \"rescan.delta\", \"zastava.admission\"]",
        "  minSeverity: high",
        "  namespaces: [\"prod-*\"]",
        "  vex: { includeAcceptedJustifications: false }",
        "actions:",
        "  - channel: slack",
        "    target: \"https://hooks.slack.example/T/B/X\"",
        "    template: \"concise\"",
        "    throttle: \"5m\"",
        "  - channel: email",
        "    target: \"soc@acme.org\"",
        "    digest: \"hourly\"",
        "enabled: true"));

    NotifyRule rule = rules.get(0);
    assertThat(rule.name()).isEqualTo("high-critical-alerts");
    assertThat(rule.match().minSeverity()).contains(SeverityLevel.HIGH);
    assertThat(rule.match().repositories()).containsExactly("prod-*");
    assertThat(rule.actions().get(0).throttle()).contains(Duration.ofMinutes(5));
    assertThat(rule.actions().get(0).template()).isEqualTo("concise");
    assertThat(rule.actions().get(1).digest()).contains(Duration.ofHours(1));
    assertThat(rule.actions().get(1).template()).isEqualTo("detailed");
    assertThat(NotifyRuleStore.rule(NotifyRuleStore.json(rule))).isEqualTo(rule);
  }

  @Test
  void matchingFollowsKindSeverityAndRepositoryGlobs() throws Exception {
    NotifyRule.Match match = NotifyRuleYaml.read("r.yaml", String.join("\n",
        "name: r",
        "match: {eventKinds: [rescan.delta], minSeverity: high, repositories: [\"registry.example/prod-*\"]}",
        "actions: [{channel: webhook, target: \"http://x/\"}]")).get(0).match();

    assertThat(match.matches(event("registry.example/prod-api", "critical", 1))).isTrue();
    assertThat(match.matches(event("registry.example/prod-api", "high", 1))).isTrue();
    assertThat(match.matches(event("registry.example/prod-api", "medium", 1))).as("below minSeverity").isFalse();
    assertThat(match.matches(event("registry.example/prod-api", "", 0))).as("no new finding").isFalse();
    assertThat(match.matches(event("registry.example/staging-api", "critical", 1))).isFalse();
    assertThat(match.matches(event("other/registry.example/prod-api", "critical", 1))).as("globs match whole names")
        .isFalse();
  }

  private static void refused(String yaml, String message) {
    assertThatThrownBy(() -> NotifyRuleYaml.read("rules.yaml", yaml)).isInstanceOf(InvalidYamlException.class)
        .hasMessage(message);
  }

  @Test
  void everyMistakeIsRefusedWithFileLineColumnAndReason() {
    refused("name: r\nactions:\n  - channel: webhook\n    target: \"http://x/\"\n    throttle: 5 minutes\n",
        "rules.yaml:5:15: actions[0].throttle: expected a duration such as 30s, 5m, 1h or 1d; got '5 minutes'");
    refused("name: r\nactions:\n  - channel: email\n    target: soc\n",
        "rules.yaml:4:13: actions[0].target: an email target is an address such as soc@example.org; got 'soc'");
    refused("name: r\nactions:\n  - channel: slack\n    target: \"#sec-alerts\"\n",
        "rules.yaml:4:13: actions[0].target: a slack target is the http(s) URL of the incoming webhook; got '#sec-alerts'"
            + " (a Slack channel name such as #sec-alerts is chosen when the incoming webhook is created)");
    refused("name: r\nmatch:\n  eventKinds: [scan.done]\nactions: [{channel: webhook, target: \"http://x/\"}]\n",
        "rules.yaml:3:16: match.eventKinds[0]: unknown event kind 'scan.done'; this data plane sends [rescan.delta]"
            + " (and accepts [report.ready, zastava.admission] from the product's other components)");
    refused("name: r\nmatch:\n  severity: high\nactions: [{channel: webhook, target: \"http://x/\"}]\n",
        "rules.yaml:3:3: match.severity: unknown key 'severity'; expected one of [eventKinds, minSeverity, namespaces,"
            + " repositories, vex]");
    refused("name: r\nactions:\n  - {channel: webhook, target: \"http://x/\", throttle: 5m, digest: hourly}\n",
        "rules.yaml:3:67: actions[0].digest: an action either throttles or digests, not both");
    refused("name: r\nmatch: {minSeverity: none}\nactions: [{channel: webhook, target: \"http://x/\"}]\n",
        "rules.yaml:2:22: match.minSeverity: minSeverity is one of low, medium, high, critical; got 'none'");
    refused("name: r\n", "rules.yaml:1:1: 'actions' is required: a list of {channel, target, ...}");
    refused("name: Bad Name\nactions: [{channel: webhook, target: \"http://x/\"}]\n",
        "rules.yaml:1:7: name: a rule name is 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter"
            + " or digit; got 'Bad Name'");
    refused("name: r\nactions: [{channel: webhook, target: \"http://x/\"}]\n---\nname: r\nactions: [{channel: webhook,"
        + " target: \"http://y/\"}]\n", "rules.yaml:4:7: name: rule 'r' is defined twice in this file");
    refused("name: r\nactions: [\n", "rules.yaml:3:1: not valid YAML: expected the node content, but found"
        + " '<stream end>' (while parsing a flow node)");
  }

  @Test
  void aDigestTakesHourlyDailyOrADuration() throws Exception {
    for (String word : List.of("hourly", "daily", "10s")) {
      NotifyRule rule = NotifyRuleYaml.read("r.yaml", "name: r\nactions: [{channel: webhook, target: \"http://x/\", digest: "
          + word + "}]\n").get(0);
      assertThat(rule.actions().get(0).digest()).isEqualTo(Optional.of(switch (word) {
        case "hourly" -> Duration.ofHours(1);
        case "daily" -> Duration.ofDays(1);
        default -> Duration.ofSeconds(10);
      }));
    }
  }
}
