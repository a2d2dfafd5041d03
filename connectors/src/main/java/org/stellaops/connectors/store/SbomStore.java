package org.stellaops.connectors.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.stellaops.engine.match.ComponentRef;
import org.stellaops.connectors.source.ParsedDocument;
import org.stellaops.schemas.sbom.Component;
import org.stellaops.schemas.sbom.Sbom;

/**
 * SBOMs in PostgreSQL: documents as received, their components (bulk-loaded with COPY), and the
 * current SBOM of each image with an append-only history of assignments.
 */
@Repository
public class SbomStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JdbcTemplate jdbc;
  private final DataSource dataSource;
  private final FleetIndexStore fleet;

  public SbomStore(JdbcTemplate jdbc, DataSource dataSource, FleetIndexStore fleet) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.fleet = fleet;
  }

  /** The image an SBOM describes: the override, else what the document declares, else the document's own digest. */
  public static String imageDigest(Sbom sbom, Optional<String> override) {
    return override.or(sbom::imageDigest).orElse("sha256:" + sbom.documentSha256());
  }

  /** Stores the accepted SBOMs of a chunk and points their images at them. */
  public void write(long jobInstanceId, List<ParsedDocument<Sbom>> items, Optional<String> imageDigest)
      throws SQLException, IOException {
    Set<String> stored = existing(items);
    List<Object[]> documents = new ArrayList<>();
    List<Object[]> images = new ArrayList<>();
    Map<String, Set<FleetIndexStore.Product>> products = new LinkedHashMap<>();
    Map<String, String> assignments = new LinkedHashMap<>();
    CsvCopy components = new CsvCopy();
    for (ParsedDocument<Sbom> item : items) {
      if (item.value().isEmpty()) {
        continue;
      }
      Sbom sbom = item.value().get();
      if (stored.add(item.sha256())) {
        documents.add(new Object[] {item.sha256(), sbom.format().name(), sbom.specVersion(), item.source(),
            item.bytes().length, item.bytes(), sbom.name().orElse(null), sbom.imageDigest().orElse(null),
            sbom.components().size()});
        addComponents(components, item.sha256(), sbom.components());
        products.put(item.sha256(), FleetIndexStore.products(sbom.components()));
      }
      images.add(new Object[] {imageDigest(sbom, imageDigest), item.sha256(), jobInstanceId});
      assignments.put(imageDigest(sbom, imageDigest), item.sha256());
    }
    jdbc.batchUpdate("INSERT INTO sbom.document (sha256, format, spec_version, path, size_bytes, content, name,"
        + " declared_image_digest, component_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", documents);
    components.copyInto(dataSource,
        "sbom.component (sbom_sha256, ordinal, purl, name, version, type, licenses, hashes, scope, layer, source_package,"
        + " used_by_entrypoint)");
    fleet.recordProducts(products);
    fleet.recordPending(jobInstanceId, assignments);
    jdbc.batchUpdate("INSERT INTO sbom.image (image_digest, sbom_sha256) VALUES (?, ?)"
        + " ON CONFLICT (tenant_id, image_digest) DO UPDATE SET sbom_sha256 = EXCLUDED.sbom_sha256",
        images.stream().map(row -> new Object[] {row[0], row[1]}).toList());
    jdbc.batchUpdate("INSERT INTO sbom.image_history (image_digest, sbom_sha256, job_instance_id) VALUES (?, ?, ?)"
        + " ON CONFLICT DO NOTHING", images);
  }

  private static void addComponents(CsvCopy copy, String sbomSha256, List<Component> components) throws JsonProcessingException {
    for (int i = 0; i < components.size(); i++) {
      Component c = components.get(i);
      copy.row(sbomSha256, i, c.purl().orElse(null), c.name(), c.version().orElse(null), c.type(),
          CsvCopy.textArray(c.licenses()), JSON.writeValueAsString(c.hashes()), c.scope().orElse(null),
          c.layer().orElse(null), c.sourcePackage().orElse(null), c.usedByEntrypoint().map(String::valueOf).orElse(null));
    }
  }

  private Set<String> existing(List<ParsedDocument<Sbom>> items) {
    List<String> shas = items.stream().filter(i -> i.value().isPresent()).map(ParsedDocument::sha256).distinct().toList();
    if (shas.isEmpty()) {
      return new HashSet<>();
    }
    return new HashSet<>(jdbc.query("SELECT sha256 FROM sbom.document WHERE tenant_id = 'default' AND sha256 = ANY(?)",
        ps -> ps.setArray(1, JdbcArrays.text(ps.getConnection(), shas)), (r, i) -> r.getString(1)));
  }

  /** Every image with its current SBOM, by image digest; only {@code imageDigests} when not empty. */
  public List<ImageSbom> images(List<String> imageDigests) {
    String where = imageDigests.isEmpty() ? "" : " AND image_digest = ANY(?)";
    return jdbc.query("SELECT image_digest, sbom_sha256 FROM sbom.image WHERE tenant_id = 'default'" + where
        + " ORDER BY image_digest",
        ps -> {
          if (!imageDigests.isEmpty()) {
            ps.setArray(1, JdbcArrays.text(ps.getConnection(), imageDigests));
          }
        },
        (r, i) -> new ImageSbom(r.getString(1), r.getString(2)));
  }

  /** The components with a purl of one SBOM as the BOM-Index keeps them, with entrypoint use where the SBOM states it. */
  public List<org.stellaops.engine.bomindex.IndexedComponent> indexedComponents(String sbomSha256) {
    return jdbc.query("SELECT purl, source_package, used_by_entrypoint FROM sbom.component WHERE tenant_id = 'default'"
        + " AND sbom_sha256 = ? AND purl IS NOT NULL AND purl <> '' ORDER BY ordinal",
        (r, i) -> new org.stellaops.engine.bomindex.IndexedComponent(r.getString(1), Optional.ofNullable(r.getString(2)),
            Optional.ofNullable((Boolean) r.getObject(3))), sbomSha256);
  }

  /** Computes and records the fleet-index products of an SBOM stored before the fleet index existed. */
  public void backfillProducts(String sbomSha256) {
    fleet.recordProducts(sbomSha256, FleetIndexStore.productsOfIndexed(indexedComponents(sbomSha256)));
  }

  /** Every component of one SBOM, in document order (those without a purl too: they are counted as not evaluated). */
  public List<ComponentRef> componentRefs(String sbomSha256) {
    return jdbc.query("SELECT purl, name, type, version, layer, source_package FROM sbom.component"
        + " WHERE tenant_id = 'default' AND sbom_sha256 = ? ORDER BY ordinal",
        (r, i) -> new ComponentRef(Optional.ofNullable(r.getString(1)).filter(p -> !p.isBlank()), r.getString(2),
            r.getString(3), Optional.ofNullable(r.getString(4)), Optional.ofNullable(r.getString(5)),
            Optional.ofNullable(r.getString(6))), sbomSha256);
  }

  /** An image and the SHA-256 of its current SBOM document. */
  /**
   * The repository of the image SBOM {@code sbomSha256} describes, as the SBOM names it without tag
   * or digest ({@code registry.example/team/app}), or empty when it names none.
   */
  public String repository(String sbomSha256) {
    List<String> names = jdbc.queryForList("SELECT name FROM sbom.document WHERE tenant_id = 'default' AND sha256 = ?"
        + " AND name IS NOT NULL", String.class, sbomSha256);
    return names.isEmpty() ? "" : repositoryOf(names.get(0));
  }

  /** {@code name} without {@code @digest} and {@code :tag} (a colon before the last '/' is a registry port). */
  public static String repositoryOf(String name) {
    String repository = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
    int colon = repository.lastIndexOf(':');
    return colon > repository.lastIndexOf('/') ? repository.substring(0, colon) : repository;
  }

  public record ImageSbom(String imageDigest, String sbomSha256) {}
}
