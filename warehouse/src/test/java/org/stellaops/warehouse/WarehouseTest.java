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
    assertThat(WarehouseManifest.read(root, day1).tables().get("verdicts").files().size()).isEqualTo(3);
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

  static WarehouseManifest.TableFiles history(Path root, LocalDate day, long rowsPerFile, long fromSeq, long toSeq) throws Exception {
    try (WarehouseSnapshotWriter writer = new WarehouseSnapshotWriter(root, day, "default", rowsPerFile);
        WarehouseSnapshotWriter.TableWriter t = writer.table(WarehouseTable.named("image_history"))) {
      for (long seq = fromSeq; seq <= toSeq; seq++) {
        t.add(seq, "sha256:" + String.format("%064d", seq), "sha256:" + "b".repeat(64), 1L);
      }
      t.close();
      return t.files();
    }
  }

  @Test
  void compactionMergesSmallFilesAndRepublishesEveryManifestThatListsThem(@TempDir Path root) throws Exception {
    LocalDate day1 = LocalDate.parse("2026-12-01");
    LocalDate day2 = day1.plusDays(1);
    // Day 1: 10 rows in files of 3 (4 files). Day 2 carries them and adds 5 rows of its own in files of 2 (3 files).
    WarehouseManifest.TableFiles first = history(root, day1, 3, 1, 10);
    WarehouseSnapshotWriter.publish(root, day1, "default", Map.of("image_history", first), Map.of("imageHistorySeq", 10));
    WarehouseManifest.TableFiles second = first.plus(history(root, day2, 2, 11, 15));
    WarehouseSnapshotWriter.publish(root, day2, "default", Map.of("image_history", second), Map.of("imageHistorySeq", 15));
    assertThat(second.files()).hasSize(7);
    String before = "SELECT count(*), sum(seq), min(CAST(snapshot_date AS VARCHAR)), max(CAST(snapshot_date AS VARCHAR)) FROM image_history";

    List<WarehouseCompactor.TableCompaction> done = WarehouseCompactor.compact(root, day1, 100);
    assertThat(done).containsExactly(new WarehouseCompactor.TableCompaction("image_history", 4, 1, 10));
    // Both manifests now list the merged file of day 1 in place of its four; day 2's own files are untouched.
    assertThat(WarehouseManifest.read(root, day1).tables().get("image_history").files()).hasSize(1);
    List<WarehouseManifest.FileEntry> day2Files = WarehouseManifest.read(root, day2).tables().get("image_history").files();
    assertThat(day2Files).hasSize(4);
    assertThat(day2Files.get(0)).isEqualTo(WarehouseManifest.read(root, day1).tables().get("image_history").files().get(0));
    assertThat(day2Files.subList(1, 4)).isEqualTo(second.files().subList(4, 7));
    try (Stream<Path> files = Files.list(root.resolve("image_history/snapshot_date=2026-12-01/tenant=default"))) {
      assertThat(files.count()).as("the replaced files are removed").isEqualTo(1);
    }
    try (Connection c = Warehouse.open(root, Optional.of(day1))) {
      assertThat(Warehouse.query(c, before).rows()).containsExactly(List.of(10L, java.math.BigInteger.valueOf(55), "2026-12-01", "2026-12-01"));
    }
    try (Connection c = Warehouse.open(root, Optional.of(day2))) {
      assertThat(Warehouse.query(c, before).rows()).containsExactly(List.of(15L, java.math.BigInteger.valueOf(120), "2026-12-01", "2026-12-02"));
      // Rows keep the order they were written in.
      assertThat(Warehouse.query(c, "SELECT list(seq) FROM image_history WHERE snapshot_date = DATE '2026-12-01'").rows().get(0).get(0)
          .toString()).isEqualTo("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
    }
    // Day 2's own small files merge too; a second compaction finds nothing more to do.
    assertThat(WarehouseCompactor.compact(root, day2, 100)).containsExactly(new WarehouseCompactor.TableCompaction("image_history", 3, 1, 5));
    assertThat(WarehouseCompactor.compact(root, day2, 100)).isEmpty();
    assertThat(WarehouseManifest.read(root, day2).tables().get("image_history").rows()).isEqualTo(15);
    assertThat(WarehouseManifest.referenced(root)).hasSize(2);
  }

  @Test
  void aSnapshotBeforeTheNewestIsRefusedAndAFileChangedBeforePublishingStopsIt(@TempDir Path root) throws Exception {
    LocalDate day1 = LocalDate.parse("2026-12-01");
    WarehouseManifest.TableFiles first = history(root, day1, 100, 1, 3);
    WarehouseSnapshotWriter.publish(root, day1, "default", Map.of("image_history", first), Map.of());
    assertThatThrownBy(() -> WarehouseManifest.requireForward(root, day1.minusDays(1)))
        .isInstanceOf(WarehouseManifest.OutOfOrderSnapshotException.class).hasMessageContaining("date order");
    WarehouseManifest.requireForward(root, day1);
    assertThat(WarehouseManifest.base(root, day1.plusDays(3)).orElseThrow().snapshotDate()).isEqualTo("2026-12-01");
    assertThat(WarehouseManifest.base(root, day1.minusDays(1))).isEmpty();

    LocalDate day2 = day1.plusDays(1);
    WarehouseManifest.TableFiles mine = history(root, day2, 100, 4, 6);
    Files.write(root.resolve(mine.files().get(0).path()), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> WarehouseSnapshotWriter.publish(root, day2, "default", Map.of("image_history", first.plus(mine)), Map.of()))
        .hasMessageContaining(mine.files().get(0).path()).hasMessageContaining("missing or changed");
    assertThat(Warehouse.snapshots(root)).containsExactly(day1);
  }
}
