package org.stellaops.exports.trivy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.stellaops.schemas.advisory.Advisory;

/**
 * One Trivy DB export into a directory: {@code trivy.db}, {@code metadata.json} and
 * {@code db.tar.gz}, and optionally an OCI image layout of the artifact. Every time written comes
 * from {@code updatedAt} (the advisory snapshot's seal time), so one snapshot gives the same bytes.
 */
public final class TrivyDbExport {
  private TrivyDbExport() {}

  /**
   * @param out directory for the three files (created when absent)
   * @param sourceName data source name in language bucket names and the {@code data-source} bucket
   * @param updatedAt {@code UpdatedAt}, and the time inside the tarball and the OCI manifest
   * @param nextUpdateAfter {@code NextUpdate} is {@code updatedAt} plus this
   * @param ociLayout where to write an OCI image layout, if anywhere
   * @param tag the tag the layout's index names
   */
  public record Options(Path out, String sourceName, Instant updatedAt, Duration nextUpdateAfter, Optional<Path> ociLayout,
      String tag) {}

  /** A file written: size and {@code sha256:} digest. */
  public record FileInfo(long bytes, String sha256) {}

  /** What the export holds and wrote. */
  public record Result(TrivyDbSummary summary, Map<String, FileInfo> files, OciArtifact artifact) {}

  /**
   * Runs the export; {@code advisories} hands every advisory of the snapshot to the consumer it is
   * given (a store's cursor, say), so the caller never holds them all.
   */
  public static Result run(Options options, Consumer<Consumer<Advisory>> advisories) throws IOException {
    Files.createDirectories(options.out());
    TrivyDbBuilder builder = new TrivyDbBuilder(new TrivyMapper(options.sourceName()));
    advisories.accept(builder::add);
    Path db = options.out().resolve(TrivyArtifacts.DB_FILE);
    TrivyDbSummary summary = builder.write(db);
    Path metadata = options.out().resolve(TrivyArtifacts.METADATA_FILE);
    Path partial = metadata.resolveSibling(TrivyArtifacts.METADATA_FILE + ".partial");
    Files.write(partial, TrivyArtifacts.metadata(options.updatedAt(), options.updatedAt().plus(options.nextUpdateAfter())));
    Files.move(partial, metadata, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Path archive = options.out().resolve(TrivyArtifacts.ARCHIVE_FILE);
    TrivyArtifacts.archive(options.out(), archive, options.updatedAt());
    OciArtifact artifact = OciArtifact.of(archive, TrivyArtifacts.rfc3339(options.updatedAt()));
    if (options.ociLayout().isPresent()) {
      artifact.writeLayout(options.ociLayout().get(), options.tag());
    }
    Map<String, FileInfo> files = new LinkedHashMap<>();
    for (Path file : new Path[] {db, metadata, archive}) {
      files.put(file.getFileName().toString(), info(file));
    }
    return new Result(summary, files, artifact);
  }

  private static FileInfo info(Path file) {
    try {
      return new FileInfo(Files.size(file), OciArtifact.sha256(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
