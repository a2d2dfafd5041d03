package org.stellaops.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.stellaops.jobs.report.ReportFormat;
import org.stellaops.jobs.report.ReportRenderer;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.store.VerdictStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stella demo}: the whole path on the sample data the project ships. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Ingest the bundled sample advisories and SBOMs, re-evaluate, and print the verdict table.",
        "Uses the same database as every other command (embedded by default); running it again changes nothing."})
final class DemoCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path samples = Files.createTempDirectory("stella-demo");
    try {
      extract(samples);
      PrintWriter out = spec.commandLine().getOut();
      try (StellaContext context = StellaContext.open(database.settings())) {
        out.println("== stella demo: database " + redact(context.jdbcUrl()));
        int advisories = IngestCommand.run(spec, context, "ingestAdvisoriesJob", List.of(samples.resolve("advisories")), Map.of(), "advisories");
        int sboms = IngestCommand.run(spec, context, "ingestSbomsJob", List.of(samples.resolve("sboms")), Map.of(), "sboms");
        int evaluated = ReevaluateCommand.run(spec, context, List.of(), null).exitCode();
        out.println();
        out.print(new ReportRenderer(5).render(ReportFormat.table, context.bean(VerdictStore.class).latest(List.of())));
        out.println();
        out.println("Next: bin/stella report --all --format json   (the documented contract: docs/formats/report-json.md)");
        out.flush();
        return Math.max(advisories, Math.max(sboms, evaluated));
      }
    } finally {
      TempTrees.delete(samples);
    }
  }

  private static void extract(Path target) throws IOException {
    Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:demo/*/*");
    for (Resource resource : resources) {
      String url = resource.getURL().toString();
      if (url.endsWith("/") || resource.getFilename() == null || resource.getFilename().isEmpty()) {
        continue;
      }
      String relative = url.substring(url.lastIndexOf("demo/") + "demo/".length());
      Path file = target.resolve(relative);
      Files.createDirectories(file.getParent());
      try (InputStream in = resource.getInputStream()) {
        Files.copy(in, file);
      }
    }
  }

  private static String redact(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }

}
