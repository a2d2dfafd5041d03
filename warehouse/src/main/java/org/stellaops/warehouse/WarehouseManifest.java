package org.stellaops.warehouse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A published snapshot: {@code _manifests/snapshot_date=D.json}, listing per table the files that
 * make it up with their rows, bytes and SHA-256, and the database positions the snapshot was read
 * at ({@code source}). A snapshot is exactly the files its manifest lists; a file no manifest lists
 * belongs to no snapshot (a killed run's, or one replaced by a rerun or a compaction).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WarehouseManifest(String schemaVersion, String snapshotDate, String tenant, Map<String, Object> source,
    Map<String, TableFiles> tables) {
  public static final String SCHEMA_VERSION = "stella.warehouse/v1";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public WarehouseManifest {
    source = source == null ? Map.of() : new TreeMap<>(source);
    Map<String, TableFiles> ordered = new LinkedHashMap<>();
    for (WarehouseTable t : WarehouseTable.ALL) {
      if (tables.containsKey(t.name())) {
        ordered.put(t.name(), tables.get(t.name()));
      }
    }
    tables = ordered;
  }

  /** One Parquet file: its path relative to the warehouse root, rows, bytes and digest. */
  public record FileEntry(String path, long rows, long bytes, String sha256) {}

  /** A table's files in a snapshot, in write order; its version is the table's schema version. */
  public record TableFiles(int version, long rows, List<FileEntry> files) {
    public TableFiles {
      files = List.copyOf(files);
    }

    /** These files followed by {@code more}'s. */
    public TableFiles plus(TableFiles more) {
      List<FileEntry> all = new ArrayList<>(files);
      all.addAll(more.files());
      return new TableFiles(version, rows + more.rows(), all);
    }
  }

  public LocalDate date() {
    return LocalDate.parse(snapshotDate);
  }

  /** A position the snapshot was read at, or {@code fallback} when it does not say. */
  public long sourceLong(String key, long fallback) {
    Object value = source.get(key);
    return value instanceof Number n ? n.longValue() : fallback;
  }

  public static Path path(Path root, LocalDate date) {
    return root.resolve(WarehouseSnapshotWriter.MANIFESTS).resolve("snapshot_date=" + date + ".json");
  }

  public static WarehouseManifest read(Path root, LocalDate date) throws IOException {
    Path file = path(root, date);
    try {
      return JSON.readValue(file.toFile(), WarehouseManifest.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": not a warehouse manifest: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes the manifest beside its place and renames it in, so readers see the old one or the new one whole. */
  public void publish(Path root) throws IOException {
    Path target = path(root, date());
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
    Files.write(partial, JSON.writeValueAsBytes(this));
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** {@code sha256:} and the hex SHA-256 of a file, as manifests give it. */
  public static String sha256(Path file) throws IOException {
    return WarehouseSnapshotWriter.sha256(file);
  }

  /** A table's files as JSON text (kept between the steps of a run). */
  public static String json(TableFiles files) {
    try {
      return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(files);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TableFiles tableFiles(String json) throws IOException {
    return JSON.readValue(json, TableFiles.class);
  }

  /**
   * The snapshot a run of {@code date} continues from: the newest published on or before it (a
   * rerun of the newest date continues from that date's own manifest).
   */
  public static java.util.Optional<WarehouseManifest> base(Path root, LocalDate date) throws IOException {
    List<LocalDate> dates = Warehouse.snapshots(root).stream().filter(d -> !d.isAfter(date)).toList();
    return dates.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(read(root, dates.get(dates.size() - 1)));
  }

  /**
   * Refuses a snapshot of a date before the newest published one: append-only tables carry each
   * snapshot's rows forward, so snapshots are taken in date order and earlier dates stay as they
   * were published.
   */
  public static void requireForward(Path root, LocalDate date) throws IOException {
    List<LocalDate> dates = Warehouse.snapshots(root);
    if (!dates.isEmpty() && dates.get(dates.size() - 1).isAfter(date)) {
      throw new OutOfOrderSnapshotException(root + " already has the snapshot of " + dates.get(dates.size() - 1) + "; snapshots are"
          + " taken in date order, so " + date + " can no longer be written (earlier snapshots stay as they were published)");
    }
  }

  /** A snapshot asked for a date before the newest published one. */
  public static final class OutOfOrderSnapshotException extends IOException {
    private static final long serialVersionUID = 1L;

    OutOfOrderSnapshotException(String message) {
      super(message);
    }
  }

  /** Every file some published manifest lists, as absolute normalised paths. */
  public static Set<Path> referenced(Path root) throws IOException {
    Set<Path> listed = new HashSet<>();
    for (LocalDate d : Warehouse.snapshots(root)) {
      read(root, d).tables().values().forEach(t -> t.files().forEach(f -> listed.add(root.resolve(f.path()).toAbsolutePath().normalize())));
    }
    return listed;
  }
}
