package org.stellaops.exports.trivy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The files Trivy takes a database as (../shared/specs/trivy-db.md §4, §5): {@code metadata.json}
 * and {@code db.tar.gz}, a gzip'd tar holding {@code trivy.db} and {@code metadata.json} at its
 * root. Both carry only times from the advisory snapshot, so the same snapshot gives the same bytes.
 */
public final class TrivyArtifacts {
  public static final String DB_FILE = "trivy.db";
  public static final String METADATA_FILE = "metadata.json";
  public static final String ARCHIVE_FILE = "db.tar.gz";
  /** The zero time Go writes for "never downloaded"; Trivy rewrites it after a download. */
  static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  private TrivyArtifacts() {}

  /** {@code metadata.json}: schema 2, updated at {@code updatedAt}, next update at {@code nextUpdate}. */
  public static byte[] metadata(Instant updatedAt, Instant nextUpdate) {
    String json = "{\"Version\":2,\"NextUpdate\":\"" + rfc3339(nextUpdate) + "\",\"UpdatedAt\":\"" + rfc3339(updatedAt)
        + "\",\"DownloadedAt\":\"" + GO_ZERO_TIME + "\"}\n";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /**
   * Writes {@code archive} from {@code trivy.db} and {@code metadata.json} in {@code dir}: entries
   * in that order, mode 0644, owner 0, modified at {@code mtime}; gzip header without a time.
   * Written beside its name and moved into place.
   */
  public static void archive(Path dir, Path archive, Instant mtime) throws IOException {
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    try (OutputStream file = Files.newOutputStream(partial);
        GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String name : new String[] {DB_FILE, METADATA_FILE}) {
        Path source = dir.resolve(name);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(source));
        entry.setMode(0100644);
        entry.setModTime(mtime.toEpochMilli());
        entry.setIds(0, 0);
        entry.setNames("", "");
        tar.putArchiveEntry(entry);
        Files.copy(source, tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
