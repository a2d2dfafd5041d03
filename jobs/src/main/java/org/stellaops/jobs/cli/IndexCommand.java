package org.stellaops.jobs.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.store.FleetIndexStore;
import org.stellaops.connectors.store.SbomStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stella index rebuild}: recompute the fleet index from the current image assignments. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "Maintain the fleet index used by impact selection.",
    subcommands = IndexCommand.Rebuild.class)
final class IndexCommand {

  @Command(name = "rebuild", mixinStandardHelpOptions = true,
      description = {"Recompute the fleet index (product key -> images) from scratch, in one transaction, and say",
          "whether it differed from the incrementally maintained one (it never should)."})
  static final class Rebuild implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        FleetIndexStore fleet = context.bean(FleetIndexStore.class);
        long started = System.nanoTime();
        Boolean differed = context.bean(TransactionTemplate.class)
            .execute(status -> fleet.rebuild(context.bean(SbomStore.class)::backfillProducts));
        JdbcTemplate jdbc = context.bean(JdbcTemplate.class);
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
            "index: %d product key(s), %d product version(s), %d image(s); %s; %.1f s",
            jdbc.queryForObject("SELECT count(*) FROM sbom.fleet_index", Long.class),
            jdbc.queryForObject("SELECT count(*) FROM sbom.fleet_index_version", Long.class),
            jdbc.queryForObject("SELECT count(*) FROM sbom.image", Long.class),
            Boolean.TRUE.equals(differed) ? "the rebuilt index differed from the stored one and replaced it"
                : "identical to the stored index", (System.nanoTime() - started) / 1e9));
        return ExitCodes.OK;
      }
    }
  }
}
