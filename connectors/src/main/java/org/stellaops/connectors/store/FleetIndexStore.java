package org.stellaops.connectors.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stellaops.engine.bomindex.CanonicalBitmaps;
import org.stellaops.engine.bomindex.IndexedComponent;
import org.stellaops.engine.ecosystem.PackageKey;
import org.stellaops.engine.match.ProductKeys;
import org.stellaops.schemas.sbom.Component;

/**
 * The fleet index in PostgreSQL: a stable ordinal per image, and per product key (and per product
 * key and version) a RoaringBitmap of the ordinals of the images whose current SBOM holds it.
 * Updated incrementally in the same transaction as the SBOM assignment that changes it; a
 * rebuild from {@code sbom.image} and {@code sbom.sbom_product} gives identical bytes.
 */
@Repository
public class FleetIndexStore {
  private final JdbcTemplate jdbc;
  private final javax.sql.DataSource dataSource;

  public FleetIndexStore(JdbcTemplate jdbc, javax.sql.DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /**
   * A product key and the version advisories compare, as held by an SBOM, with the entrypoint use
   * the SBOM states for it (empty: unknown). Unique per SBOM by key and version.
   */
  public record Product(String productKey, String version, Optional<Boolean> usedByEntrypoint) {
    public Product(String productKey, String version) {
      this(productKey, version, Optional.empty());
    }

    String usage() {
      return usedByEntrypoint.map(used -> used ? "used" : "not-used").orElse(null);
    }
  }

  /** The products of an SBOM's components (Debian/Ubuntu by source package); components without an ecosystem hold none. */
  public static Set<Product> products(Collection<Component> components) {
    return productsOfIndexed(components.stream().filter(c -> c.purl().isPresent())
        .map(c -> new IndexedComponent(c.purl().get(), c.sourcePackage(), c.usedByEntrypoint())).toList());
  }

  /**
   * The products of components as the BOM-Index keeps them. A product listed several times is
   * used if any listing is, else not used if any listing says so, else unknown (as in the BOM-Index).
   */
  public static Set<Product> productsOfIndexed(Collection<IndexedComponent> components) {
    java.util.Map<String, Product> products = new java.util.LinkedHashMap<>();
    for (IndexedComponent component : components) {
      ProductKeys.of(component.purl(), component.sourcePackage()).ifPresent(key -> {
        Product product = new Product(key.productKey(), key.version().orElse(""), component.usedByEntrypoint());
        products.merge(product.productKey() + "\n" + product.version(), product,
            (a, b) -> new Product(a.productKey(), a.version(), combinedUse(a.usedByEntrypoint(), b.usedByEntrypoint())));
      });
    }
    return new LinkedHashSet<>(products.values());
  }

  private static Optional<Boolean> combinedUse(Optional<Boolean> a, Optional<Boolean> b) {
    if (a.orElse(false) || b.orElse(false)) {
      return Optional.of(true);
    }
    return a.isPresent() || b.isPresent() ? Optional.of(false) : Optional.empty();
  }

  /**
   * {@code selection} (image → changed product keys that selected it) without the keys whose every
   * listing in the image's current SBOM is stated as not used by the entrypoint, and without
   * images left with no key. Unknown use is kept: only what the SBOM states removes an image.
   */
  public SortedMap<String, SortedSet<String>> usedByEntrypoint(SortedMap<String, SortedSet<String>> selection) {
    SortedMap<String, SortedSet<String>> kept = new java.util.TreeMap<>();
    if (selection.isEmpty()) {
      return kept;
    }
    Set<String> keys = new java.util.TreeSet<>();
    selection.values().forEach(keys::addAll);
    jdbc.query("SELECT DISTINCT i.image_digest, p.product_key FROM sbom.image i JOIN sbom.sbom_product p"
        + " ON p.tenant_id = i.tenant_id AND p.sbom_sha256 = i.sbom_sha256 WHERE i.tenant_id = 'default'"
        + " AND i.image_digest = ANY(?) AND p.product_key = ANY(?) AND p.usage IS DISTINCT FROM 'not-used'",
        ps -> {
          ps.setArray(1, JdbcArrays.text(ps.getConnection(), selection.keySet()));
          ps.setArray(2, JdbcArrays.text(ps.getConnection(), keys));
        },
        r -> {
          String image = r.getString(1);
          String key = r.getString(2);
          if (selection.get(image).contains(key)) {
            kept.computeIfAbsent(image, k -> new java.util.TreeSet<>()).add(key);
          }
        });
    return kept;
  }

  /** Records the products of newly stored SBOM documents (bulk-loaded with COPY). */
  public void recordProducts(Map<String, Set<Product>> productsBySbom) throws java.sql.SQLException, java.io.IOException {
    CsvCopy rows = new CsvCopy();
    productsBySbom.forEach((sbom, products) -> products.forEach(p -> rows.row(sbom, p.productKey(), p.version(), p.usage())));
    rows.copyInto(dataSource, "sbom.sbom_product (sbom_sha256, product_key, version, usage)");
    jdbc.update("UPDATE sbom.document SET products_indexed = true WHERE tenant_id = 'default' AND sha256 = ANY(?)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), productsBySbom.keySet())));
  }

  /** Records the products of one SBOM document (a backfill of documents stored before the index existed). */
  public void recordProducts(String sbomSha256, Set<Product> products) {
    try {
      recordProducts(Map.of(sbomSha256, products));
    } catch (java.sql.SQLException | java.io.IOException e) {
      throw new IllegalStateException("cannot record the products of SBOM " + sbomSha256, e);
    }
  }

  /**
   * Notes that images are moving to new SBOMs in run {@code jobInstanceId}: call before
   * {@code sbom.image} is updated. {@link #applyPending} applies them to the index in one pass.
   */
  public void recordPending(long jobInstanceId, Map<String, String> newSbomByImage) {
    if (newSbomByImage.isEmpty()) {
      return;
    }
    Map<String, String> old = new HashMap<>();
    jdbc.query("SELECT image_digest, sbom_sha256 FROM sbom.image WHERE tenant_id = 'default' AND image_digest = ANY(?)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), newSbomByImage.keySet())),
        r -> {
          old.put(r.getString(1), r.getString(2));
        });
    jdbc.batchUpdate("INSERT INTO sbom.fleet_pending (job_instance_id, image_digest, old_sbom_sha256, new_sbom_sha256)"
        + " VALUES (?, ?, ?, ?)", newSbomByImage.entrySet().stream()
        .map(e -> new Object[] {jobInstanceId, e.getKey(), old.get(e.getKey()), e.getValue()}).toList());
  }

  /**
   * Applies every pending assignment (this run's, and any an abandoned run left): per image, from
   * its SBOM before them to its SBOM after them, every bitmap read and written once. The pending
   * rows are deleted in the same transaction. Callers hold the SBOM ingest job's lock.
   */
  public Map<String, String> applyPending() {
    Map<String, String> before = new HashMap<>();
    Map<String, String> after = new TreeMap<>();
    jdbc.query("SELECT image_digest, old_sbom_sha256, new_sbom_sha256 FROM sbom.fleet_pending"
        + " WHERE tenant_id = 'default' ORDER BY seq",
        r -> {
          if (!before.containsKey(r.getString(1))) {
            before.put(r.getString(1), r.getString(2));
          }
          after.put(r.getString(1), r.getString(3));
        });
    reassign(before, after);
    jdbc.update("DELETE FROM sbom.fleet_pending WHERE tenant_id = 'default'");
    return after;
  }

  /**
   * Takes images out of the fleet: removes them from every bitmap, records them in
   * {@code sbom.image_retired} and deletes their current assignment. Returns the digests that were
   * in the fleet. Callers hold the SBOM ingest job's lock and a transaction.
   */
  public List<String> retire(Collection<String> imageDigests) {
    applyPending();
    Map<String, String> current = new TreeMap<>();
    jdbc.query("SELECT image_digest, sbom_sha256 FROM sbom.image WHERE tenant_id = 'default' AND image_digest = ANY(?)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), imageDigests)),
        r -> {
          current.put(r.getString(1), r.getString(2));
        });
    Map<String, String> none = new TreeMap<>();
    current.keySet().forEach(image -> none.put(image, null));
    reassign(current, none);
    jdbc.batchUpdate("INSERT INTO sbom.image_retired (image_digest, sbom_sha256) VALUES (?, ?)",
        current.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList());
    jdbc.update("DELETE FROM sbom.image WHERE tenant_id = 'default' AND image_digest = ANY(?)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), current.keySet())));
    return List.copyOf(current.keySet());
  }

  /** How many image assignments wait for an SBOM ingest run to finish before they are in the index. */
  public long pendingCount() {
    Long count = jdbc.queryForObject("SELECT count(*) FROM sbom.fleet_pending WHERE tenant_id = 'default'", Long.class);
    return count == null ? 0 : count;
  }

  /** Moves images from their SBOM in {@code oldSbomByImage} (absent or null: none) to the one in {@code newSbomByImage}. */
  private void reassign(Map<String, String> oldSbomByImage, Map<String, String> newSbomByImage) {
    if (newSbomByImage.isEmpty()) {
      return;
    }
    Map<String, Integer> ordinals = ensureOrdinals(newSbomByImage.keySet());
    Set<String> sboms = new TreeSet<>();
    newSbomByImage.values().stream().filter(java.util.Objects::nonNull).forEach(sboms::add);
    oldSbomByImage.values().stream().filter(java.util.Objects::nonNull).forEach(sboms::add);
    Map<String, Set<Product>> productsBySbom = productsOf(sboms);
    Changes changes = new Changes();
    newSbomByImage.forEach((image, newSbom) -> {
      Set<Product> before = Optional.ofNullable(oldSbomByImage.get(image)).map(productsBySbom::get).orElse(Set.of());
      Set<Product> after = newSbom == null ? Set.of() : productsBySbom.getOrDefault(newSbom, Set.of());
      int ordinal = ordinals.get(image);
      before.stream().filter(p -> !after.contains(p)).forEach(p -> changes.removeVersion(p, ordinal));
      after.stream().filter(p -> !before.contains(p)).forEach(p -> changes.addVersion(p, ordinal));
      Set<String> keysBefore = keys(before);
      Set<String> keysAfter = keys(after);
      keysBefore.stream().filter(k -> !keysAfter.contains(k)).forEach(k -> changes.removeKey(k, ordinal));
      keysAfter.stream().filter(k -> !keysBefore.contains(k)).forEach(k -> changes.addKey(k, ordinal));
    });
    apply(changes);
  }

  private static Set<String> keys(Set<Product> products) {
    Set<String> keys = new TreeSet<>();
    products.forEach(p -> keys.add(p.productKey()));
    return keys;
  }

  /** Ordinals of {@code images}, new ones numbered after the highest in digest order (callers hold the job lock). */
  private Map<String, Integer> ensureOrdinals(Set<String> images) {
    jdbc.update("INSERT INTO sbom.image_ordinal (image_digest, ordinal)"
        + " SELECT d, (SELECT coalesce(max(ordinal) + 1, 0) FROM sbom.image_ordinal WHERE tenant_id = 'default')"
        + "   + row_number() OVER (ORDER BY d) - 1"
        + " FROM unnest(?::text[]) AS d WHERE NOT EXISTS (SELECT 1 FROM sbom.image_ordinal o"
        + "   WHERE o.tenant_id = 'default' AND o.image_digest = d)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), new TreeSet<>(images))));
    Map<String, Integer> ordinals = new HashMap<>();
    jdbc.query("SELECT image_digest, ordinal FROM sbom.image_ordinal WHERE tenant_id = 'default' AND image_digest = ANY(?)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), images)), r -> {
          ordinals.put(r.getString(1), r.getInt(2));
        });
    return ordinals;
  }

  private Map<String, Set<Product>> productsOf(Collection<String> sboms) {
    Map<String, Set<Product>> products = new HashMap<>();
    jdbc.query("SELECT sbom_sha256, product_key, version FROM sbom.sbom_product WHERE tenant_id = 'default'"
        + " AND sbom_sha256 = ANY(?)", ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), sboms)),
        r -> {
          products.computeIfAbsent(r.getString(1), s -> new LinkedHashSet<>()).add(new Product(r.getString(2), r.getString(3)));
        });
    return products;
  }

  private void apply(Changes changes) {
    Map<String, RoaringBitmap> keys = load("SELECT product_key, images FROM sbom.fleet_index WHERE tenant_id = 'default'"
        + " AND product_key = ANY(?) FOR UPDATE", changes.byKey.keySet());
    changes.byKey.forEach((key, change) -> change.applyTo(keys.computeIfAbsent(key, k -> new RoaringBitmap())));
    upsert("sbom.fleet_index (product_key, images, image_count) VALUES (?, ?, ?)", "(tenant_id, product_key)",
        "DELETE FROM sbom.fleet_index WHERE tenant_id = 'default' AND product_key = ?", keys, key -> new Object[] {key});
    Map<String, RoaringBitmap> versions = load("SELECT product_key || chr(10) || version, images FROM sbom.fleet_index_version"
        + " WHERE tenant_id = 'default' AND product_key || chr(10) || version = ANY(?) FOR UPDATE", changes.byVersion.keySet());
    changes.byVersion.forEach((key, change) -> change.applyTo(versions.computeIfAbsent(key, k -> new RoaringBitmap())));
    upsert("sbom.fleet_index_version (product_key, version, images, image_count) VALUES (?, ?, ?, ?)",
        "(tenant_id, product_key, version)",
        "DELETE FROM sbom.fleet_index_version WHERE tenant_id = 'default' AND product_key = ? AND version = ?",
        versions, key -> key.split("\n", 2));
  }

  private Map<String, RoaringBitmap> load(String sql, Set<String> keys) {
    Map<String, RoaringBitmap> bitmaps = new TreeMap<>();
    if (!keys.isEmpty()) {
      jdbc.query(sql, ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), keys)),
          r -> {
            bitmaps.put(r.getString(1), CanonicalBitmaps.fromBytes(r.getBytes(2)));
          });
    }
    return bitmaps;
  }

  private void upsert(String insert, String conflict, String delete, Map<String, RoaringBitmap> bitmaps,
      java.util.function.Function<String, Object[]> keyColumns) {
    List<Object[]> rows = new ArrayList<>();
    List<Object[]> deletes = new ArrayList<>();
    bitmaps.forEach((key, bitmap) -> {
      Object[] columns = keyColumns.apply(key);
      if (bitmap.isEmpty()) {
        deletes.add(columns);
      } else {
        Object[] row = new Object[columns.length + 2];
        System.arraycopy(columns, 0, row, 0, columns.length);
        row[columns.length] = CanonicalBitmaps.toBytes(bitmap);
        row[columns.length + 1] = bitmap.getCardinality();
        rows.add(row);
      }
    });
    jdbc.batchUpdate("INSERT INTO " + insert + " ON CONFLICT " + conflict
        + " DO UPDATE SET images = EXCLUDED.images, image_count = EXCLUDED.image_count", rows);
    jdbc.batchUpdate(delete, deletes);
  }

  /**
   * The images whose current SBOM holds one of a delta's changed product keys, by image digest,
   * and the keys' bitmaps, from which {@link #keysByImage} says which keys selected each image.
   */
  public record Impact(SortedSet<String> images, Map<String, Integer> ordinalsByImage, Map<String, RoaringBitmap> bitmaps) {
    /** For each selected image, the changed keys it holds (what `stella impact` lists): a set per image on top of the selection. */
    public SortedMap<String, SortedSet<String>> keysByImage() {
      SortedMap<String, SortedSet<String>> keys = new TreeMap<>();
      for (String image : images) {
        int ordinal = ordinalsByImage.get(image);
        SortedSet<String> holding = new TreeSet<>();
        bitmaps.forEach((key, bitmap) -> {
          if (bitmap.contains(ordinal)) {
            holding.add(key);
          }
        });
        keys.put(image, holding);
      }
      return keys;
    }
  }

  /**
   * Impact selection: one bitmap read per key, ORed, and the ordinals mapped back to digests. The
   * cost follows the keys and the images selected, not the fleet.
   */
  public Impact impact(Collection<String> productKeys) {
    Map<String, RoaringBitmap> bitmaps = load("SELECT product_key, images FROM sbom.fleet_index WHERE tenant_id = 'default'"
        + " AND product_key = ANY(?)", new TreeSet<>(productKeys));
    RoaringBitmap ordinals = RoaringBitmap.or(bitmaps.values().iterator());
    Map<String, Integer> byImage = new HashMap<>();
    if (!ordinals.isEmpty()) {
      jdbc.query("SELECT ordinal, image_digest FROM sbom.image_ordinal WHERE tenant_id = 'default' AND ordinal = ANY(?)",
          ps -> ps.setArray(1, ps.getConnection().createArrayOf("int4", java.util.Arrays.stream(ordinals.toArray()).boxed()
              .toArray())),
          r -> {
            byImage.put(r.getString(2), r.getInt(1));
          });
    }
    return new Impact(new TreeSet<>(byImage.keySet()), byImage, bitmaps);
  }

  /** The images {@link #impact} selects. */
  public SortedSet<String> selectImages(Collection<String> productKeys) {
    return impact(productKeys).images();
  }

  /** The images {@link #impact} selects, each with the keys that selected it. */
  public SortedMap<String, SortedSet<String>> select(Collection<String> productKeys) {
    return impact(productKeys).keysByImage();
  }

  /** A digest of the whole stored index (keys, versions and canonical bitmap bytes), for comparison. */
  public String fingerprint() {
    return jdbc.queryForObject("SELECT coalesce(md5(string_agg(k || ':' || encode(images, 'hex'), '|' ORDER BY k)), '')"
        + " FROM (SELECT product_key AS k, images FROM sbom.fleet_index WHERE tenant_id = 'default'"
        + " UNION ALL SELECT product_key || chr(10) || version, images FROM sbom.fleet_index_version"
        + " WHERE tenant_id = 'default') i", String.class);
  }

  /**
   * Recomputes the whole index from the current image assignments (products of SBOMs stored
   * before the index existed are computed first, by {@code backfill}). Returns whether the stored
   * index differed.
   */
  public boolean rebuild(java.util.function.Consumer<String> backfill) {
    jdbc.query("SELECT sha256 FROM sbom.document WHERE tenant_id = 'default' AND NOT products_indexed ORDER BY sha256",
        r -> {
          backfill.accept(r.getString(1));
        });
    String before = fingerprint();
    List<String> images = jdbc.queryForList("SELECT image_digest FROM sbom.image WHERE tenant_id = 'default'"
        + " ORDER BY image_digest", String.class);
    Map<String, Integer> ordinals = ensureOrdinals(new TreeSet<>(images));
    Changes changes = new Changes();
    jdbc.query("SELECT i.image_digest, p.product_key, p.version FROM sbom.image i JOIN sbom.sbom_product p"
        + " ON p.tenant_id = i.tenant_id AND p.sbom_sha256 = i.sbom_sha256 WHERE i.tenant_id = 'default'",
        r -> {
          int ordinal = ordinals.get(r.getString(1));
          changes.addKey(r.getString(2), ordinal);
          changes.addVersion(new Product(r.getString(2), r.getString(3)), ordinal);
        });
    jdbc.update("DELETE FROM sbom.fleet_index WHERE tenant_id = 'default'");
    jdbc.update("DELETE FROM sbom.fleet_index_version WHERE tenant_id = 'default'");
    apply(changes);
    return !before.equals(fingerprint());
  }

  /** Whether some image or SBOM is not in the index yet (data stored before the index existed). */
  public boolean needsRebuild() {
    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT exists(SELECT 1 FROM sbom.document WHERE tenant_id = 'default'"
        + " AND NOT products_indexed) OR exists(SELECT 1 FROM sbom.image i WHERE i.tenant_id = 'default' AND NOT exists("
        + " SELECT 1 FROM sbom.image_ordinal o WHERE o.tenant_id = i.tenant_id AND o.image_digest = i.image_digest))",
        Boolean.class));
  }

  /** Ordinals to add to and remove from each key's bitmap. */
  private static final class Changes {
    final Map<String, Change> byKey = new TreeMap<>();
    final Map<String, Change> byVersion = new TreeMap<>();

    void addKey(String productKey, int ordinal) {
      byKey.computeIfAbsent(productKey, k -> new Change()).added.add(ordinal);
    }

    void removeKey(String productKey, int ordinal) {
      byKey.computeIfAbsent(productKey, k -> new Change()).removed.add(ordinal);
    }

    void addVersion(Product product, int ordinal) {
      byVersion.computeIfAbsent(product.productKey() + "\n" + product.version(), k -> new Change()).added.add(ordinal);
    }

    void removeVersion(Product product, int ordinal) {
      byVersion.computeIfAbsent(product.productKey() + "\n" + product.version(), k -> new Change()).removed.add(ordinal);
    }
  }

  private static final class Change {
    final RoaringBitmap added = new RoaringBitmap();
    final RoaringBitmap removed = new RoaringBitmap();

    void applyTo(RoaringBitmap bitmap) {
      bitmap.andNot(removed);
      bitmap.or(added);
    }
  }
}
