package org.stellaops.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/**
 * Merges the small files of one date's partitions into files of up to {@code targetRows} rows.
 * Small files come from repeated runs of the same date (each run of an append-only table adds a
 * file with the rows recorded since the last) and from small {@code --rows-per-file} settings.
 *
 * <p>The merged files are written first, with the rows in the order the manifests list them; then
 * every manifest that lists the replaced files (the date's own, and later dates' that carry an
 * append-only table's earlier files) is republished with the merged files in their place; the
 * replaced files are removed last. A compaction killed at any point leaves every manifest whole.
 */
public final class WarehouseCompactor {
  private WarehouseCompactor() {}

  /** What a compaction did to one table: files before and after in the date's partition. */
  public record TableCompaction(String table, int filesBefore, int filesAfter, long rows) {}

  /** Compacts the partitions of {@code date}; returns what changed per table (nothing when no table had small files). */
  public static List<TableCompaction> compact(Path root, LocalDate date, long targetRows) throws IOException {
    if (targetRows < 1) {
      throw new IllegalArgumentException("target rows per file must be 1 or more, got " + targetRows);
    }
    WarehouseManifest manifest = WarehouseManifest.read(root, date);
    List<TableCompaction> done = new ArrayList<>();
    Map<String, Map.Entry<Set<String>, WarehouseManifest.TableFiles>> replacements = new LinkedHashMap<>();
    try (WarehouseSnapshotWriter writer = new WarehouseSnapshotWriter(root, date, manifest.tenant(), targetRows)) {
      for (Map.Entry<String, WarehouseManifest.TableFiles> entry : manifest.tables().entrySet()) {
        WarehouseTable table = WarehouseTable.named(entry.getKey());
        String prefix = root.relativize(WarehouseSnapshotWriter.partition(root, table, date, manifest.tenant())).toString()
            .replace('\\', '/') + "/";
        List<WarehouseManifest.FileEntry> small = entry.getValue().files().stream()
            .filter(f -> f.path().startsWith(prefix) && f.rows() < targetRows).toList();
        if (small.size() < 2) {
          continue;
        }
        WarehouseSnapshotWriter.TableWriter merged = writer.table(table);
        long rows = 0;
        for (WarehouseManifest.FileEntry f : small) {
          try (ParquetReader<Group> reader = new GroupReader(new LocalInputFile(root.resolve(f.path()))).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
              merged.write(g);
              rows++;
            }
          }
          if (rows == 0 && f.rows() > 0) {
            throw new IOException(root.resolve(f.path()) + ": no rows read where the manifest lists " + f.rows());
          }
        }
        merged.close();
        WarehouseManifest.TableFiles result = merged.files();
        long listedRows = small.stream().mapToLong(WarehouseManifest.FileEntry::rows).sum();
        if (result.rows() != listedRows) {
          throw new IOException(table.name() + " of " + date + ": read " + result.rows() + " rows where the manifest lists " + listedRows
              + "; nothing was replaced");
        }
        Set<String> replaced = new LinkedHashSet<>();
        small.forEach(f -> replaced.add(f.path()));
        replacements.put(table.name(), Map.entry(replaced, result));
        done.add(new TableCompaction(table.name(), small.size(), result.files().size(), result.rows()));
      }
    }
    if (replacements.isEmpty()) {
      return done;
    }
    // Later manifests first, the date's own last: until its own is republished, a rerun starts again from it.
    List<LocalDate> dates = new ArrayList<>(Warehouse.snapshots(root).stream().filter(d -> !d.isBefore(date)).toList());
    java.util.Collections.reverse(dates);
    for (LocalDate d : dates) {
      WarehouseManifest m = WarehouseManifest.read(root, d);
      Map<String, WarehouseManifest.TableFiles> tables = new LinkedHashMap<>(m.tables());
      boolean changed = false;
      for (Map.Entry<String, Map.Entry<Set<String>, WarehouseManifest.TableFiles>> r : replacements.entrySet()) {
        WarehouseManifest.TableFiles listed = tables.get(r.getKey());
        if (listed == null) {
          continue;
        }
        Set<String> replaced = r.getValue().getKey();
        long present = listed.files().stream().filter(f -> replaced.contains(f.path())).count();
        if (present == 0) {
          continue;
        }
        if (present != replaced.size()) {
          throw new IOException(WarehouseManifest.path(root, d) + ": lists " + present + " of the " + replaced.size() + " files of "
              + r.getKey() + " being merged; the warehouse was changed by hand? nothing more was replaced");
        }
        List<WarehouseManifest.FileEntry> files = new ArrayList<>();
        boolean inserted = false;
        for (WarehouseManifest.FileEntry f : listed.files()) {
          if (!replaced.contains(f.path())) {
            files.add(f);
          } else if (!inserted) {
            files.addAll(r.getValue().getValue().files());
            inserted = true;
          }
        }
        tables.put(r.getKey(), new WarehouseManifest.TableFiles(listed.version(), listed.rows(), files));
        changed = true;
      }
      if (changed) {
        new WarehouseManifest(m.schemaVersion(), m.snapshotDate(), m.tenant(), m.source(), tables).publish(root);
      }
    }
    for (Map.Entry<Set<String>, WarehouseManifest.TableFiles> r : replacements.values()) {
      for (String path : r.getKey()) {
        Files.deleteIfExists(root.resolve(path));
      }
    }
    return done;
  }

  /** Reads a file's rows as groups (parquet-java's example object model, as they were written). */
  private static final class GroupReader extends ParquetReader.Builder<Group> {
    GroupReader(InputFile file) {
      super(file, new PlainParquetConfiguration());
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
