package org.stellaops.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet snapshots read back by DuckDB: rows and partition columns as written, an unpublished
 * (killed) run invisible, a rewritten date replacing its files only once published, and errors
 * that name the wrong table or column.
 */
class WarehouseTest {
  static void verdicts(WarehouseSnapshotWriter writer, int images, String verdict) throws Exception {
    try (WarehouseSnapshotWriter.TableWriter t = writer.table(WarehouseTable.named("verdicts"))) {
      for (int i = 0; i < images; i++) {
        t.add("sha256:" + String.format("%064d", i), i % 3 == 0 ? "FAIL" : verdict, "default: rule", "sha256:" + "a".repeat(64), 1L,
            "sha256:" + "b".repeat(64), "sha256:" + "c".repeat(64), "stella-engine/0.5.0", Instant.parse("2026-12-01T00:00:00Z"));
      }
    }
  }

  @Test
  void aPublishedSnapshotReadsBackThroughDuckDbAndAnUnpublishedOneIsInvisible(@TempDir Path root) throws Exception {
    LocalDate day1 = LocalDate.parse("2026-12-01");
    try (WarehouseSnapshotWriter writer = new WarehouseSnapshotWriter(root, day1, "default", 4)) {
      verdicts(writer, 10, "PASS");
      try (WarehouseSnapshotWriter.TableWriter t = writer.table(WarehouseTable.named("advisories"))) {
        t.add("GHSA-1", "HIGH", 7.5, "one, with a comma", null, "2026-11-01T00:00:00Z", false, "CVE-1", 1L);
        t.add("GHSA-2", "UNKNOWN", null, "two", null, null, true, "", 1L);
      }
      assertThat(writer.publish(Map.of("advisorySnapshot", 1))).containsEntry("verdicts", 10L).containsEntry("advisories", 2L);
    }
    // 10 rows at 4 per file: 3 files.
    assertThat(Warehouse.manifest(root, day1).at("/tables/verdicts/files").size()).isEqualTo(3);
    try (Connection c = Warehouse.open(root, Optional.empty())) {
      Warehouse.Result counts = Warehouse.query(c, "SELECT verdict, count(*) AS n FROM verdicts GROUP BY verdict ORDER BY verdict");
      assertThat(counts.rows()).containsExactly(List.of("FAIL", 4L), List.of("PASS", 6L));
      assertThat(Warehouse.query(c, "SELECT DISTINCT CAST(snapshot_date AS VARCHAR), tenant FROM verdicts").rows())
          .containsExactly(List.of("2026-12-01", "default"));
      assertThat(Warehouse.query(c, "SELECT count(*) FROM findings").rows()).containsExactly(List.of(0L)); // not written: empty view
      StringWriter csv = new StringWriter();
      Warehouse.print(Warehouse.query(c, "SELECT advisory_id, summary, cvss_score FROM advisories ORDER BY 1"), "csv", new PrintWriter(csv));
      assertThat(csv.toString()).isEqualTo("advisory_id,summary,cvss_score\nGHSA-1,\"one, with a comma\",7.5\nGHSA-2,two,\n");
      assertThatThrownBy(() -> Warehouse.query(c, "SELECT verdikt FROM verdicts")).hasMessageContaining("verdikt");
      assertThatThrownBy(() -> Warehouse.query(c, "SELECT * FROM verdict")).hasMessageContaining("verdict");
    }

    // A run of the next day killed before publishing: files written, no manifest, nothing visible.
    LocalDate day2 = day1.plusDays(1);
    WarehouseSnapshotWriter killed = new WarehouseSnapshotWriter(root, day2, "default", 4);
    verdicts(killed, 5, "FAIL");
    assertThat(Warehouse.snapshots(root)).containsExactly(day1);
    try (Connection c = Warehouse.open(root, Optional.empty())) {
      assertThat(Warehouse.query(c, "SELECT count(*) FROM verdicts").rows()).containsExactly(List.of(10L));
    }
    // Its rerun publishes, and the killed run's files are removed.
    try (WarehouseSnapshotWriter writer = new WarehouseSnapshotWriter(root, day2, "default", 4)) {
      verdicts(writer, 7, "PASS");
      writer.publish(Map.of());
    }
    assertThat(Warehouse.snapshots(root)).containsExactly(day1, day2);
    try (Stream<Path> files = Files.list(root.resolve("verdicts/snapshot_date=2026-12-02/tenant=default"))) {
      assertThat(files.count()).isEqualTo(2);
    }
    try (Connection c = Warehouse.open(root, Optional.empty())) {
      assertThat(Warehouse.query(c, "SELECT count(*) FROM verdicts").rows()).containsExactly(List.of(7L));
    }
    try (Connection c = Warehouse.open(root, Optional.of(day1))) {
      assertThat(Warehouse.query(c, "SELECT count(*) FROM verdicts").rows()).containsExactly(List.of(10L));
    }
    assertThatThrownBy(() -> Warehouse.open(root, Optional.of(LocalDate.parse("2020-01-01")))).hasMessageContaining("no warehouse snapshot of 2020-01-01");
  }
}
