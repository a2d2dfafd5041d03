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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.WarehouseBench;
import org.stellaops.jobs.warehouse.WarehouseJobConfig;

/**
 * The example questions of docs/warehouse.md, asked with {@code stella sql} of warehouse snapshots
 * of a generated fleet, give the rows the same questions give when asked of PostgreSQL's own
 * tables; the question over time gives, per snapshot date, what the database held on that date.
 */
class WarehouseExampleQuestionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OVER_TIME = "SELECT CAST(snapshot_date AS VARCHAR) AS snapshot_date, verdict, count(*) AS images"
      + " FROM verdicts GROUP BY 1, 2 ORDER BY 1, 2";

  static final String KEV_QUESTION = "SELECT i.repository, k.cve_id, count(DISTINCT f.image_digest) AS images"
      + " FROM findings f JOIN advisories a USING (advisory_id) JOIN images i USING (image_digest)"
      + " JOIN kev k ON k.cve_id = f.advisory_id OR list_contains(string_split(a.aliases, ','), k.cve_id)"
      + " WHERE f.status = 'affected' GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";
  /** The same over PostgreSQL: ids and aliases of the newest revisions, joined to the current findings and the catalog. */
  private static final String KEV_POSTGRES = "WITH cur AS (SELECT DISTINCT ON (advisory_id) advisory_id, document FROM"
      + " vuln.advisory_revision ORDER BY advisory_id, revision DESC), ids AS (SELECT advisory_id, advisory_id AS cve FROM cur UNION"
      + " SELECT advisory_id, jsonb_array_elements_text(document->'aliases') FROM cur)"
      + " SELECT d.name AS repository, k.cve_id, count(DISTINCT f.image_digest) AS images FROM (SELECT c.image_digest, f.* FROM ("
      + WarehouseJobConfig.CURRENT_VERDICTS + ") c JOIN policy.finding f ON f.verdict_id = c.verdict_id) f"
      + " JOIN ids ON ids.advisory_id = f.advisory_id JOIN vuln.kev k ON k.cve_id = ids.cve"
      + " JOIN sbom.image i ON i.image_digest = f.image_digest JOIN sbom.document d ON d.sha256 = i.sbom_sha256"
      + " WHERE f.status = 'affected' GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";

  private static String normalised(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  private static List<List<String>> postgres(String db, String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.add(String.valueOf(r.getObject(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<List<String>> warehouse(String db, String warehouse, String snapshot, String sql) throws Exception {
    CliRun run = CliRun.run(db, "sql", "--warehouse", warehouse, "--snapshot", snapshot, "--format", "json", sql);
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode row : JSON.readTree(run.out())) {
      List<String> values = new ArrayList<>();
      row.elements().forEachRemaining(v -> values.add(v.isNull() ? "null" : v.asText()));
      rows.add(values);
    }
    return rows;
  }

  private static String entry(String cve) {
    return "{\"cveID\": \"" + cve + "\", \"vendorProject\": \"Example\", \"product\": \"Example\", \"vulnerabilityName\": \"x\","
        + " \"dateAdded\": \"2026-11-01\", \"dueDate\": \"2026-11-22\", \"knownRansomwareCampaignUse\": \"Unknown\"}";
  }

  @Test
  void theDocumentedQuestionsAnswerAsPostgresDoes(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    String warehouse = dir.resolve("warehouse").toString();
    String docs = normalised(Files.readString(Path.of("..", "docs", "warehouse.md")));
    String verdictsNow = "SELECT decision, count(*) FROM (" + WarehouseJobConfig.CURRENT_VERDICTS + ") c GROUP BY 1 ORDER BY 1";
    List<List<String>> expectedOverTime = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      Path corpus = dir.resolve("corpus-" + n);
      assertThat(CliRun.offline("bench", "corpus", "--images", Integer.toString(8 * n), "--components-per-image", "60", "--advisories",
          Integer.toString(2000 * n), "--seed", Integer.toString(40 + n), "--out", corpus.toString()).exitCode()).isZero();
      assertThat(CliRun.run(db, "ingest", "advisories", corpus.resolve("advisories").toString()).exitCode()).isZero();
      assertThat(CliRun.run(db, "ingest", "sboms", corpus.resolve("sboms").toString()).exitCode()).isZero();
      assertThat(CliRun.run(db, "reevaluate", "--all").exitCode()).isZero();
      if (n == 2) {
        // A KEV catalog naming two CVEs the fleet's affected findings carry as aliases, one it does not, and a broken entry.
        List<List<String>> cves = postgres(db, "SELECT DISTINCT a FROM vuln.advisory_revision r CROSS JOIN LATERAL"
            + " jsonb_array_elements_text(r.document->'aliases') a JOIN policy.finding f ON f.advisory_id = r.advisory_id"
            + " WHERE f.status = 'affected' AND a LIKE 'CVE-%' ORDER BY 1 LIMIT 2");
        assertThat(cves).hasSize(2);
        Path kev = dir.resolve("kev.json");
        Files.writeString(kev, "{\"catalogVersion\": \"2026.12.01\", \"dateReleased\": \"2026-12-01T10:00:00Z\", \"vulnerabilities\": ["
            + entry(cves.get(0).get(0)) + ", " + entry(cves.get(1).get(0)) + ", " + entry("CVE-1999-0001")
            + ", {\"cveID\": \"not-a-cve\", \"dateAdded\": \"2026-01-01\"}]}");
        CliRun ingest = CliRun.run(db, "ingest", "kev", kev.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isEqualTo(org.stellaops.jobs.cli.ExitCodes.PARTIAL);
        assertThat(ingest.err()).contains("/vulnerabilities/3/cveID").contains("not-a-cve");
        assertThat(ingest.out()).contains("3 entries stored");
        Path epss = dir.resolve("epss.csv");
        Files.writeString(epss, "#model_version:v2026.06.15,score_date:2026-12-01T00:00:00Z\ncve,epss,percentile\n"
            + cves.get(0).get(0) + ",0.91,0.99\nCVE-1999-0001,0.01,0.2\nCVE-1999-0002,1.5,0.3\n");
        CliRun scores = CliRun.run(db, "ingest", "epss", epss.toString());
        assertThat(scores.exitCode()).isEqualTo(org.stellaops.jobs.cli.ExitCodes.PARTIAL);
        assertThat(scores.err()).contains("line 5").contains("between 0 and 1");
      }
      String date = "2026-12-0" + n;
      assertThat(CliRun.run(db, "warehouse", "snapshot", "--date", date, "--warehouse", warehouse).exitCode()).isZero();
      for (List<String> row : postgres(db, verdictsNow)) {
        expectedOverTime.add(List.of(date, row.get(0), row.get(1)));
      }
    }

    for (WarehouseBench.Question q : WarehouseBench.QUESTIONS) {
      assertThat(docs).as("docs/warehouse.md shows the question '%s'", q.name()).contains(normalised(q.duckdb()));
      List<List<String>> expected = postgres(db, q.postgres());
      assertThat(expected).as("the generated fleet has an answer to '%s'", q.name()).isNotEmpty();
      assertThat(warehouse(db, warehouse, "2026-12-02", q.duckdb())).as(q.name()).isEqualTo(expected);
    }
    // Which KEV-listed CVEs sit in the fleet's images, by repository.
    assertThat(docs).contains(normalised(KEV_QUESTION));
    List<List<String>> kevExpected = postgres(db, KEV_POSTGRES);
    assertThat(kevExpected).isNotEmpty();
    assertThat(warehouse(db, warehouse, "2026-12-02", KEV_QUESTION)).isEqualTo(kevExpected);
    assertThat(warehouse(db, warehouse, "all", "SELECT CAST(snapshot_date AS VARCHAR), count(*) FROM kev GROUP BY 1 ORDER BY 1"))
        .containsExactly(List.of("2026-12-02", "3"));
    assertThat(warehouse(db, warehouse, "2026-12-02", "SELECT cve_id, epss, CAST(score_date AS VARCHAR) FROM epss ORDER BY 1"))
        .hasSize(2).contains(List.of("CVE-1999-0001", "0.01", "2026-12-01"));
    assertThat(docs).contains(normalised(OVER_TIME));
    assertThat(expectedOverTime.stream().map(r -> r.get(0)).distinct()).containsExactly("2026-12-01", "2026-12-02");
    assertThat(warehouse(db, warehouse, "all", OVER_TIME)).isEqualTo(expectedOverTime);
  }
}
