package org.stellaops.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stellaops.connectors.notify.Channel;
import org.stellaops.connectors.notify.DeliveryDispatcher;
import org.stellaops.connectors.notify.DeliveryException;
import org.stellaops.connectors.notify.DeliveryStore;
import org.stellaops.connectors.notify.DeliveryStore.Delivery;
import org.stellaops.connectors.notify.DeliveryStore.DeliveryFilter;
import org.stellaops.connectors.notify.NotifyRule;
import org.stellaops.connectors.notify.NotifyRuleStore;
import org.stellaops.connectors.notify.NotifyRuleYaml;
import org.stellaops.connectors.notify.OutboxMessage;
import org.stellaops.connectors.notify.SmtpSettings;
import org.stellaops.connectors.yaml.LocatedYaml.InvalidYamlException;
import org.stellaops.jobs.runtime.StellaContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stella notify rules apply|list|remove, test, deliveries, dispatch}: notification rules and their outbox. */
@Command(name = "notify", mixinStandardHelpOptions = true,
    description = {"Notification rules (YAML, see docs/streaming.md), test messages and the delivery outbox.",
        "`stella stream` evaluates the rules and sends the messages."},
    subcommands = {NotifyCommand.Rules.class, NotifyCommand.Test.class, NotifyCommand.Deliveries.class,
        NotifyCommand.Dispatch.class})
final class NotifyCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Format { table, json }

  @Command(name = "rules", mixinStandardHelpOptions = true, description = "Create, list and remove notification rules.",
      subcommands = {ApplyRules.class, ListRules.class, RemoveRule.class})
  static final class Rules {}

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {"Create or update the rules of a YAML file (one rule per document; `---` between documents).",
          "Nothing is applied from a file with an error; the error names the file, line, column and reason (exit 3).",
          "A running stream picks the change up within seconds."})
  static final class ApplyRules implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE", description = "The rule YAML file.") Path file;

    @Override
    public Integer call() throws Exception {
      Optional<String> read = TextFiles.readUtf8(file, spec);
      if (read.isEmpty()) {
        return ExitCodes.PARTIAL;
      }
      String text = read.get();
      List<NotifyRule> rules;
      try {
        rules = NotifyRuleYaml.read(file.toString(), text);
      } catch (InvalidYamlException e) {
        spec.commandLine().getErr().println("stella: " + e.getMessage());
        spec.commandLine().getErr().println("stella: nothing applied");
        return ExitCodes.PARTIAL;
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        List<NotifyRuleStore.Change> changes = context.bean(NotifyRuleStore.class).apply(rules, file.toString());
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < rules.size(); i++) {
          out.println("rule " + rules.get(i).name() + ": " + changes.get(i).name().toLowerCase(Locale.ROOT)
              + (rules.get(i).enabled() ? "" : " (disabled)"));
        }
        out.printf(Locale.ROOT, "applied %d rule(s) from %s%n", rules.size(), file);
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The rules: what they match and their actions.")
  static final class ListRules implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") Format format;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        List<NotifyRuleStore.StoredRule> rules = context.bean(NotifyRuleStore.class).list();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
          ArrayNode array = JSON.createArrayNode();
          for (NotifyRuleStore.StoredRule stored : rules) {
            ObjectNode node = (ObjectNode) JSON.readTree(NotifyRuleStore.json(stored.rule()));
            node.put("sourceFile", stored.sourceFile());
            node.put("revision", stored.revision());
            node.put("updatedAt", stored.updatedAt().toString());
            array.add(node);
          }
          out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
          return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%-24s %-8s %-40s %s%n", "NAME", "ENABLED", "MATCH", "ACTIONS");
        for (NotifyRuleStore.StoredRule stored : rules) {
          NotifyRule rule = stored.rule();
          out.printf(Locale.ROOT, "%-24s %-8s %-40s %s%n", rule.name(), rule.enabled() ? "yes" : "no", match(rule),
              String.join("; ", rule.actions().stream().map(NotifyCommand::action).toList()));
        }
        if (rules.isEmpty()) {
          out.println("(no rules; add some with stella notify rules apply FILE)");
        }
        return ExitCodes.OK;
      }
    }
  }

  private static String match(NotifyRule rule) {
    StringBuilder s = new StringBuilder();
    s.append(rule.match().eventKinds().isEmpty() ? "any event" : String.join(",", rule.match().eventKinds()));
    rule.match().minSeverity().ifPresent(level -> s.append(" >=").append(level.name().toLowerCase(Locale.ROOT)));
    if (!rule.match().repositories().isEmpty()) {
      s.append(" in ").append(String.join(",", rule.match().repositories()));
    }
    return s.toString();
  }

  private static String action(NotifyRule.Action action) {
    return action.channel().label() + " " + action.target()
        + action.throttle().map(d -> " throttle " + d.toString().substring(2).toLowerCase(Locale.ROOT)).orElse("")
        + action.digest().map(d -> " digest " + d.toString().substring(2).toLowerCase(Locale.ROOT)).orElse("");
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a rule (exit 4 when there is none).")
  static final class RemoveRule implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The rule.") String name;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        if (!context.bean(NotifyRuleStore.class).delete(name)) {
          throw new NotFoundException("no rule named " + name);
        }
        spec.commandLine().getOut().println("rule " + name + ": removed");
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = {"Send a test message now, straight to the target (not through the outbox), and say what happened.",
          "E-mail goes through the SMTP server of STELLA_SMTP_HOST, STELLA_SMTP_PORT, STELLA_SMTP_FROM (see docs/streaming.md).",
          "Exit 0 delivered, 8 not delivered."})
  static final class Test implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--channel", required = true, description = "webhook, slack, teams or email.") String channel;
    @Option(names = "--target", required = true, description = "The URL (webhook, slack, teams) or address (email).")
    String target;

    @Override
    public Integer call() {
      Optional<Channel> parsed = Channel.ofLabel(channel);
      if (parsed.isEmpty()) {
        spec.commandLine().getErr().println("stella: --channel is one of webhook, slack, teams, email; got '" + channel + "'");
        return ExitCodes.USAGE;
      }
      OutboxMessage message = OutboxMessage.test(parsed.get(), target, Instant.now().toString());
      try {
        String note = DeliveryDispatcher.standardSenders(SmtpSettings.fromEnvironment(), Duration.ofSeconds(10))
            .get(parsed.get()).send(message);
        spec.commandLine().getOut().println("delivered to " + target + " over " + channel + ": " + note);
        return ExitCodes.OK;
      } catch (DeliveryException e) {
        spec.commandLine().getErr().println("stella: not delivered (" + (e.isRetriable() ? "retriable" : "permanent") + "): "
            + e.getMessage());
        return ExitCodes.EXPORT;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("stella: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
  }

  @Command(name = "deliveries", mixinStandardHelpOptions = true,
      description = {"The outbox: each message with its rule, channel, target, status, attempts and last error.",
          "--failed lists dead letters and messages waiting to be retried; --dead only dead letters."})
  static final class Deliveries implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--failed", description = "Only dead letters and messages waiting for a retry.") boolean failed;
    @Option(names = "--dead", description = "Only dead letters.") boolean dead;
    @Option(names = "--limit", defaultValue = "50", description = "Newest messages shown (default: ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") Format format;

    @Override
    public Integer call() throws Exception {
      DeliveryFilter filter = dead ? DeliveryFilter.DEAD : failed ? DeliveryFilter.FAILED : DeliveryFilter.ALL;
      try (StellaContext context = StellaContext.open(database.settings())) {
        List<Delivery> deliveries = context.bean(DeliveryStore.class).list(filter, limit);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
          ArrayNode array = JSON.createArrayNode();
          for (Delivery d : deliveries) {
            ObjectNode node = array.addObject();
            node.put("id", d.message().deliveryId());
            ArrayNode events = node.putArray("eventIds");
            for (String id : d.message().eventIds()) {
              events.add(id);
            }
            node.put("rule", d.message().ruleName());
            node.put("kind", d.message().kind());
            node.put("channel", d.message().channel());
            node.put("target", d.message().target());
            node.put("status", d.status());
            node.put("attempts", d.attempts());
            node.put("lastError", d.lastError().orElse(null));
            node.put("createdAt", d.createdAt().toString());
            node.put("deliveredAt", d.deliveredAt().map(Instant::toString).orElse(null));
          }
          out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
          return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%-36s %-20s %-7s %-8s %-40s %-8s %-8s %s%n", "ID", "RULE", "KIND", "CHANNEL", "TARGET",
            "STATUS", "ATTEMPTS", "LAST ERROR");
        for (Delivery d : deliveries) {
          out.printf(Locale.ROOT, "%-36s %-20s %-7s %-8s %-40s %-8s %-8d %s%n", d.message().deliveryId(),
              d.message().ruleName(), d.message().kind(), d.message().channel(), d.message().target(), d.status(),
              d.attempts(), d.lastError().orElse(""));
        }
        if (deliveries.isEmpty()) {
          out.println(filter == DeliveryFilter.ALL ? "(no deliveries)" : "(no failed deliveries)");
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "dispatch", mixinStandardHelpOptions = true,
      description = {"Send what the outbox holds, without running the stream (e.g. next to `stella stream --no-dispatch`).",
          "Runs until interrupted, or once with --once."})
  static final class Dispatch implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--once", description = "Send what is due now, then stop.") boolean once;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(context.bean(DeliveryStore.class),
            DeliveryDispatcher.standardSenders(SmtpSettings.fromEnvironment(), Duration.ofSeconds(10)),
            DeliveryDispatcher.RetryPolicy.DEFAULT);
        if (once) {
          int handled = 0;
          int round;
          while ((round = dispatcher.dispatchDue()) > 0) {
            handled += round;
          }
          spec.commandLine().getOut().printf(Locale.ROOT, "handled %d message(s): %d sent, %d to retry, %d dead%n", handled,
              dispatcher.sentCount(), dispatcher.retriedCount(), dispatcher.deadCount());
          return ExitCodes.OK;
        }
        dispatcher.start(Duration.ofMillis(200));
        try {
          Thread.currentThread().join();
        } finally {
          dispatcher.close();
        }
        return ExitCodes.OK;
      }
    }
  }
}
