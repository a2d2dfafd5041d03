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
    assertThat(docs).contains(normalised(OVER_TIME));
    assertThat(expectedOverTime.stream().map(r -> r.get(0)).distinct()).containsExactly("2026-12-01", "2026-12-02");
    assertThat(warehouse(db, warehouse, "all", OVER_TIME)).isEqualTo(expectedOverTime);
  }
}
