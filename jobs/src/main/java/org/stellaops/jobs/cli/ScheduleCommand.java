package org.stellaops.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.jobs.scheduler.ScheduleDefinition;
import org.stellaops.jobs.scheduler.ScheduleStore;
import org.stellaops.jobs.scheduler.ScheduleYaml;
import org.stellaops.jobs.scheduler.SchedulerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stella schedule apply|list|run|runs|remove}: schedules of re-evaluation runs. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = {"Schedules of re-evaluation runs (YAML, see docs/schedules.md); `stella scheduler` fires them."},
    subcommands = {ScheduleCommand.Apply.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Run.class,
        ScheduleCommand.Runs.class, ScheduleCommand.Remove.class})
final class ScheduleCommand {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Format { table, json }

  /** The first five product keys and how many more (the JSON form lists them all). */
  static String abbreviate(String keys) {
    String[] all = keys.isBlank() ? new String[0] : keys.split(" ");
    return all.length <= 5 ? keys : String.join(" ", java.util.Arrays.copyOf(all, 5)) + " (+" + (all.length - 5) + " more)";
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {"Create or update the schedules of a YAML file (one schedule per document; `---` between documents).",
          "Nothing is applied from a file with an error; the error names the file, line, column and reason (exit 3)."})
  static final class Apply implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE", description = "The schedule YAML file.") Path file;

    @Override
    public Integer call() throws Exception {
      Optional<String> read = TextFiles.readUtf8(file, spec);
      if (read.isEmpty()) {
        return ExitCodes.PARTIAL;
      }
      String text = read.get();
      List<ScheduleDefinition> schedules;
      try {
        schedules = ScheduleYaml.read(file.toString(), text);
      } catch (ScheduleYaml.InvalidScheduleException e) {
        spec.commandLine().getErr().println("stella: " + e.getMessage());
        spec.commandLine().getErr().println("stella: nothing applied");
        return ExitCodes.PARTIAL;
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        Map<String, String> outcome = context.bean(ScheduleStore.class).apply(schedules, text, Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        outcome.forEach((name, what) -> out.println("schedule " + name + ": " + what));
        out.printf(Locale.ROOT, "applied %d schedule(s) from %s%n", outcome.size(), file);
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "The schedules: when they fire, their next slot (in the schedule's time zone), their last run.")
  static final class ListSchedules implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") Format format;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        JdbcTemplate jdbc = context.bean(JdbcTemplate.class);
        Instant now = Instant.now();
        PrintWriter out = spec.commandLine().getOut();
        ArrayNode json = JSON.createArrayNode();
        List<ScheduleStore.Stored> all = context.bean(ScheduleStore.class).all();
        if (format == Format.table) {
          out.printf(Locale.ROOT, "%-20s %-28s %-14s %-24s %-24s %-10s %s%n", "NAME", "WHEN", "MODE", "NEXT RUN", "LAST RUN",
              "STATUS", "ENABLED");
        }
        for (ScheduleStore.Stored stored : all) {
          ScheduleDefinition s = stored.definition();
          ZoneId zone = s.zone();
          Optional<ZonedDateTime> next = s.nextSlot(now.atZone(zone));
          Optional<SchedulerService.Due> due = SchedulerService.due(s, stored.firedUpTo(), now);
          List<Object[]> last = jdbc.query("SELECT started_at, status, run_id FROM scheduler.run WHERE schedule_name = ?"
              + " ORDER BY run_id DESC LIMIT 1", (r, i) -> new Object[] {r.getTimestamp(1), r.getString(2), r.getLong(3)},
              s.name());
          String lastRun = last.isEmpty() ? "never" : ((Timestamp) last.get(0)[0]).toInstant().atZone(zone).format(WHEN);
          String status = last.isEmpty() ? "-" : (String) last.get(0)[1];
          String nextText = next.map(n -> n.format(WHEN)).orElse("none");
          if (format == Format.json) {
            ObjectNode node = json.addObject();
            node.set("definition", s.toJson());
            node.put("nextRun", next.map(ZonedDateTime::toOffsetDateTime).map(Object::toString).orElse(null));
            due.ifPresent(d -> node.put("dueSlot", d.slot().atZone(zone).toOffsetDateTime().toString()));
            node.put("lastRun", last.isEmpty() ? null : ((Timestamp) last.get(0)[0]).toInstant().atZone(zone).toOffsetDateTime().toString());
            node.put("lastStatus", last.isEmpty() ? null : status);
            if (!last.isEmpty()) {
              node.put("lastRunId", (Long) last.get(0)[2]);
            }
          } else {
            out.printf(Locale.ROOT, "%-20s %-28s %-14s %-24s %-24s %-10s %s%n", s.name(), s.when(), s.mode(),
                nextText + (due.isPresent() ? " (due)" : ""), lastRun, status, s.enabled() ? "yes" : "no");
          }
        }
        if (format == Format.json) {
          out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } else if (all.isEmpty()) {
          out.println("(no schedules; add some with stella schedule apply FILE)");
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Run a schedule now, regardless of its slots.",
          "It selects as a fired run does: the deltas since its cursor, images without a verdict, and stale images if",
          "its onlyIf says so. Exit 9 when another process is running the same schedule, 4 when there is no such schedule."})
  static final class Run implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The schedule.") String name;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        SchedulerService.RunReport report;
        try {
          report = context.bean(SchedulerService.class).runNow(name, Instant.now(), spec.commandLine().getOut());
        } catch (SchedulerService.UnknownScheduleException e) {
          throw new NotFoundException(e.getMessage());
        }
        return report.status().equals("succeeded") ? ExitCodes.OK : ExitCodes.ERROR;
      }
    }
  }

  @Command(name = "runs", mixinStandardHelpOptions = true,
      description = {"Run records: what each run selected and why, how long it took, what changed.",
          "With --run ID: that run's images, each with its reasons, product keys and verdict change."})
  static final class Runs implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this schedule's runs.") String name;
    @Option(names = "--run", paramLabel = "ID", description = "One run's images.") Long run;
    @Option(names = "--limit", defaultValue = "20", description = "Newest runs shown (default: ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") Format format;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        JdbcTemplate jdbc = context.bean(JdbcTemplate.class);
        PrintWriter out = spec.commandLine().getOut();
        if (run != null) {
          List<Map<String, Object>> images = jdbc.queryForList("SELECT ordinal, image_digest, array_to_string(reasons, ',')"
              + " AS reasons, array_to_string(product_keys, ' ') AS product_keys, previous_decision, decision, new_criticals,"
              + " fixed FROM scheduler.run_image WHERE run_id = ? ORDER BY ordinal", run);
          if (images.isEmpty() && jdbc.queryForList("SELECT 1 FROM scheduler.run WHERE run_id = ?", run).isEmpty()) {
            throw new NotFoundException("no run " + run);
          }
          if (format == Format.json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(images));
          } else {
            out.printf(Locale.ROOT, "%-71s %-22s %-10s %-6s %-9s %s%n", "IMAGE", "REASONS", "VERDICT", "NEW-C", "FIXED",
                "PRODUCT KEYS");
            for (Map<String, Object> i : images) {
              out.printf(Locale.ROOT, "%-71s %-22s %-10s %-6s %-9s %s%n", i.get("image_digest"), i.get("reasons"),
                  i.get("previous_decision") == null ? String.valueOf(i.get("decision"))
                      : i.get("previous_decision") + ">" + i.get("decision"), String.valueOf(i.get("new_criticals")),
                  String.valueOf(i.get("fixed")), abbreviate(String.valueOf(i.get("product_keys"))));
            }
          }
          return ExitCodes.OK;
        }
        List<Map<String, Object>> runs = jdbc.queryForList("SELECT run_id, schedule_name, trigger, slot, missed_slots,"
            + " status, from_snapshot, to_snapshot, selected, impacted, unevaluated, stale, deferred, evaluated, unchanged,"
            + " new_criticals, fixed, flips, selection_ms, duration_ms, started_at, finished_at, error FROM scheduler.run"
            + (name == null ? "" : " WHERE schedule_name = ?") + " ORDER BY run_id DESC LIMIT " + Math.max(1, limit),
            name == null ? new Object[0] : new Object[] {name});
        if (format == Format.json) {
          out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(runs));
          return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%-6s %-16s %-9s %-10s %-9s %8s %8s %8s %6s %6s %9s %s%n", "RUN", "SCHEDULE", "TRIGGER",
            "STATUS", "DELTAS", "SELECTED", "EVAL'D", "UNCHGD", "NEW-C", "FLIPS", "SELECT-MS", "STARTED");
        for (Map<String, Object> r : runs) {
          out.printf(Locale.ROOT, "%-6s %-16s %-9s %-10s %-9s %8s %8s %8s %6s %6s %9s %s%n", r.get("run_id"),
              r.get("schedule_name"), r.get("trigger"), r.get("status"),
              (((Number) r.get("from_snapshot")).longValue() + 1) + ".." + r.get("to_snapshot"), r.get("selected"),
              r.get("evaluated"), r.get("unchanged"), r.get("new_criticals"), r.get("flips"),
              r.get("selection_ms") == null ? "-" : String.format(Locale.ROOT, "%.1f", ((Number) r.get("selection_ms")).doubleValue()),
              r.get("started_at"));
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a schedule (its run records stay).")
  static final class Remove implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The schedule.") String name;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        if (!context.bean(ScheduleStore.class).remove(name)) {
          throw new NotFoundException("no schedule named '" + name + "'");
        }
        spec.commandLine().getOut().println("schedule " + name + ": removed");
        return ExitCodes.OK;
      }
    }
  }
}
