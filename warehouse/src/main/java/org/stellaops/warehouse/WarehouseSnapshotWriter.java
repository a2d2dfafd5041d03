package org.stellaops.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Writes the files of one warehouse snapshot (one date): per table, Hive-style partitions
 * {@code TABLE/snapshot_date=D/tenant=T/part-TOKEN-NNNNN.parquet} (zstd). Nothing written here is
 * part of a snapshot until a manifest lists it ({@link #publish}), so a run killed midway is
 * invisible. File names carry the writer's own token, so rewriting a date never touches the files
 * its current manifest lists; once the new manifest is in place, files of the date no manifest
 * lists are removed.
 */
public final class WarehouseSnapshotWriter implements AutoCloseable {
  public static final String MANIFESTS = "_manifests";

  private final Path root;
  private final LocalDate date;
  private final String tenant;
  private final long rowsPerFile;
  private final String token;
  private final Map<String, WarehouseManifest.TableFiles> written = new LinkedHashMap<>();
  private final List<TableWriter> open = new ArrayList<>();

  public WarehouseSnapshotWriter(Path root, LocalDate date, String tenant, long rowsPerFile) throws IOException {
    if (rowsPerFile < 1) {
      throw new IllegalArgumentException("rows per file must be 1 or more, got " + rowsPerFile);
    }
    this.root = root;
    this.date = date;
    this.tenant = tenant;
    this.rowsPerFile = rowsPerFile;
    Files.createDirectories(root.resolve(MANIFESTS));
    this.token = Long.toHexString(ProcessHandle.current().pid()) + "-" + Long.toHexString(System.nanoTime());
  }

  /** The folder of {@code table}'s partition of {@code date} and {@code tenant}. */
  public static Path partition(Path root, WarehouseTable table, LocalDate date, String tenant) {
    return root.resolve(table.name()).resolve("snapshot_date=" + date).resolve("tenant=" + tenant);
  }

  /** Starts writing {@code table} (several may be open at once); rows go to {@link TableWriter#add} until it is closed. */
  public TableWriter table(WarehouseTable table) {
    if (written.containsKey(table.name()) || open.stream().anyMatch(w -> w.table.equals(table))) {
      throw new IllegalStateException("table " + table.name() + " was already written by this writer");
    }
    TableWriter writer = new TableWriter(table);
    open.add(writer);
    return writer;
  }

  /** Rows of one table, rolled into a new file every {@code rowsPerFile} rows; no file when no row. */
  public final class TableWriter implements AutoCloseable {
    private final WarehouseTable table;
    private final SimpleGroupFactory groups;
    private final List<WarehouseManifest.FileEntry> files = new ArrayList<>();
    private ParquetWriter<Group> writer;
    private Path current;
    private long inFile;
    private long total;
    private boolean closed;

    private TableWriter(WarehouseTable table) {
      this.table = table;
      this.groups = new SimpleGroupFactory(table.parquetSchema());
    }

    public void add(Object... values) throws IOException {
      if (closed) {
        throw new IllegalStateException(table.name() + " is closed");
      }
      if (values.length != table.columns().size()) {
        throw new IllegalArgumentException(table.name() + ": " + values.length + " values for " + table.columns().size() + " columns");
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
          case DATE -> group.append(column.name(), (int) ((java.time.LocalDate) value).toEpochDay());
          default -> throw new IllegalStateException(column.kind().name());
        }
      }
      write(group);
    }

    /** Adds a row read from another file of the same table (compaction). */
    void write(Group group) throws IOException {
      if (writer == null || inFile == rowsPerFile) {
        finishFile();
        Path dir = partition(root, table, date, tenant);
        Files.createDirectories(dir);
        current = dir.resolve(String.format(Locale.ROOT, "part-%s-%05d.parquet", token, files.size()));
        writer = ExampleParquetWriter.builder(new LocalOutputFile(current)).withConf(new PlainParquetConfiguration())
            .withType(table.parquetSchema()).withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        inFile = 0;
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
      files.add(new WarehouseManifest.FileEntry(root.relativize(current).toString().replace('\\', '/'), inFile, Files.size(current),
          sha256(current)));
    }

    /** The files written, once closed. */
    public WarehouseManifest.TableFiles files() {
      if (!closed) {
        throw new IllegalStateException(table.name() + " is still open");
      }
      return new WarehouseManifest.TableFiles(table.version(), total, files);
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      finishFile();
      written.put(table.name(), files());
    }
  }

  /**
   * Rows of one table encoded and written on a thread of their own, so the thread that reads them
   * (from a database cursor) goes on reading meanwhile. Rows are handed over in batches; an error
   * of the writing thread is thrown from {@link #add} or {@link #close}.
   */
  public static final class Background implements AutoCloseable {
    private static final int BATCH = 2_048;
    private static final List<Object[]> END = List.of();
    private final TableWriter table;
    private final java.util.concurrent.BlockingQueue<List<Object[]>> queue = new java.util.concurrent.ArrayBlockingQueue<>(8);
    private final Thread thread;
    private volatile Throwable failure;
    private List<Object[]> batch = new ArrayList<>(BATCH);
    private boolean closed;

    public Background(TableWriter table) {
      this.table = table;
      this.thread = new Thread(this::drain, "warehouse-" + table.table.name());
      thread.setDaemon(true);
      thread.start();
    }

    private void drain() {
      try {
        for (List<Object[]> rows = queue.take(); rows != END; rows = queue.take()) {
          for (Object[] row : rows) {
            table.add(row);
          }
        }
      } catch (Throwable t) {
        failure = t;
        queue.clear();
      }
    }

    public void add(Object... values) throws IOException {
      batch.add(values);
      if (batch.size() == BATCH) {
        hand(batch);
        batch = new ArrayList<>(BATCH);
      }
    }

    private void hand(List<Object[]> rows) throws IOException {
      try {
        while (!queue.offer(rows, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          rethrow();
        }
        rethrow();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while writing " + table.table.name());
      }
    }

    private void rethrow() throws IOException {
      Throwable t = failure;
      if (t instanceof IOException e) {
        throw e;
      } else if (t instanceof RuntimeException e) {
        throw e;
      } else if (t != null) {
        throw new IOException("writing " + table.table.name() + " failed: " + t, t);
      }
    }

    /** Waits for every row to be written, then closes the table's last file. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (!batch.isEmpty()) {
        hand(batch);
      }
      hand(END);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while writing " + table.table.name());
      }
      rethrow();
      table.close();
    }

    public WarehouseManifest.TableFiles files() {
      return table.files();
    }
  }

  /** The tables this writer has finished, by name. */
  public Map<String, WarehouseManifest.TableFiles> written() throws IOException {
    close();
    return Map.copyOf(written);
  }

  /** Publishes the tables written here as the whole snapshot of the date. */
  public Map<String, Long> publish(Map<String, Object> source) throws IOException {
    WarehouseManifest manifest = publish(root, date, tenant, written(), source);
    Map<String, Long> rows = new LinkedHashMap<>();
    manifest.tables().forEach((name, t) -> rows.put(name, t.rows()));
    return rows;
  }

  /**
   * Publishes the snapshot of {@code date} made of {@code tables}, after checking that every file
   * is in place with the size it was written with; then removes the files under the date's
   * partitions that no manifest lists (an earlier version of the date, a killed run's).
   */
  public static WarehouseManifest publish(Path root, LocalDate date, String tenant, Map<String, WarehouseManifest.TableFiles> tables,
      Map<String, Object> source) throws IOException {
    for (Map.Entry<String, WarehouseManifest.TableFiles> table : tables.entrySet()) {
      for (WarehouseManifest.FileEntry f : table.getValue().files()) {
        Path file = root.resolve(f.path());
        if (!Files.isRegularFile(file) || Files.size(file) != f.bytes()) {
          throw new IOException(file + ": a file of table " + table.getKey() + " is missing or changed since it was written ("
              + f.bytes() + " bytes expected); the snapshot of " + date + " is not published");
        }
      }
    }
    WarehouseManifest manifest = new WarehouseManifest(WarehouseManifest.SCHEMA_VERSION, date.toString(), tenant, source, tables);
    manifest.publish(root);
    removeUnlisted(root, date, tenant);
    return manifest;
  }

  /** Removes the files under {@code date}'s partitions that no published manifest lists; returns how many. */
  public static int removeUnlisted(Path root, LocalDate date, String tenant) throws IOException {
    java.util.Set<Path> listed = WarehouseManifest.referenced(root);
    int removed = 0;
    for (WarehouseTable table : WarehouseTable.ALL) {
      Path dir = partition(root, table, date, tenant);
      if (Files.isDirectory(dir)) {
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
          for (Path p : entries.filter(p -> !listed.contains(p.toAbsolutePath().normalize())).toList()) {
            Files.deleteIfExists(p);
            removed++;
          }
        }
      }
    }
    return removed;
  }

  @Override
  public void close() throws IOException {
    for (TableWriter writer : open) {
      writer.close();
    }
  }

  static String sha256(Path file) throws IOException {
    return org.stellaops.engine.verdict.Digests.sha256File(file);
  }

}
