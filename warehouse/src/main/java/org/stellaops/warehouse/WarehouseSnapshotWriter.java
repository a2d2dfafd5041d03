package org.stellaops.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes one warehouse snapshot (one date): per table, Hive-style partitions
 * {@code TABLE/snapshot_date=D/tenant=T/part-NNNNN.parquet} (zstd), then, last, the snapshot's
 * manifest {@code _manifests/snapshot_date=D.json} with every file's rows and SHA-256. Readers use
 * only snapshots with a manifest and only the files it lists, so a run killed midway is invisible.
 * File names carry the run's own token, so rewriting a date never touches the files its current
 * manifest lists; once the new manifest is in place, files no manifest lists are removed.
 */
public final class WarehouseSnapshotWriter implements AutoCloseable {
  public static final String MANIFESTS = "_manifests";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path root;
  private final LocalDate date;
  private final String tenant;
  private final long rowsPerFile;
  private final Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final List<TableWriter> open = new ArrayList<>();

  public WarehouseSnapshotWriter(Path root, LocalDate date, String tenant, long rowsPerFile) throws IOException {
    this.root = root;
    this.date = date;
    this.tenant = tenant;
    this.rowsPerFile = rowsPerFile;
    Files.createDirectories(root.resolve(MANIFESTS));
    this.token = Long.toHexString(ProcessHandle.current().pid()) + "-" + Long.toHexString(System.nanoTime());
  }

  private final String token;

  /** The manifest of {@code date} under {@code root}. */
  public static Path manifestPath(Path root, LocalDate date) {
    return root.resolve(MANIFESTS).resolve("snapshot_date=" + date + ".json");
  }

  private Path partition(WarehouseTable table) {
    return root.resolve(table.name()).resolve("snapshot_date=" + date).resolve("tenant=" + tenant);
  }

  /** Starts writing {@code table} (several may be open at once); rows go to {@link TableWriter#add} until it is closed. */
  public TableWriter table(WarehouseTable table) throws IOException {
    if (files.containsKey(table.name())) {
      throw new IllegalStateException("table " + table.name() + " was already written in this snapshot");
    }
    TableWriter writer = new TableWriter(table);
    open.add(writer);
    return writer;
  }

  /** Rows of one table, rolled into a new file every {@code rowsPerFile} rows. */
  public final class TableWriter implements AutoCloseable {
    private final WarehouseTable table;
    private final SimpleGroupFactory groups;
    private ParquetWriter<Group> writer;
    private Path current;
    private long inFile;
    private long total;
    private boolean closed;

    private TableWriter(WarehouseTable table) throws IOException {
      this.table = table;
      this.groups = new SimpleGroupFactory(table.parquetSchema());
      Files.createDirectories(partition(table));
      files.put(table.name(), new ArrayList<>());
    }

    public void add(Object... values) throws IOException {
      if (values.length != table.columns().size()) {
        throw new IllegalArgumentException(table.name() + ": " + values.length + " values for " + table.columns().size() + " columns");
      }
      if (writer == null || inFile == rowsPerFile) {
        finishFile();
        current = partition(table).resolve(String.format(java.util.Locale.ROOT, "part-%s-%05d.parquet", token, files.get(table.name()).size()));
        writer = ExampleParquetWriter.builder(new LocalOutputFile(current)).withConf(new PlainParquetConfiguration())
            .withType(table.parquetSchema()).withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        inFile = 0;
      }
      Group group = groups.newGroup();
      for (int i = 0; i < values.length; i++) {
        WarehouseTable.Column column = table.columns().get(i);
        Object value = values[i];
        if (value == null) {
          if (!column.optional()) {
            throw new IllegalArgumentException(table.name() + "." + column.name() + " is required; got no value");
          }
          continue;
        }
        switch (column.kind()) {
          case TEXT -> group.append(column.name(), value.toString());
          case LONG -> group.append(column.name(), ((Number) value).longValue());
          case DOUBLE -> group.append(column.name(), ((Number) value).doubleValue());
          case BOOLEAN -> group.append(column.name(), (Boolean) value);
          case TIMESTAMP -> {
            Instant t = (Instant) value;
            group.append(column.name(), t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
          }
          default -> throw new IllegalStateException(column.kind().name());
        }
      }
      writer.write(group);
      inFile++;
      total++;
    }

    private void finishFile() throws IOException {
      if (writer == null) {
        return;
      }
      writer.close();
      writer = null;
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("path", root.relativize(current).toString().replace('\\', '/'));
      file.put("rows", inFile);
      file.put("bytes", Files.size(current));
      file.put("sha256", sha256(current));
      files.get(table.name()).add(file);
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      finishFile();
      rows.put(table.name(), total);
    }
  }

  /** Publishes the snapshot: the manifest, written beside and renamed into place, last of all. */
  public Map<String, Long> publish(Map<String, Object> source) throws IOException {
    for (TableWriter writer : open) {
      writer.close();
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", "stella.warehouse/v1");
    manifest.put("snapshotDate", date.toString());
    manifest.put("tenant", tenant);
    manifest.put("source", source);
    Map<String, Object> tables = new LinkedHashMap<>();
    for (WarehouseTable table : WarehouseTable.ALL) {
      if (!files.containsKey(table.name())) {
        continue;
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("version", table.version());
      entry.put("rows", rows.get(table.name()));
      entry.put("files", files.get(table.name()));
      tables.put(table.name(), entry);
    }
    manifest.put("tables", tables);
    Path target = manifestPath(root, date);
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + ProcessHandle.current().pid());
    Files.write(partial, JSON.writeValueAsBytes(manifest));
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    // Files of this date no manifest lists now: an earlier version of the date, or a killed run's.
    java.util.Set<Path> listed = new java.util.HashSet<>();
    files.values().forEach(list -> list.forEach(f -> listed.add(root.resolve((String) f.get("path")))));
    for (WarehouseTable table : WarehouseTable.ALL) {
      Path dir = partition(table);
      if (Files.isDirectory(dir)) {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
          for (Path p : entries.filter(p -> !listed.contains(p)).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    return Map.copyOf(rows);
  }

  @Override
  public void close() throws IOException {
    for (TableWriter writer : open) {
      writer.close();
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }
}
