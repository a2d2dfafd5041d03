package org.stellaops.connectors.bench;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One zip per ecosystem, {@code <ecosystem>.zip} with one {@code <ID>.json} entry per record, as
 * osv.dev publishes {@code all.zip}. Entries carry a fixed DOS time (no extra fields, no time
 * zone involved) and a fixed compression level, so the archives are byte-for-byte reproducible
 * with a given JDK; a JDK bundling a different zlib may compress differently.
 */
final class AdvisoryArchives implements Closeable {
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2024, 1, 1, 0, 0);
  private static final int COMPRESSION_LEVEL = 6;
  private static final int BUFFER_BYTES = 1 << 16;

  private final Map<SyntheticEcosystem, ZipOutputStream> archives =
      new EnumMap<>(SyntheticEcosystem.class);
  private final List<Path> paths = new ArrayList<>();

  private AdvisoryArchives() {}

  /** Creates (or replaces) the five archives in {@code directory}. */
  static AdvisoryArchives create(Path directory) throws IOException {
    Files.createDirectories(directory);
    AdvisoryArchives created = new AdvisoryArchives();
    try {
      for (SyntheticEcosystem ecosystem : SyntheticEcosystem.values()) {
        Path path = directory.resolve(ecosystem.osvName() + ".zip");
        ZipOutputStream zip = new ZipOutputStream(
            new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES));
        zip.setLevel(COMPRESSION_LEVEL);
        created.archives.put(ecosystem, zip);
        created.paths.add(path);
      }
    } catch (IOException e) {
      created.close();
      throw e;
    }
    return created;
  }

  void add(SyntheticAdvisory advisory) throws IOException {
    ZipOutputStream zip = archives.get(advisory.ecosystem());
    ZipEntry entry = new ZipEntry(advisory.id() + ".json");
    entry.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(entry);
    OsvRecordWriter.write(advisory, zip);
    zip.closeEntry();
  }

  /** The archive paths, in ecosystem order. */
  List<Path> paths() {
    return List.copyOf(paths);
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (ZipOutputStream zip : archives.values()) {
      try {
        zip.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
