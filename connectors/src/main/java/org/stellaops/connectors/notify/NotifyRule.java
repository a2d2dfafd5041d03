package org.stellaops.connectors.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * A notification rule: which events it matches and what it sends where. Read from YAML by
 * {@link NotifyRuleYaml}, stored as JSON by {@link NotifyRuleStore}, evaluated by the stream.
 */
public record NotifyRule(String name, boolean enabled, Match match, List<Action> actions) {
  public NotifyRule {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(match, "match is null");
    actions = List.copyOf(actions);
  }

  /**
   * What an event must be to match. Empty lists match everything. {@code minSeverity}: the
   * event has a new finding at least this severe. {@code repositories}: globs ({@code *} is any
   * run of characters) over the image's repository, as its SBOM names it.
   */
  public record Match(List<String> eventKinds, Optional<SeverityLevel> minSeverity, List<String> repositories,
      boolean includeAcceptedVexJustifications) {
    public Match {
      eventKinds = List.copyOf(eventKinds);
      Objects.requireNonNull(minSeverity, "minSeverity is null");
      repositories = List.copyOf(repositories);
    }

    /** Whether {@code event} matches. */
    public boolean matches(RescanDelta event) {
      if (!eventKinds.isEmpty() && !eventKinds.contains(event.kind())) {
        return false;
      }
      if (minSeverity.isPresent()) {
        Optional<SeverityLevel> worst = SeverityLevel.fromWord(event.worstNewSeverity());
        // SeverityLevel is ordered from most to least severe.
        if (worst.isEmpty() || worst.get().compareTo(minSeverity.get()) > 0) {
          return false;
        }
      }
      if (!repositories.isEmpty()) {
        String repository = event.repository();
        return repositories.stream().anyMatch(glob -> glob(glob).matcher(repository).matches());
      }
      return true;
    }

    private static Pattern glob(String glob) {
      List<String> parts = java.util.Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).toList();
      return Pattern.compile(String.join(".*", parts));
    }
  }

  /**
   * One thing to send: {@code throttle} sends at most one message per window of that length (the
   * first event of the window); {@code digest} collects a window's events into one message.
   */
  public record Action(Channel channel, String target, String template, Optional<Duration> throttle,
      Optional<Duration> digest) {
    public Action {
      Objects.requireNonNull(channel, "channel is null");
      Objects.requireNonNull(target, "target is null");
      Objects.requireNonNull(template, "template is null");
      Objects.requireNonNull(throttle, "throttle is null");
      Objects.requireNonNull(digest, "digest is null");
      if (throttle.isPresent() && digest.isPresent()) {
        throw new IllegalArgumentException("an action either throttles or digests, not both");
      }
    }
  }
}
