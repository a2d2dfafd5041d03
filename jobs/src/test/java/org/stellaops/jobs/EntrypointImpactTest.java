package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.engine.bomindex.BomIndex;
import org.stellaops.engine.bomindex.BomIndexReader;
import org.stellaops.engine.bomindex.EntrypointUsage;

/**
 * Entrypoint use flows from the SBOM into the BOM-Index sidecar and the fleet's products, and
 * {@code impact --used-by-entrypoint} leaves out only images whose SBOM states the changed
 * component is not used; an image whose SBOM says nothing stays selected.
 */
class EntrypointImpactTest {
  private static final String USED = "sha256:" + "1".repeat(64);
  private static final String NOT_USED = "sha256:" + "2".repeat(64);
  private static final String UNKNOWN = "sha256:" + "3".repeat(64);

  @Test
  void onlyStatedNonUseLeavesAnImageOut(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Path objects = dir.resolve("objects");
    sbom(db, dir, objects, USED, "\"true\"");
    sbom(db, dir, objects, NOT_USED, "\"false\"");
    sbom(db, dir, objects, UNKNOWN, null);
    Path advisory = dir.resolve("GHSA-test.json");
    Files.writeString(advisory, """
        {"id": "GHSA-test-0001", "modified": "2026-01-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
                       "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}""");
    assertThat(CliRun.run(db, "ingest", "advisories", advisory.toString()).exitCode()).isZero();

    CliRun all = CliRun.run(db, "impact", "--delta", "1");
    assertThat(all.out()).contains(USED).contains(NOT_USED).contains(UNKNOWN).contains("3 image(s) impacted");
    CliRun used = CliRun.run(db, "impact", "--delta", "1", "--used-by-entrypoint", "--format", "json");
    assertThat(used.exitCode()).as(used.err()).isZero();
    assertThat(used.out()).contains(USED).contains(UNKNOWN).doesNotContain(NOT_USED).containsPattern("\"leftOutAsNotUsedByEntrypoint\" ?: ?1");

    assertThat(usage(objects, USED)).isEqualTo(EntrypointUsage.USED);
    assertThat(usage(objects, NOT_USED)).isEqualTo(EntrypointUsage.NOT_USED);
    assertThat(usage(objects, UNKNOWN)).isEqualTo(EntrypointUsage.UNKNOWN);
    assertThat(Sql.scalar(db, "SELECT string_agg(coalesce(p.usage, 'unknown'), ',' ORDER BY i.image_digest) FROM sbom.image i"
        + " JOIN sbom.sbom_product p ON p.sbom_sha256 = i.sbom_sha256 WHERE p.product_key = 'npm/lodash'"))
        .isEqualTo("used,not-used,unknown");
  }

  private static EntrypointUsage usage(Path objects, String image) throws Exception {
    BomIndex index = BomIndexReader.read(Files.readAllBytes(objects.resolve("indexes").resolve(image).resolve("bom-index.bin")));
    return index.usageOf("npm/lodash");
  }

  private static void sbom(String db, Path dir, Path objects, String image, String used) throws Exception {
    String property = used == null ? "" : ", \"properties\": [{\"name\": \"stellaops:usedByEntrypoint\", \"value\": " + used + "}]";
    Path file = dir.resolve(image.substring(7, 15) + ".cdx.json");
    Files.writeString(file, """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": "urn:uuid:%s",
         "components": [{"type": "library", "name": "lodash", "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20"%s},
                        {"type": "library", "name": "left-pad", "version": "1.3.0", "purl": "pkg:npm/left-pad@1.3.0"}]}"""
        .formatted(java.util.UUID.nameUUIDFromBytes(image.getBytes()), property));
    CliRun ingest = CliRun.run(db, "ingest", "sboms", file.toString(), "--image-digest", image, "--objects", objects.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
  }
}
