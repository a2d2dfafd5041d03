package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * {@code stella export run create --profile json:raw}, {@code export verify} and
 * {@code export keys generate} against a real PostgreSQL: a signed bundle of the snapshot that
 * verifies, is byte-identical when exported again, fails with exit 6 naming the file when one byte
 * changes or the key is wrong, and survives kill -9 without leaving a bundle that verifies.
 */
class JsonBundleExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSignedBundleOfTheSnapshotVerifiesOfflineAndItsTamperingIsNamed(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    Path corpus = new org.stellaops.connectors.bench.CorpusGenerator().generate(
        new org.stellaops.connectors.bench.CorpusSpec(1, 5, 2_500, 5), root.resolve("corpus"),
        org.stellaops.connectors.bench.ProgressListener.none()).advisoryDirectory();
    assertThat(CliRun.run(db, "ingest", "advisories", corpus.toString()).exitCode()).isZero();
    CliRun keys = CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString());
    assertThat(keys.exitCode()).as(keys.err()).isZero();
    assertThat(keys.out()).contains("key id sha256:");
    String key = root.resolve("keys/stella-export.key").toString();
    String pub = root.resolve("keys/stella-export.pub").toString();

    CliRun create = CliRun.run(db, "export", "run", "create", "--profile", "json:raw", "--out", root.resolve("bundle").toString(),
        "--key", key, "--shard-records", "1000");
    assertThat(create.exitCode()).as(create.err()).isZero();
    assertThat(create.out()).contains("export run 1 (json:raw) of advisory snapshot 1").contains("2,500 records")
        .contains("advisories/normalized-00002.jsonl.zst");
    JsonNode manifest = JSON.readTree(root.resolve("bundle/export.json").toFile());
    assertThat(manifest.at("/counts/advisories").asLong()).isEqualTo(2_500);
    assertThat(manifest.at("/files").size()).isEqualTo(3);
    assertThat(JSON.readTree(CliRun.run(db, "export", "run", "get", "1").out()).at("/status").asText()).isEqualTo("succeeded");

    CliRun verify = CliRun.offline("export", "verify", root.resolve("bundle").toString(), "--key", pub);
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("verifies: 3 file(s)");

    CliRun again = CliRun.run(db, "export", "run", "create", "--profile", "json:raw", "--out", root.resolve("again").toString(),
        "--key", key, "--shard-records", "1000");
    assertThat(again.exitCode()).isZero();
    try (Stream<Path> files = Files.walk(root.resolve("bundle"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(root.resolve("again").resolve(root.resolve("bundle").relativize(f)))).as(f.toString())
            .isEqualTo(Files.readAllBytes(f));
      }
    }

    Path shard = root.resolve("again/advisories/normalized-00001.jsonl.zst");
    byte[] bytes = Files.readAllBytes(shard);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(shard, bytes);
    CliRun tampered = CliRun.offline("export", "verify", root.resolve("again").toString(), "--key", pub);
    assertThat(tampered.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    assertThat(tampered.err()).contains("advisories/normalized-00001.jsonl.zst: expected sha256:").contains("does NOT verify");

    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString(), "--name", "other").exitCode()).isZero();
    CliRun wrongKey = CliRun.offline("export", "verify", root.resolve("bundle").toString(), "--key", root.resolve("keys/other.pub").toString());
    assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    assertThat(wrongKey.err()).contains("export.json: expected the content sha256:");

    CliRun badProfile = CliRun.run(db, "export", "run", "create", "--profile", "mirror:bogus", "--out", root.resolve("x").toString(), "--key", key);
    assertThat(badProfile.exitCode()).isEqualTo(ExitCodes.USAGE);
    Files.createDirectories(root.resolve("home"));
    Files.writeString(root.resolve("home/notes.txt"), "keep me");
    CliRun notABundle = CliRun.run(db, "export", "run", "create", "--profile", "json:raw", "--out", root.resolve("home").toString(), "--key", key);
    assertThat(notABundle.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(notABundle.err()).contains("exists and is not an export bundle");
    assertThat(Files.readString(root.resolve("home/notes.txt"))).isEqualTo("keep me");
    assertThat(CliRun.offline("export", "verify", root.resolve("nowhere").toString()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

    // kill -9 mid-export: the bundle already there stays whole and verifies; nothing half-written takes its place.
    Path big = new org.stellaops.connectors.bench.CorpusGenerator().generate(
        new org.stellaops.connectors.bench.CorpusSpec(1, 5, 60_000, 6), root.resolve("big"),
        org.stellaops.connectors.bench.ProgressListener.none()).advisoryDirectory();
    assertThat(CliRun.run(db, "ingest", "advisories", big.toString()).exitCode()).isZero();
    byte[] before = Files.readAllBytes(root.resolve("bundle/export.json"));
    Process export = StellaProcess.start(db, root.resolve("killed.log"), "export", "run", "create", "--profile", "json:raw",
        "--out", root.resolve("bundle").toString(), "--key", key, "--shard-records", "1000");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!partial(root)) {
      assertThat(export.isAlive()).as("the export ended before it was killed: " + Files.readString(root.resolve("killed.log"))).isTrue();
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
    Thread.sleep(300); // some shards written
    export.destroyForcibly();
    assertThat(export.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readAllBytes(root.resolve("bundle/export.json"))).isEqualTo(before);
    assertThat(CliRun.offline("export", "verify", root.resolve("bundle").toString(), "--key", pub).exitCode()).isZero();
    CliRun runs = CliRun.run(db, "export", "runs");
    assertThat(runs.err()).contains("was interrupted before it finished");
  }

  private static boolean partial(Path root) throws Exception {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.anyMatch(p -> p.getFileName().toString().startsWith(".bundle.partial-"));
    }
  }
}
