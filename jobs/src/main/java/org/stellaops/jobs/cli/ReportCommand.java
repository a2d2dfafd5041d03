package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.stellaops.jobs.report.ReportFormat;
import org.stellaops.jobs.report.ReportRenderer;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.store.VerdictStore;
import org.stellaops.connectors.store.VerdictStore.StoredVerdict;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stella report --all | --image DIGEST... [--format table|json|sarif]}. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Print the newest verdict of images with their findings.",
        "json is a stable contract (docs/formats/report-json.md); sarif is SARIF 2.1.0."})
final class ReportCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;
  @ArgGroup(exclusive = true, multiplicity = "1") ReevaluateCommand.ImageSelection selection;

  @Option(names = "--format", defaultValue = "table", description = "table, json or sarif (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(names = "--top", defaultValue = "5", description = "Findings shown per image in the table (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "WHEN", defaultValue = "never",
      description = "never, or fail: exit 10 when any reported verdict is FAIL (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Override
  public Integer call() throws Exception {
    if (!selection.all) {
      ImageDigests.requireWellFormed(spec, "--image", selection.images);
    }
    try (StellaContext context = StellaContext.open(database.settings())) {
      VerdictStore store = context.bean(VerdictStore.class);
      Consumer<Consumer<StoredVerdict>> verdicts;
      if (selection.all) {
        // Streamed: a fleet's verdicts are read and written one at a time.
        verdicts = consumer -> store.forEachLatest(List.of(), consumer);
      } else {
        List<StoredVerdict> listed = store.latest(selection.images);
        List<String> found = listed.stream().map(v -> v.verdict().imageDigest()).toList();
        List<String> missing = selection.images.stream().filter(d -> !found.contains(d)).toList();
        if (!missing.isEmpty()) {
          throw new NotFoundException("no verdict for image(s) " + String.join(", ", missing)
              + " (ingest its SBOM and run stella reevaluate first)");
        }
        verdicts = listed::forEach;
      }
      ReportRenderer renderer = new ReportRenderer(top);
      ReportRenderer.Summary summary;
      if (output != null) {
        // Written beside the target and moved over it: a failed report leaves no half-written file.
        Path absolute = output.toAbsolutePath();
        Path partial = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        try {
          try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            summary = renderer.render(format, verdicts, out);
          }
          Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(partial);
        }
      } else {
        PrintWriter out = spec.commandLine().getOut();
        summary = renderer.render(format, verdicts, out);
        out.flush();
      }
      return failOn.exitCode(summary.failing(), summary.total(), spec.commandLine().getErr());
    }
  }
}
