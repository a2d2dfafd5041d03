package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The golden path on the real public advisories and SBOMs: ingest, re-ingest, evaluate, report. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealFixturesEndToEndTest {
  private String db;
  private Path osv;
  private Path sboms;

  /**
   * Ingests once, on the first test. Not in {@code @BeforeAll}: a skip there would hide every
   * test (surefire reports "Tests run: 0"), while here each test is reported as skipped.
   */
  @BeforeEach
  void ingestEverything() {
    osv = Fixtures.require("osv");
    sboms = Fixtures.require("sboms");
    if (db != null) {
      return;
    }
    db = TestDatabase.fresh();
    CliRun advisories = CliRun.run(db, "ingest", "advisories", osv.toString());
    assertThat(advisories.exitCode()).as(advisories.err()).isZero();
    assertThat(advisories.out()).contains("2317 new revision(s)", "0 rejected");
    CliRun ingested = CliRun.run(db, "ingest", "sboms", sboms.toString());
    assertThat(ingested.exitCode()).as(ingested.err()).isZero();
    CliRun evaluated = CliRun.run(db, "reevaluate", "--all");
    assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
  }

  @Test
  void everyRealDocumentIsStoredRawAndNormalised() {
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.raw_document")).isEqualTo(2317);
    assertThat(Sql.count(db, "SELECT count(DISTINCT advisory_id) FROM vuln.advisory_revision")).isEqualTo(2317);
    assertThat(Sql.count(db, "SELECT count(*) FROM sbom.document")).isEqualTo(20);
    assertThat(Sql.count(db, "SELECT count(*) FROM audit.ingest_error")).isZero();
    assertThat(Sql.scalar(db, "SELECT bool_and(sealed)::text FROM vuln.snapshot")).isEqualTo("true");
  }

  @Test
  void reingestingUnchangedFilesIsANoOp() {
    long revisions = Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision");
    long deltas = Sql.count(db, "SELECT count(*) FROM vuln.export_delta");
    CliRun again = CliRun.run(db, "ingest", "advisories", osv.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("0 new revision(s)", "0 product key change(s)");
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision")).isEqualTo(revisions);
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.export_delta")).isEqualTo(deltas);
    CliRun reevaluate = CliRun.run(db, "reevaluate", "--all");
    assertThat(reevaluate.out()).contains("0 new verdict(s)");
  }

  @Test
  void reportJsonExplainsWellKnownFindings() throws Exception {
    CliRun report = CliRun.run(db, "report", "--all", "--format", "json");
    assertThat(report.exitCode()).as(report.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(report.out());
    assertThat(root.path("images").size()).isEqualTo(18);
    List<JsonNode> findings = new ArrayList<>();
    root.path("images").forEach(image -> {
      assertThat(image.path("imageDigest").asText()).matches("sha256:[0-9a-f]{64}");
      assertThat(image.path("verdict").asText()).isIn("PASS", "FAIL");
      assertThat(image.path("verdictDigest").asText()).matches("sha256:[0-9a-f]{64}");
      image.path("findings").forEach(findings::add);
    });
    // jackson-databind 2.9.10 is listed by GHSA-5p34-5m6p-p58g (CVE-2020-11113 family, fixed in 2.9.10.4).
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.path("advisoryId").asText()).isEqualTo("GHSA-5p34-5m6p-p58g");
      assertThat(f.path("purl").asText()).startsWith("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10");
      assertThat(f.path("status").asText()).isEqualTo("affected");
      assertThat(f.path("matched").asText()).isEqualTo("versions: 2.9.10");
      assertThat(f.path("fixedVersion").asText()).isEqualTo("2.9.10.4");
      assertThat(f.path("severity").asText()).isEqualTo("CRITICAL");
    });
    assertThat(findings).anySatisfy(f -> assertThat(f.path("matched").asText()).matches("(ECOSYSTEM|SEMVER) >=.*"));
    // A distro package is matched against its own release's entry (Alpine 3.20 -> Alpine:v3.20), in apk order.
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.path("advisoryId").asText()).isEqualTo("ALPINE-CVE-2025-26519");
      assertThat(f.path("purl").asText()).startsWith("pkg:apk/alpine/musl@1.2.5-r0");
      assertThat(f.path("status").asText()).isEqualTo("affected");
      assertThat(f.path("matched").asText()).isEqualTo("ECOSYSTEM >=0.9.13, <1.2.5-r1");
    });
    // Debian advisories name source packages: libssl1.1 (syft: upstream=openssl) is affected by DLA-3008-1.
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.path("advisoryId").asText()).isEqualTo("DLA-3008-1");
      assertThat(f.path("purl").asText()).startsWith("pkg:deb/debian/libssl1.1@1.1.0l-1~deb9u5");
      assertThat(f.path("packageName").asText()).isEqualTo("openssl");
      assertThat(f.path("status").asText()).isEqualTo("affected");
    });
    assertThat(findings).noneSatisfy(f -> assertThat(f.path("status").asText()).isEqualTo("unknown"));
    // Every image accounts for its components: what was not evaluated is counted by reason.
    List<String> reasons = new ArrayList<>();
    root.path("images").forEach(image -> image.path("notEvaluated").forEach(n -> reasons.add(n.path("reason").asText())));
    assertThat(reasons).contains("no-purl", "operating-system").doesNotContain("no-distro-release");
  }

  @Test
  void sarifAndTableReportsRender() throws Exception {
    CliRun sarif = CliRun.run(db, "report", "--all", "--format", "sarif");
    JsonNode root = new ObjectMapper().readTree(sarif.out());
    assertThat(root.path("version").asText()).isEqualTo("2.1.0");
    assertThat(root.path("runs").get(0).path("results").size()).isPositive();
    CliRun table = CliRun.run(db, "report", "--all");
    assertThat(table.out()).contains("VERDICT", "FAIL", "18 image(s)");
  }
}
