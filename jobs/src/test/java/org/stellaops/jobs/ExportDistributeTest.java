package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.exports.trivy.OciRegistryClient;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * {@code stella export distribute} against real services: a folder, an S3 server (S3Proxy) and an
 * OCI registry (Debian's docker-registry). Each target gets the same archive bytes, which verify;
 * sending again uploads nothing new; every attempt, failed ones too, is recorded with the run.
 */
class ExportDistributeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aBundleGoesToAFolderABucketAndARegistryAsTheSameVerifiedBytes(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    ExportProfilesTest.feed(root.resolve("feed"), "GHSA-d1", "one");
    ExportProfilesTest.feed(root.resolve("feed"), "GHSA-d2", "two");
    assertThat(CliRun.run(db, "ingest", "advisories", root.resolve("feed").toString()).exitCode()).isZero();
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString()).exitCode()).isZero();
    String pub = root.resolve("keys/stella-export.pub").toString();
    assertThat(CliRun.run(db, "export", "run", "create", "--profile", "mirror:full", "--key", root.resolve("keys/stella-export.key").toString(),
        "--out", root.resolve("bundle").toString()).exitCode()).isZero();

    CliRun none = CliRun.run(db, "export", "distribute", "1");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("give exactly one of --dir DIR, --s3");

    CliRun toDir = CliRun.run(db, "export", "distribute", "1", "--dir", root.resolve("share").toString());
    assertThat(toDir.exitCode()).as(toDir.err()).isZero();
    Path archive;
    try (var files = Files.list(root.resolve("share"))) {
      archive = files.filter(f -> f.toString().endsWith(".tar.zst")).findFirst().orElseThrow();
    }
    assertThat(archive.getFileName().toString()).startsWith("stella-export-");
    assertThat(CliRun.offline("export", "verify", archive.toString(), "--key", pub).exitCode()).isZero();
    byte[] bytes = Files.readAllBytes(archive);

    try (S3Proxy s3 = S3Proxy.start(root.resolve("s3"))) {
      String[] creds = {"--s3-endpoint", s3.endpoint(), "--s3-access-key", S3Proxy.ACCESS_KEY, "--s3-secret-key", S3Proxy.SECRET_KEY};
      CliRun noCreds = CliRun.run(db, "export", "distribute", "1", "--s3", "s3://exports/lab");
      assertThat(noCreds.exitCode()).isEqualTo(ExitCodes.USAGE);
      CliRun toS3 = CliRun.run(db, concat(new String[] {"export", "distribute", "1", "--s3", "s3://exports/lab"}, creds));
      assertThat(toS3.exitCode()).as(toS3.err()).isZero();
      assertThat(toS3.out()).contains("s3://exports/lab/" + archive.getFileName());
      org.stellaops.jobs.objects.S3ObjectStore bucket = org.stellaops.jobs.objects.S3ObjectStore.of("s3://exports/lab", s3.endpoint(),
          S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY);
      assertThat(bucket.get(archive.getFileName().toString())).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
      assertThat(bucket.get(archive.getFileName().toString().replace(".tar.zst", ".export.json")))
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(readUnchecked(root.resolve("bundle/export.json"))));
    }

    try (OciRegistryServer registry = OciRegistryServer.start(root.resolve("registry"))) {
      String ref = registry.host() + "/stella/mirror:lab-1";
      CliRun push = CliRun.run(db, "export", "distribute", "1", "--oci", ref);
      assertThat(push.exitCode()).as(push.err()).isZero();
      assertThat(push.out()).contains("2 blob(s) uploaded");
      OciRegistryClient client = new OciRegistryClient(Optional.empty(), Optional.empty(), false);
      JsonNode manifest = JSON.readTree(client.manifest(OciRegistryClient.Reference.parse(ref)));
      assertThat(manifest.at("/artifactType").asText()).isEqualTo("application/vnd.stellaops.export.bundle.v1+json");
      assertThat(manifest.at("/layers/0/mediaType").asText()).isEqualTo("application/vnd.stellaops.export.bundle.v1.tar+zstd");
      assertThat(manifest.at("/annotations/com.stella.export.profile").asText()).isEqualTo("mirror:full");
      Path pulled = root.resolve("pulled.tar.zst");
      client.blob(OciRegistryClient.Reference.parse(ref), manifest.at("/layers/0/digest").asText(), pulled);
      assertThat(Files.readAllBytes(pulled)).isEqualTo(bytes);
      CliRun again = CliRun.run(db, "export", "distribute", "1", "--oci", ref);
      assertThat(again.out()).contains("0 blob(s) uploaded, 2 already there");
    }

    // The same artifact as an OCI image layout on disk: index.json names the manifest, whose layer is the archive.
    CliRun layout = CliRun.run(db, "export", "distribute", "1", "--oci-layout", root.resolve("layout").toString());
    assertThat(layout.exitCode()).as(layout.err()).isZero();
    JsonNode index = JSON.readTree(root.resolve("layout/index.json").toFile());
    assertThat(index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText()).isEqualTo("run-1");
    JsonNode layoutManifest = JSON.readTree(root.resolve("layout/blobs/sha256/" + index.at("/manifests/0/digest").asText().substring(7)).toFile());
    assertThat(Files.readAllBytes(root.resolve("layout/blobs/sha256/" + layoutManifest.at("/layers/0/digest").asText().substring(7))))
        .isEqualTo(bytes);
    assertThat(root.resolve("layout/oci-layout")).exists();

    CliRun unreachable = CliRun.run(db, "export", "distribute", "1", "--oci", "127.0.0.1:9/stella/mirror:x");
    assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.EXPORT);
    assertThat(unreachable.err()).contains("distributing export run 1 to 127.0.0.1:9/stella/mirror:x failed");

    JsonNode run = JSON.readTree(CliRun.run(db, "export", "run", "get", "1").out());
    JsonNode distributions = run.path("distributions");
    assertThat(distributions.size()).isGreaterThanOrEqualTo(3);
    assertThat(distributions.get(0).path("type").asText()).isEqualTo("dir");
    assertThat(distributions.get(distributions.size() - 1).path("state").asText()).isEqualTo("failed");
    assertThat(distributions.get(distributions.size() - 1).path("meta").path("error").asText()).isNotEmpty();
  }

  @Test
  void retentionPrunesDataAndKeepsManifestsThatStillNameWhatWasThere(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    ExportProfilesTest.feed(root.resolve("feed"), "GHSA-r1", "one");
    assertThat(CliRun.run(db, "ingest", "advisories", root.resolve("feed").toString()).exitCode()).isZero();
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "export", "run", "create", "--profile", "json:raw", "--key", root.resolve("keys/stella-export.key").toString(),
        "--out", root.resolve("old").toString()).exitCode()).isZero();
    Path shard = root.resolve("old/advisories/normalized-00000.jsonl.zst");
    assertThat(shard).exists();

    assertThat(CliRun.run(db, "export", "retention", "--older-than", "30d").out()).contains("pruned 0 run(s)");
    CliRun dry = CliRun.run(db, "export", "retention", "--older-than", "0h", "--dry-run");
    assertThat(dry.out()).contains("run 1 (json:raw").contains("would prune 1 data file(s)").contains("would prune 1 run(s)");
    assertThat(shard).exists();
    assertThat(CliRun.run(db, "export", "retention", "--older-than", "soon").exitCode()).isEqualTo(ExitCodes.USAGE);

    CliRun prune = CliRun.run(db, "export", "retention", "--older-than", "0h");
    assertThat(prune.exitCode()).as(prune.err()).isZero();
    assertThat(prune.out()).contains("pruned 1 run(s)");
    assertThat(shard).doesNotExist();
    assertThat(root.resolve("old/export.json")).exists();
    assertThat(root.resolve("old/signatures/export.json.sig")).exists();
    assertThat(root.resolve("old/PRUNED.json")).exists();
    CliRun verify = CliRun.offline("export", "verify", root.resolve("old").toString(), "--key", root.resolve("keys/stella-export.pub").toString());
    assertThat(verify.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    assertThat(verify.err()).contains("advisories/normalized-00000.jsonl.zst: expected sha256:").contains("pruned by retention at");
    assertThat(verify.err()).doesNotContain("export.json: expected the content"); // the signatures still hold
    CliRun download = CliRun.run(db, "export", "run", "download", "1", "--out", root.resolve("x.tar.zst").toString());
    assertThat(download.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(download.err()).contains("pruned by retention");
    assertThat(JSON.readTree(CliRun.run(db, "export", "run", "get", "1").out()).at("/outputs/prunedAt").asText()).isNotEmpty();
    assertThat(CliRun.run(db, "export", "retention", "--older-than", "0h").out()).contains("pruned 0 run(s)");
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static byte[] readUnchecked(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
