package org.stellaops.jobs.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.stellaops.connectors.store.ExportRunStore;
import org.stellaops.connectors.store.MirrorStore;
import org.stellaops.jobs.runtime.StellaContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stella export metrics}: the Export Center's metrics in the Prometheus text format,
 * computed from the system of record (export runs, mirror imports), so counters only grow
 * whichever process ran the exports. For node_exporter's textfile collector, an Airflow task,
 * or a look by hand.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"The Export Center's metrics in the Prometheus text format, from the database: runs, records, bytes, durations",
        "and failures by error class per profile; mirror imports and refused bundles. Totals since the database began, so",
        "they are counters whichever process ran the exports. Names and meanings: docs/export-center/metrics.md."},
    footer = {"", "Exit codes: 0 ok, 7 database unavailable."})
final class ExportMetricsCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Write to FILE (replaced whole, e.g. /var/lib/node_exporter/textfile/stella_export.prom) instead of standard output.")
  Path out;

  @Override
  public Integer call() throws Exception {
    try (StellaContext context = StellaContext.open(database.settings())) {
      String text = scrape(context.bean(ExportRunStore.class).totals(), context.bean(MirrorStore.class));
      if (out == null) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      } else {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve("." + out.getFileName() + ".partial-" + ProcessHandle.current().pid());
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        spec.commandLine().getOut().println("wrote " + out);
        spec.commandLine().getOut().flush();
      }
      return ExitCodes.OK;
    }
  }

  /** The metrics of {@code totals} and the mirror's counts, as Prometheus text. */
  static String scrape(List<ExportRunStore.Totals> totals, MirrorStore mirror) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Map<String, long[]> perProfile = new java.util.TreeMap<>();
    Map<String, double[]> duration = new java.util.TreeMap<>();
    for (ExportRunStore.Totals t : totals) {
      FunctionCounter.builder("export.runs", t, x -> x.runs()).description("export runs by profile and final status (running: not finished)")
          .tags("profile", t.profile(), "status", t.status()).register(registry);
      if (t.status().equals("failed")) {
        FunctionCounter.builder("export.failures", t, x -> x.runs()).description("failed export runs by profile and error class")
            .tags("profile", t.profile(), "error_class", t.errorClass().isEmpty() ? "export_error" : t.errorClass()).register(registry);
      }
      if (t.status().equals("succeeded")) {
        long[] sums = perProfile.computeIfAbsent(t.profile(), p -> new long[2]);
        sums[0] += t.records();
        sums[1] += t.bytes();
        double[] d = duration.computeIfAbsent(t.profile(), p -> new double[2]);
        d[0] += t.runs();
        d[1] += t.seconds();
      }
    }
    perProfile.forEach((profile, sums) -> {
      FunctionCounter.builder("export.records", sums, s -> s[0]).description("advisory records written by succeeded export runs")
          .tags("profile", profile).register(registry);
      FunctionCounter.builder("export.bytes", sums, s -> s[1]).description("bytes of the files succeeded export runs wrote")
          .tags("profile", profile).register(registry);
    });
    duration.forEach((profile, d) -> FunctionTimer.builder("export.duration", d, x -> (long) x[0], x -> x[1], TimeUnit.SECONDS)
        .description("wall-clock time of succeeded export runs, start to finish").tags("profile", profile).register(registry));
    FunctionCounter.builder("export.verify.fail", mirror, MirrorStore::refusals)
        .description("bundles stella mirror import refused: they did not verify, or disagreed with their manifest").register(registry);
    mirror.importsByProfile().forEach((profile, n) -> FunctionCounter.builder("mirror.imports", n, x -> x)
        .description("mirror bundles applied by stella mirror import").tags("profile", profile).register(registry));
    long[] held = mirror.counts();
    Gauge.builder("mirror.advisories", held, h -> h[0]).description("advisories the mirror holds").register(registry);
    return registry.scrape();
  }
}
