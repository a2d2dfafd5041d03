package org.stellaops.jobs.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.stellaops.jobs.objects.S3ObjectStore;
import org.stellaops.warehouse.Warehouse;
import org.stellaops.warehouse.WarehouseManifest;
import org.stellaops.warehouse.WarehouseSnapshotWriter;
import org.stellaops.warehouse.WarehouseTable;

/**
 * A warehouse kept in S3 ({@code s3://bucket/prefix}), worked on through a local cache folder with
 * the same layout. The bucket is the truth: {@link #pullManifests} makes the cache's manifests the
 * bucket's; {@link #pullFiles} downloads the files a snapshot lists that the cache lacks, checking
 * each against the SHA-256 its manifest gives; {@link #push} publishes dates written in the cache,
 * files first and each manifest last, then removes the objects of those dates' partitions that no
 * manifest lists. A push killed midway leaves the bucket's manifests whole: a manifest is one PUT,
 * made only once every file it lists is there.
 */
public final class WarehouseRemote {
  private static final String MANIFESTS = WarehouseSnapshotWriter.MANIFESTS + "/";
  private final S3ObjectStore store;
  private final Path cache;

  public WarehouseRemote(S3ObjectStore store, Path cache) {
    this.store = store;
    this.cache = cache;
  }

  /** The local folder standing for the bucket. */
  public Path cache() {
    return cache;
  }

  public String address() {
    return store.address();
  }

  /** Makes the cache's manifests exactly the bucket's; returns the published dates. */
  public List<LocalDate> pullManifests() throws IOException {
    Files.createDirectories(cache.resolve(WarehouseSnapshotWriter.MANIFESTS));
    SortedMap<String, Long> remote = store.list(MANIFESTS);
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, Long> m : remote.entrySet()) {
      String name = m.getKey().substring(MANIFESTS.length());
      if (!name.startsWith("snapshot_date=") || !name.endsWith(".json")) {
        continue;
      }
      names.add(name);
      Path local = cache.resolve(m.getKey());
      // Manifests are small and may be republished (a rerun, a compaction): always fetched.
      if (!store.download(m.getKey(), local)) {
        throw new IOException(store.address() + m.getKey() + " disappeared while the warehouse was read");
      }
    }
    try (Stream<Path> local = Files.list(cache.resolve(WarehouseSnapshotWriter.MANIFESTS))) {
      for (Path p : local.toList()) {
        if (p.getFileName().toString().startsWith("snapshot_date=") && !names.contains(p.getFileName().toString())) {
          Files.delete(p);
        }
      }
    }
    return Warehouse.snapshots(cache);
  }

  /** Downloads the files of {@code manifests} (only {@code appendOnlyOnly} tables when set) that the cache lacks or holds otherwise. */
  public int pullFiles(Collection<WarehouseManifest> manifests, boolean appendOnlyOnly) throws IOException {
    int fetched = 0;
    for (WarehouseManifest manifest : manifests) {
      for (Map.Entry<String, WarehouseManifest.TableFiles> table : manifest.tables().entrySet()) {
        if (appendOnlyOnly && !WarehouseTable.named(table.getKey()).appendOnly()) {
          continue;
        }
        for (WarehouseManifest.FileEntry f : table.getValue().files()) {
          Path local = cache.resolve(f.path());
          if (Files.isRegularFile(local) && Files.size(local) == f.bytes()) {
            continue;
          }
          if (!store.download(f.path(), local)) {
            throw new IOException(store.address() + f.path() + ": a file the snapshot of " + manifest.snapshotDate()
                + " lists is missing from the bucket");
          }
          String sha = WarehouseManifest.sha256(local);
          if (!sha.equals(f.sha256())) {
            Files.delete(local);
            throw new IOException(store.address() + f.path() + ": its SHA-256 is " + sha + " where the manifest of "
                + manifest.snapshotDate() + " lists " + f.sha256() + "; the object was changed after it was published");
          }
          fetched++;
        }
      }
    }
    return fetched;
  }

  /**
   * Publishes {@code dates} from the cache: the files their manifests list that the bucket lacks
   * (or holds at another size), then the manifests, then removes the objects under those dates'
   * partitions that no manifest lists. Returns how many files were uploaded.
   */
  public int push(Collection<LocalDate> dates) throws IOException {
    SortedMap<String, Long> remote = store.list("");
    int uploaded = 0;
    List<LocalDate> ordered = dates.stream().sorted().toList();
    for (LocalDate date : ordered) {
      WarehouseManifest manifest = WarehouseManifest.read(cache, date);
      for (WarehouseManifest.TableFiles t : manifest.tables().values()) {
        for (WarehouseManifest.FileEntry f : t.files()) {
          if (!Long.valueOf(f.bytes()).equals(remote.get(f.path()))) {
            store.putFile(f.path(), cache.resolve(f.path()), "application/vnd.apache.parquet");
            remote.put(f.path(), f.bytes());
            uploaded++;
          }
        }
      }
    }
    for (LocalDate date : ordered) {
      String key = MANIFESTS + WarehouseManifest.path(cache, date).getFileName();
      store.putFile(key, cache.resolve(key), "application/json");
    }
    Set<Path> listed = WarehouseManifest.referenced(cache);
    for (LocalDate date : ordered) {
      for (WarehouseTable table : WarehouseTable.ALL) {
        String partition = table.name() + "/snapshot_date=" + date + "/";
        for (String key : remote.keySet()) {
          if (key.startsWith(partition) && !listed.contains(cache.resolve(key).toAbsolutePath().normalize())) {
            store.delete(key);
          }
        }
      }
    }
    return uploaded;
  }
}
