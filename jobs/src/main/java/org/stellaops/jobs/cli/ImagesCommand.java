package org.stellaops.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.transaction.support.TransactionTemplate;
import org.stellaops.jobs.ingest.sboms.SbomIngestJobConfig;
import org.stellaops.jobs.runtime.JobRunner;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.store.FleetIndexStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stella images retire DIGEST...}: take images out of the fleet. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "Manage the images of the fleet.",
    subcommands = ImagesCommand.Retire.class)
final class ImagesCommand {

  @Command(name = "retire", mixinStandardHelpOptions = true,
      description = {"Take images out of the fleet: they are no longer evaluated, reported or selected by impact,",
          "and leave the fleet index. Their verdicts and SBOM history stay; ingesting an SBOM for the digest",
          "again brings the image back."})
  static final class Retire implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIGEST", description = "Image digests (sha256:...).")
    List<String> images;

    @Override
    public Integer call() throws Exception {
      ImageDigests.requireWellFormed(spec, "DIGEST", images);
      try (StellaContext context = StellaContext.open(database.settings())) {
        FleetIndexStore fleet = context.bean(FleetIndexStore.class);
        List<String> retired = context.bean(JobRunner.class).whileHolding(SbomIngestJobConfig.JOB_NAME,
            () -> context.bean(TransactionTemplate.class).execute(status -> fleet.retire(images)));
        List<String> unknown = images.stream().filter(d -> !retired.contains(d)).distinct().toList();
        retired.forEach(d -> spec.commandLine().getOut().println("retired " + d));
        if (!unknown.isEmpty()) {
          throw new NotFoundException("not in the fleet: " + String.join(", ", unknown)
              + (retired.isEmpty() ? "" : " (the others were retired)"));
        }
        return ExitCodes.OK;
      }
    }
  }
}
