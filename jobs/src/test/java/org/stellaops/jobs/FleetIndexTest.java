package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.ProgressListener;
import org.stellaops.connectors.sbom.SbomReader;
import org.stellaops.engine.match.ProductKeys;
import org.stellaops.schemas.sbom.Sbom;

/**
 * The fleet index: maintained incrementally as SBOMs arrive and images move to new SBOMs, equal to
 * a rebuild from scratch, and selecting exactly the images a brute-force scan of every stored SBOM
 * finds for a snapshot's changed product keys.
 */
class FleetIndexTest {

  @Test
  void incrementalEqualsRebuiltAndSelectionEqualsBruteForce(@TempDir Path dir) throws Exception {
    Path root = new CorpusGenerator().generate(new CorpusSpec(24, 40, 3_000, 5), dir.resolve("corpus"),
        ProgressListener.none()).advisoryDirectory().getParent();
    List<Path> sboms;
    try (Stream<Path> files = Files.list(root.resolve("sboms"))) {
      sboms = files.sorted().toList();
    }
    String db = TestDatabase.fresh();
    Path firstHalf = Files.createDirectories(dir.resolve("first"));
    for (Path sbom : sboms.subList(0, 12)) {
      Files.copy(sbom, firstHalf.resolve(sbom.getFileName()));
    }
    assertThat(CliRun.run(db, "ingest", "sboms", firstHalf.toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "ingest", "sboms", root.resolve("sboms").toString()).exitCode()).isZero();
    // An image moves to another SBOM: the index must drop what only its old SBOM held.
    String moved = Sql.scalar(db, "SELECT image_digest FROM sbom.image ORDER BY image_digest LIMIT 1");
    assertThat(CliRun.run(db, "ingest", "sboms", sboms.get(sboms.size() - 1).toString(), "--image-digest", moved).exitCode())
        .isZero();

    String stored = fingerprint(db);
    CliRun rebuild = CliRun.run(db, "index", "rebuild");
    assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
    assertThat(rebuild.out()).contains("identical to the stored index", "24 image(s)");
    assertThat(fingerprint(db)).isEqualTo(stored);

    assertThat(CliRun.run(db, "ingest", "advisories", root.resolve("advisories").toString()).exitCode()).isZero();
    CliRun impact = CliRun.run(db, "impact", "--delta", "1", "--format", "json");
    assertThat(impact.exitCode()).as(impact.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(impact.out());
    SortedMap<String, SortedSet<String>> selected = new TreeMap<>();
    json.path("images").forEach(image -> {
      SortedSet<String> keys = new TreeSet<>();
      image.path("productKeys").forEach(k -> keys.add(k.asText()));
      selected.put(image.path("imageDigest").asText(), keys);
    });
    SortedMap<String, SortedSet<String>> expected = bruteForce(db, Set.copyOf(Sql.scalar(db,
        "SELECT string_agg(DISTINCT product_key, chr(10)) FROM vuln.export_delta").lines().toList()));
    assertThat(selected).isEqualTo(expected);
    assertThat(selected).as("the generated fleet shares popular packages").isNotEmpty();
    assertThat(selected.keySet()).contains(moved);
  }

  /** Every image whose current SBOM, parsed again from its stored bytes, holds one of {@code keys}. */
  static SortedMap<String, SortedSet<String>> bruteForce(String db, Set<String> keys) throws Exception {
    SortedMap<String, SortedSet<String>> impacted = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT i.image_digest, d.path, d.content FROM sbom.image i"
            + " JOIN sbom.document d ON d.sha256 = i.sbom_sha256")) {
      while (r.next()) {
        Sbom sbom = new SbomReader().read(r.getString(2), r.getBytes(3));
        SortedSet<String> hits = new TreeSet<>();
        sbom.components().forEach(component -> component.purl()
            .flatMap(purl -> ProductKeys.of(purl, component.sourcePackage()))
            .filter(key -> keys.contains(key.productKey()))
            .ifPresent(key -> hits.add(key.productKey())));
        if (!hits.isEmpty()) {
          impacted.put(r.getString(1), hits);
        }
      }
    }
    return impacted;
  }

  static String fingerprint(String db) {
    return Sql.scalar(db, "SELECT coalesce(md5(string_agg(product_key || ':' || encode(images, 'hex'), '|' ORDER BY product_key)),"
        + " 'empty') FROM sbom.fleet_index") + "/" + Sql.scalar(db, "SELECT coalesce(md5(string_agg(product_key || version"
        + " || ':' || encode(images, 'hex'), '|' ORDER BY product_key, version)), 'empty') FROM sbom.fleet_index_version")
        + "/" + Sql.count(db, "SELECT count(*) FROM sbom.fleet_index");
  }

  @Test
  void aKilledAndThenAbandonedSbomIngestLeavesNoHoleInTheIndex(@TempDir Path dir) throws Exception {
    Path sboms = new CorpusGenerator().generate(new CorpusSpec(120, 40, 500, 9), dir.resolve("corpus"),
        ProgressListener.none()).advisoryDirectory().getParent().resolve("sboms");
    String db = TestDatabase.fresh();
    KillInterleavingsTest.KilledRun.startAndKillWhen(db, dir.resolve("killed.log"), "sbom.fleet_pending",
        "SELECT count(*) >= 20 FROM sbom.fleet_pending", "ingest", "sboms", sboms.toString());
    assertThat(Sql.count(db, "SELECT count(*) FROM sbom.image")).as("killed midway").isBetween(20L, 119L);
    // The input changes at the same path: the killed run is abandoned with its assignments pending.
    List<Path> files;
    try (Stream<Path> list = Files.list(sboms)) {
      files = list.sorted().toList();
    }
    Files.delete(files.get(files.size() - 1));
    CliRun rerun = CliRun.run(db, "ingest", "sboms", sboms.toString());
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("the inputs changed since interrupted run");
    assertThat(Sql.count(db, "SELECT count(*) FROM sbom.fleet_pending")).isZero();
    String stored = fingerprint(db);
    assertThat(CliRun.run(db, "index", "rebuild").out()).contains("identical to the stored index");
    assertThat(fingerprint(db)).isEqualTo(stored);
  }

  @Test
  void retiredImagesLeaveTheIndexReportsAndRunsAndCanComeBack(@TempDir Path dir) throws Exception {
    Path root = new CorpusGenerator().generate(new CorpusSpec(8, 40, 1_500, 21), dir.resolve("corpus"),
        ProgressListener.none()).advisoryDirectory().getParent();
    String db = TestDatabase.fresh();
    assertThat(CliRun.run(db, "ingest", "sboms", root.resolve("sboms").toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "ingest", "advisories", root.resolve("advisories").toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "reevaluate", "--all").exitCode()).isZero();
    String retired = Sql.scalar(db, "SELECT image_digest FROM sbom.image ORDER BY image_digest LIMIT 1");
    String sbomOfRetired = Sql.scalar(db, "SELECT d.path FROM sbom.image i JOIN sbom.document d ON d.sha256 = i.sbom_sha256"
        + " WHERE i.image_digest = '" + retired + "'");

    CliRun retire = CliRun.run(db, "images", "retire", retired);
    assertThat(retire.exitCode()).as(retire.err()).isZero();
    assertThat(retire.out()).contains("retired " + retired);
    assertThat(CliRun.run(db, "impact", "--delta", "1").out()).doesNotContain(retired).contains("7 image(s) impacted");
    assertThat(CliRun.run(db, "report", "--all", "--format", "json").out()).doesNotContain(retired);
    assertThat(CliRun.run(db, "reevaluate", "--all").out()).contains("7 image(s) read");
    assertThat(CliRun.run(db, "index", "rebuild").out()).contains("identical to the stored index", "7 image(s)");
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict WHERE image_digest = '" + retired + "'"))
        .as("its verdicts stay").isPositive();

    CliRun unknown = CliRun.run(db, "images", "retire", retired);
    assertThat(unknown.exitCode()).isEqualTo(org.stellaops.jobs.cli.ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("not in the fleet: " + retired);

    assertThat(CliRun.run(db, "ingest", "sboms", sbomOfRetired).exitCode()).isZero();
    assertThat(CliRun.run(db, "impact", "--delta", "1").out()).contains(retired, "8 image(s) impacted");
    assertThat(CliRun.run(db, "index", "rebuild").out()).contains("identical to the stored index");
  }
}
