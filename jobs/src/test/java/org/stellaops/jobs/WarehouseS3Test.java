package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * A warehouse in S3 (a real S3 API server, S3Proxy): snapshots are written through one local cache
 * and read, continued and compacted through others, so the bucket alone carries the warehouse; an
 * object changed after publishing is refused by name.
 */
class WarehouseS3Test {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aWarehouseInABucketIsWrittenThroughOneCacheAndReadThroughAnother(@TempDir Path dir) throws Exception {
    try (S3Proxy s3 = S3Proxy.start(dir)) {
      String db = TestDatabase.fresh();
      assertThat(CliRun.run(db, "demo").exitCode()).isZero();
      String bucket = "s3://analytics/fleet";

      CliRun first = run(db, s3, "warehouse", "snapshot", "--date", "2026-12-01", "--warehouse", bucket, "--cache",
          dir.resolve("cache-a").toString());
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).contains("published to s3://analytics/fleet/");
      Path objects = dir.resolve("s3-data/analytics/fleet");
      assertThat(objects.resolve("_manifests/snapshot_date=2026-12-01.json")).isRegularFile();
      assertThat(parquet(objects)).isNotEmpty().allMatch(p -> p.contains("snapshot_date=2026-12-01"));

      // Another cache, as on another machine: the counts are the database's.
      JsonNode counts = counts(db, s3, bucket, dir.resolve("cache-b"), "2026-12-01");
      assertThat(counts.path("images").asLong()).isEqualTo(Sql.count(db, "SELECT count(*) FROM sbom.image"));
      assertThat(counts.path("history").asLong()).isEqualTo(Sql.count(db, "SELECT count(*) FROM sbom.image_history"));
      assertThat(counts.path("components").asLong()).isEqualTo(Sql.count(db, "SELECT count(*) FROM sbom.image i"
          + " JOIN sbom.component c ON c.tenant_id = i.tenant_id AND c.sbom_sha256 = i.sbom_sha256")).isPositive();

      // The next day's snapshot from a third, empty cache continues the first one's append-only tables.
      try (var c = java.sql.DriverManager.getConnection(db); var st = c.createStatement()) {
        st.executeUpdate("INSERT INTO sbom.image_history (image_digest, sbom_sha256, job_instance_id) VALUES ('sha256:new', 'x', 0)");
      }
      CliRun second = run(db, s3, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", bucket, "--cache",
          dir.resolve("cache-c").toString());
      assertThat(second.exitCode()).as(second.err()).isZero();
      JsonNode later = counts(db, s3, bucket, dir.resolve("cache-d"), "2026-12-02");
      assertThat(later.path("history").asLong()).isEqualTo(Sql.count(db, "SELECT count(*) FROM sbom.image_history"));
      assertThat(later.path("history_today").asLong()).isEqualTo(1);
      CliRun early = run(db, s3, "warehouse", "snapshot", "--date", "2026-11-30", "--warehouse", bucket, "--cache",
          dir.resolve("cache-a").toString());
      assertThat(early.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(early.err()).contains("s3://analytics/fleet/").contains("date order");

      // Compaction through yet another cache: the bucket keeps one merged history file for 12-01... and the answers.
      CliRun listed = run(db, s3, "warehouse", "list", "--warehouse", bucket, "--cache", dir.resolve("cache-e").toString());
      assertThat(listed.out()).contains("2026-12-01").contains("2026-12-02");
      CliRun again = run(db, s3, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", bucket, "--cache",
          dir.resolve("cache-e").toString());
      assertThat(again.exitCode()).as(again.err()).isZero();
      try (var c = java.sql.DriverManager.getConnection(db); var st = c.createStatement()) {
        st.executeUpdate("INSERT INTO sbom.image_history (image_digest, sbom_sha256, job_instance_id) VALUES ('sha256:newer', 'x', 0)");
      }
      assertThat(run(db, s3, "warehouse", "snapshot", "--date", "2026-12-02", "--warehouse", bucket, "--cache",
          dir.resolve("cache-a").toString()).exitCode()).isZero();
      CliRun compact = run(db, s3, "warehouse", "compact", "--warehouse", bucket, "--cache", dir.resolve("cache-f").toString());
      assertThat(compact.exitCode()).as(compact.err()).isZero();
      assertThat(compact.out()).contains("image_history: 2 file(s) merged into 1");
      JsonNode compacted = counts(db, s3, bucket, dir.resolve("cache-g"), "2026-12-02");
      assertThat(compacted.path("history").asLong()).isEqualTo(Sql.count(db, "SELECT count(*) FROM sbom.image_history"));
      assertThat(parquet(objects).stream().filter(p -> p.startsWith("image_history/snapshot_date=2026-12-02"))).hasSize(1);

      // An object changed in the bucket after publishing is refused, by name, when a cache fetches it.
      String victim = parquet(objects).stream().filter(p -> p.startsWith("findings/snapshot_date=2026-12-02")).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(objects.resolve(victim));
      bytes[bytes.length / 2] ^= 1;
      Files.write(objects.resolve(victim), bytes);
      CliRun tampered = run(db, s3, "sql", "--warehouse", bucket, "--cache", dir.resolve("cache-h").toString(), "SELECT count(*) FROM findings");
      assertThat(tampered.exitCode()).isNotZero();
      assertThat(tampered.err()).contains(victim).contains("SHA-256");
    }
  }

  private static CliRun run(String db, S3Proxy s3, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--s3-endpoint", s3.endpoint(), "--s3-access-key", S3Proxy.ACCESS_KEY, "--s3-secret-key", S3Proxy.SECRET_KEY));
    return CliRun.run(db, all.toArray(String[]::new));
  }

  private static JsonNode counts(String db, S3Proxy s3, String bucket, Path cache, String date) throws Exception {
    CliRun run = run(db, s3, "sql", "--warehouse", bucket, "--cache", cache.toString(), "--snapshot", date, "--format", "json",
        "SELECT (SELECT count(*) FROM images) AS images, (SELECT count(*) FROM components) AS components,"
            + " (SELECT count(*) FROM image_history) AS history,"
            + " (SELECT count(*) FROM image_history WHERE snapshot_date = DATE '" + date + "') AS history_today");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out()).get(0);
  }

  /** The Parquet objects in the bucket, by key. */
  private static List<String> parquet(Path objects) throws Exception {
    try (Stream<Path> all = Files.walk(objects)) {
      return all.filter(p -> p.toString().endsWith(".parquet")).map(p -> objects.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }
}
