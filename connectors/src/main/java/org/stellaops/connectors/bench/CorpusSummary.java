package org.stellaops.connectors.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What a generation run wrote. {@code advisoryRecords} counts the {@code <ID>.json} entries
 * across the {@code advisoryArchives}; {@code componentsInAdvisoryRange} counts the components
 * whose version lies inside at least one advisory's affected ranges, the ground truth a
 * matcher run over this corpus should reproduce.
 */
public record CorpusSummary(
    Path outputDirectory,
    Path advisoryDirectory,
    Path sbomDirectory,
    List<Path> advisoryArchives,
    long advisoryRecords,
    int sbomFiles,
    long components,
    long componentsInAdvisoryRange,
    long bytesWritten) {

  public CorpusSummary {
    requireNonNull(outputDirectory, "outputDirectory is null");
    requireNonNull(advisoryDirectory, "advisoryDirectory is null");
    requireNonNull(sbomDirectory, "sbomDirectory is null");
    advisoryArchives = List.copyOf(requireNonNull(advisoryArchives, "advisoryArchives is null"));
  }

  /** The share of components inside some advisory's range, from 0 to 1. */
  public double affectedComponentShare() {
    return components == 0 ? 0 : (double) componentsInAdvisoryRange / components;
  }
}
