package org.stellaops.connectors.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Generates a deterministic synthetic corpus for benchmarks and scale tests: OSV advisories in
 * {@code advisories/<ecosystem>.zip} and one CycloneDX 1.6 SBOM per image in
 * {@code sboms/image-<NNNNNN>.cdx.json}. Output is streamed, one record or image at a time.
 *
 * <p>Files of the same names are replaced; other files in the output directory are left alone.
 */
public final class CorpusGenerator {
  /** The phase name reported while advisories are written. */
  public static final String ADVISORIES_PHASE = "advisories";

  /** The phase name reported while SBOMs are written. */
  public static final String SBOMS_PHASE = "sboms";

  private static final int SBOM_BUFFER_BYTES = 1 << 16;

  public CorpusSummary generate(CorpusSpec spec, Path outDir, ProgressListener progress)
      throws IOException {
    requireNonNull(spec, "spec is null");
    requireNonNull(outDir, "outDir is null");
    requireNonNull(progress, "progress is null");
    PackagePool pool = PackagePool.create(spec.seed());
    AffectedVersionIndex affected = new AffectedVersionIndex();
    Path advisoryDirectory = outDir.resolve("advisories");
    Path sbomDirectory = outDir.resolve("sboms");
    List<Path> archives = writeAdvisories(spec, pool, advisoryDirectory, affected, progress);
    long archiveBytes = 0;
    for (Path archive : archives) {
      archiveBytes += Files.size(archive);
    }
    SbomTotals sboms = writeSboms(spec, pool, sbomDirectory, affected, progress);
    return new CorpusSummary(
        outDir,
        advisoryDirectory,
        sbomDirectory,
        archives,
        spec.advisories(),
        spec.images(),
        spec.components(),
        sboms.componentsInAdvisoryRange(),
        archiveBytes + sboms.bytes());
  }

  private static List<Path> writeAdvisories(
      CorpusSpec spec,
      PackagePool pool,
      Path directory,
      AffectedVersionIndex affected,
      ProgressListener progress)
      throws IOException {
    AdvisoryComposer composer = new AdvisoryComposer(spec.seed(), pool);
    Progress reporter = new Progress(ADVISORIES_PHASE, spec.advisories(), progress);
    try (AdvisoryArchives archives = AdvisoryArchives.create(directory)) {
      for (int index = 0; index < spec.advisories(); index++) {
        SyntheticAdvisory advisory = composer.compose(index);
        for (SyntheticAdvisory.Affected entry : advisory.affected()) {
          affected.add(entry.target(), entry.range());
        }
        archives.add(advisory);
        reporter.advanced(index + 1);
      }
      return archives.paths();
    }
  }

  private record SbomTotals(long componentsInAdvisoryRange, long bytes) {}

  private static SbomTotals writeSboms(
      CorpusSpec spec,
      PackagePool pool,
      Path directory,
      AffectedVersionIndex affected,
      ProgressListener progress)
      throws IOException {
    Files.createDirectories(directory);
    ImageComposer composer = new ImageComposer(spec.seed(), pool, spec.componentsPerImage());
    Progress reporter = new Progress(SBOMS_PHASE, spec.images(), progress);
    long inRange = 0;
    long bytes = 0;
    for (int number = 1; number <= spec.images(); number++) {
      SyntheticImage image = composer.compose(number);
      for (SyntheticImage.Component component : image.components()) {
        if (affected.contains(component.target(), component.versionIndex())) {
          inRange++;
        }
      }
      Path file = directory.resolve(String.format(Locale.ROOT, "image-%06d.cdx.json", number));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), SBOM_BUFFER_BYTES)) {
        CycloneDxImageWriter.write(image, out);
      }
      bytes += Files.size(file);
      reporter.advanced(number);
    }
    return new SbomTotals(inRange, bytes);
  }

  /** Reports about every percent, and always the last item, so listeners are not flooded. */
  private static final class Progress {
    private final String phase;
    private final long total;
    private final long step;
    private final ProgressListener listener;

    Progress(String phase, long total, ProgressListener listener) {
      this.phase = phase;
      this.total = total;
      this.step = Math.max(1, total / 100);
      this.listener = listener;
    }

    void advanced(long done) {
      if (done % step == 0 || done == total) {
        listener.advanced(phase, done, total);
      }
    }
  }
}
