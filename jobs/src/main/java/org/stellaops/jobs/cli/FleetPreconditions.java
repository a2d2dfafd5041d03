package org.stellaops.jobs.cli;

import org.springframework.transaction.support.TransactionTemplate;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.store.FleetIndexStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.SnapshotStore;
import picocli.CommandLine.Model.CommandSpec;

/** What the commands that read snapshots and the fleet index check first, in one place. */
final class FleetPreconditions {
  private FleetPreconditions() {}

  /** Throws (exit 4) unless snapshot number {@code snapshot} exists. */
  static void requireSnapshot(StellaContext context, long snapshot) throws NotFoundException {
    SnapshotStore snapshots = context.bean(SnapshotStore.class);
    if (!snapshots.isSealed(snapshot)) {
      throw new NotFoundException("advisory snapshot " + snapshot + " does not exist (snapshot numbers are given when an"
          + " ingest run completes; the newest is " + snapshots.latestSealed() + ")");
    }
  }

  /**
   * Builds the fleet index (in one transaction) when SBOMs stored before it existed are not in it,
   * and warns about assignments an unfinished SBOM ingest has not applied yet.
   */
  static FleetIndexStore fleetIndex(CommandSpec spec, StellaContext context) {
    FleetIndexStore fleet = context.bean(FleetIndexStore.class);
    if (fleet.needsRebuild()) {
      spec.commandLine().getErr().println("stella: building the fleet index for SBOMs stored before it existed");
      context.bean(TransactionTemplate.class).execute(status -> fleet.rebuild(context.bean(SbomStore.class)::backfillProducts));
    }
    long pending = fleet.pendingCount();
    if (pending > 0) {
      spec.commandLine().getErr().println("stella: " + pending + " image assignment(s) of an SBOM ingest"
          + " that has not finished are not in the fleet index yet (run or resume that ingest)");
    }
    return fleet;
  }
}
