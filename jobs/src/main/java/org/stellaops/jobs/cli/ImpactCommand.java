package org.stellaops.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.FleetIndexStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stella impact --delta N}: the images an advisory snapshot's changes touch. */
@Command(name = "impact", mixinStandardHelpOptions = true,
    description = {"List the images whose current SBOM holds a product key that advisory snapshot N changed",
        "(its export deltas), with the keys that selected each image. Reads the fleet index: one bitmap per",
        "changed key, whatever the size of the fleet."})
final class ImpactCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;

  @Option(names = "--delta", required = true, paramLabel = "N", description = "The advisory snapshot number whose changes to follow.")
  long snapshot;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format { table, json }

  @Option(names = "--used-by-entrypoint",
      description = {"Leave out images whose SBOM states that the entrypoint does not use any changed component they hold"
          + " (CycloneDX property stellaops:usedByEntrypoint, SPDX *_DEPENDENCY_OF relationships; docs/formats/bom-index.md).",
          "Images whose SBOM says nothing keep their place: use is never guessed. For prioritising; reevaluate always"
              + " takes every impacted image."})
  boolean usedByEntrypoint;

  @Override
  public Integer call() throws Exception {
    if (snapshot < 1) {
      throw new ParameterException(spec.commandLine(), "--delta must be a snapshot number (1 or more), got " + snapshot);
    }
    try (StellaContext context = StellaContext.open(database.settings())) {
      FleetPreconditions.requireSnapshot(context, snapshot);
      FleetIndexStore fleet = FleetPreconditions.fleetIndex(spec, context);
      List<String> keys = context.bean(AdvisoryStore.class).changedProductKeys(snapshot - 1, snapshot);
      long started = System.nanoTime();
      FleetIndexStore.Impact impact = fleet.impact(keys);
      double millis = (System.nanoTime() - started) / 1e6;
      int all = impact.images().size();
      // Which changed keys selected each image: listed, but not part of the selection's own cost.
      SortedMap<String, SortedSet<String>> impacted = impact.keysByImage();
      if (usedByEntrypoint) {
        impacted = fleet.usedByEntrypoint(impacted);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.json) {
        ObjectNode root = json(keys.size(), impacted, millis);
        if (usedByEntrypoint) {
          root.put("leftOutAsNotUsedByEntrypoint", all - impacted.size());
        }
        out.print(JSON.writeValueAsString(root) + "\n");
      } else {
        impacted.forEach((image, selectedBy) -> out.println(image + "  " + String.join(", ", selectedBy)));
        out.println(String.format(Locale.ROOT, "%d image(s) impacted by %d changed product key(s) of snapshot %d;"
            + " selection %.1f ms%s", impacted.size(), keys.size(), snapshot, millis, usedByEntrypoint
            ? String.format(Locale.ROOT, "; %d more left out: their SBOM says the entrypoint does not use the changed"
                + " components", all - impacted.size()) : ""));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private ObjectNode json(int changedKeys, SortedMap<String, SortedSet<String>> impacted, double millis) {
    ObjectNode root = JSON.createObjectNode();
    root.put("snapshot", snapshot);
    root.put("changedProductKeys", changedKeys);
    root.put("selectionMillis", Math.round(millis * 10) / 10.0);
    ArrayNode images = root.putArray("images");
    impacted.forEach((image, selectedBy) -> {
      ObjectNode node = images.addObject();
      node.put("imageDigest", image);
      ArrayNode keys = node.putArray("productKeys");
      selectedBy.forEach(keys::add);
    });
    return root;
  }
}
