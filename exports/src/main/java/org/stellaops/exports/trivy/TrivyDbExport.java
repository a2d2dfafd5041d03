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
    Path out = Files.createDirectories(options.out());
    removeAbandonedStaging(out);
    // Everything is written in a staging folder of this process, then moved into place file by
    // file: a run that dies leaves the previous export's files whole (and its folder, removed by
    // the next run), never a half-written trivy.db under the final name.
    Path stage = out.resolve(STAGING_PREFIX + ProcessHandle.current().pid());
    deleteTree(stage);
    Files.createDirectories(stage);
    try {
      TrivyDbBuilder builder = new TrivyDbBuilder(new TrivyMapper(options.sourceName()));
      advisories.accept(builder::add);
      TrivyDbSummary summary = builder.write(stage.resolve(TrivyArtifacts.DB_FILE));
      Files.write(stage.resolve(TrivyArtifacts.METADATA_FILE),
          TrivyArtifacts.metadata(options.updatedAt(), options.updatedAt().plus(options.nextUpdateAfter())));
      TrivyArtifacts.archive(stage, stage.resolve(TrivyArtifacts.ARCHIVE_FILE), options.updatedAt());
      Map<String, FileInfo> files = new LinkedHashMap<>();
      for (String name : new String[] {TrivyArtifacts.DB_FILE, TrivyArtifacts.METADATA_FILE, TrivyArtifacts.ARCHIVE_FILE}) {
        files.put(name, info(stage.resolve(name)));
      }
      for (String name : files.keySet()) {
        Files.move(stage.resolve(name), out.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      Path archive = out.resolve(TrivyArtifacts.ARCHIVE_FILE);
      OciArtifact artifact = OciArtifact.of(archive, files.get(TrivyArtifacts.ARCHIVE_FILE).sha256(), TrivyArtifacts.rfc3339(options.updatedAt()));
      if (options.ociLayout().isPresent()) {
        artifact.writeLayout(options.ociLayout().get(), options.tag());
      }
      return new Result(summary, files, artifact);
    } finally {
      deleteTree(stage);
    }
  }

  /** Staging folders are named with this and the writing process's id. */
  static final String STAGING_PREFIX = ".trivy-db-partial-";

  /** Removes staging folders left by processes that no longer run (killed exports). */
  static void removeAbandonedStaging(Path out) throws IOException {
    try (java.util.stream.Stream<Path> entries = Files.list(out)) {
      for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).toList()) {
        String pid = entry.getFileName().toString().substring(STAGING_PREFIX.length());
        boolean alive;
        try {
          alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
          continue; // not ours
        }
        if (!alive) {
          deleteTree(entry);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static FileInfo info(Path file) {
    try {
      return new FileInfo(Files.size(file), OciArtifact.sha256(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
