package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.exports.bolt.BoltReader;
import org.stellaops.exports.trivy.OciArtifact;
import org.stellaops.exports.trivy.OciRegistryClient;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * {@code stella export trivy-db} against a real PostgreSQL and the reference OCI registry: the
 * files Trivy takes, byte-identical for one snapshot (also after newer ingests), an export run
 * record, the OCI layout and a push a client can pull back; wrong arguments and a registry that is
 * not there are refused with what went wrong.
 */
class TrivyDbExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String debian(String id, String name, String fixed) {
    return "{\"id\":\"" + id + "\",\"modified\":\"2024-02-01T00:00:00Z\",\"published\":\"2024-01-15T10:00:00Z\","
        + "\"summary\":\"" + name + " flaw\",\"aliases\":[\"CVE-2024-0001\"],\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\","
        + "\"name\":\"" + name + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\""
        + fixed + "\"}]}]}]}";
  }

  private static Path ingestCorpus(Path root, String db) throws IOException {
    Path corpus = new org.stellaops.connectors.bench.CorpusGenerator().generate(
        new org.stellaops.connectors.bench.CorpusSpec(1, 5, 3_000, 11), root.resolve("corpus"),
        org.stellaops.connectors.bench.ProgressListener.none()).advisoryDirectory();
    Path extra = Files.createDirectories(root.resolve("extra"));
    Files.writeString(extra.resolve("DSA-1.json"), debian("DSA-1", "openssl", "3.0.11-1~deb12u1"));
    Files.writeString(extra.resolve("HSEC-1.json"), BadInputTest.osv("HSEC-1", "aeson", "2.0.0").replace("\"npm\"", "\"Hackage\""));
    CliRun ingest = CliRun.run(db, "ingest", "advisories", corpus.toString(), extra.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    return corpus;
  }

  @Test
  void exportsTheFilesTrivyTakesIdenticallyPerSnapshotAndRecordsTheRun(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    ingestCorpus(root, db);

    CliRun first = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("a").toString(), "--oci-layout",
        root.resolve("layout").toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("export run 1 (trivy:db) of advisory snapshot 1")
        .contains("debian 12").contains("Trivy reads no bucket for ecosystem Hackage (e.g. HSEC-1 Hackage/aeson)")
        .contains("trivy.db").contains("db.tar.gz");

    Path dbFile = root.resolve("a/trivy.db");
    BoltReader reader = BoltReader.open(dbFile);
    assertThat(reader.check()).isEmpty();
    assertThat(new String(reader.root().bucket("debian 12").flatMap(b -> b.bucket("openssl")).flatMap(p -> p.get("DSA-1"))
        .orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"FixedVersion\":\"3.0.11-1~deb12u1\",\"VendorIDs\":[\"CVE-2024-0001\"]}");
    assertThat(reader.root().bucket("vulnerability").flatMap(v -> v.get("DSA-1"))).isPresent();

    // metadata.json carries the snapshot's seal time, not the wall clock.
    Instant sealedAt = Instant.parse(Sql.scalar(db,
        "SELECT to_char(sealed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM vuln.snapshot WHERE seal_seq = 1"));
    JsonNode metadata = JSON.readTree(root.resolve("a/metadata.json").toFile());
    assertThat(metadata.get("Version").asInt()).isEqualTo(2);
    assertThat(Instant.parse(metadata.get("UpdatedAt").asText())).isEqualTo(sealedAt);
    assertThat(Instant.parse(metadata.get("NextUpdate").asText())).isEqualTo(sealedAt.plusSeconds(24 * 3600));
    assertThat(metadata.get("DownloadedAt").asText()).isEqualTo("0001-01-01T00:00:00Z");

    // The tarball holds exactly trivy.db and metadata.json at its root, with the files' bytes.
    Map<String, byte[]> tar = untar(root.resolve("a/db.tar.gz"));
    assertThat(tar.keySet()).containsExactly("trivy.db", "metadata.json");
    assertThat(tar.get("trivy.db")).isEqualTo(Files.readAllBytes(dbFile));

    // The run record: profile, snapshot, counts per bucket, file digests.
    JsonNode run = JSON.readTree(CliRun.run(db, "export", "run", "get", "1").out());
    assertThat(run.get("profile").asText()).isEqualTo("trivy:db");
    assertThat(run.get("status").asText()).isEqualTo("succeeded");
    assertThat(run.get("snapshot").asLong()).isEqualTo(1);
    assertThat(run.at("/summary/advisoriesRead").asLong()).isEqualTo(3_002);
    assertThat(run.at("/summary/buckets/debian 12/entries").asLong()).isEqualTo(1);
    assertThat(run.at("/summary/skipped").has("Trivy reads no bucket for ecosystem Hackage")).isTrue();
    assertThat(run.at("/outputs/files/trivy.db/sha256").asText()).isEqualTo(OciArtifact.sha256(dbFile));

    // The same snapshot again, after a newer ingest: the same bytes.
    Path more = Files.createDirectories(root.resolve("more"));
    Files.writeString(more.resolve("DSA-2.json"), debian("DSA-2", "curl", "7.88.1-10+deb12u5"));
    assertThat(CliRun.run(db, "ingest", "advisories", more.toString()).exitCode()).isZero();
    CliRun again = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("b").toString(), "--snapshot", "1");
    assertThat(again.exitCode()).as(again.err()).isZero();
    for (String file : new String[] {"trivy.db", "metadata.json", "db.tar.gz"}) {
      assertThat(Files.readAllBytes(root.resolve("b").resolve(file))).as(file).isEqualTo(Files.readAllBytes(root.resolve("a").resolve(file)));
    }
    CliRun newest = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("c").toString(), "--format", "json");
    assertThat(newest.exitCode()).as(newest.err()).isZero();
    assertThat(JSON.readTree(newest.out()).at("/summary/buckets/debian 12/entries").asLong()).isEqualTo(2);
    assertThat(CliRun.run(db, "export", "runs").out()).contains("trivy:db").contains("succeeded").contains("snapshot 2");

    // The OCI layout: one manifest, one layer of Trivy's media type titled db.tar.gz.
    JsonNode index = JSON.readTree(root.resolve("layout/index.json").toFile());
    String manifestDigest = index.at("/manifests/0/digest").asText();
    JsonNode manifest = JSON.readTree(root.resolve("layout/blobs/sha256").resolve(manifestDigest.substring(7)).toFile());
    assertThat(manifest.at("/artifactType").asText()).isEqualTo(OciArtifact.ARTIFACT_TYPE);
    assertThat(manifest.at("/layers").size()).isEqualTo(1);
    assertThat(manifest.at("/layers/0/mediaType").asText()).isEqualTo("application/vnd.aquasec.trivy.db.layer.v1.tar+gzip");
    assertThat(manifest.at("/layers/0/annotations/org.opencontainers.image.title").asText()).isEqualTo("db.tar.gz");
    assertThat(manifest.at("/layers/0/digest").asText()).isEqualTo(OciArtifact.sha256(root.resolve("a/db.tar.gz")));
    assertThat(manifest.at("/config/mediaType").asText()).isEqualTo("application/vnd.oci.empty.v1+json");
    assertThat(Files.exists(root.resolve("layout/blobs/sha256").resolve(manifest.at("/config/digest").asText().substring(7)))).isTrue();
  }

  @Test
  void pushesTheArtifactToARegistryThatServesItBackAndReportsAFailedPush(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    ingestCorpus(root, db);
    try (OciRegistryServer registry = OciRegistryServer.start(root.resolve("registry"))) {
      String ref = registry.host() + "/stella/trivy-db:2";
      CliRun push = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("a").toString(), "--push", ref);
      assertThat(push.exitCode()).as(push.err()).isZero();
      assertThat(push.out()).contains("pushed: " + ref + "@sha256:").contains("2 blob(s) uploaded");

      // Pull it back as Trivy would: the manifest by tag, then the layer its descriptor names.
      OciRegistryClient client = new OciRegistryClient(Optional.empty(), Optional.empty(), false);
      JsonNode manifest = JSON.readTree(client.manifest(OciRegistryClient.Reference.parse(ref)));
      assertThat(manifest.at("/layers/0/mediaType").asText()).isEqualTo(OciArtifact.LAYER_MEDIA_TYPE);
      assertThat(manifest.at("/layers/0/annotations/org.opencontainers.image.title").asText()).isEqualTo("db.tar.gz");
      Path pulled = root.resolve("pulled.tar.gz");
      client.blob(OciRegistryClient.Reference.parse(ref), manifest.at("/layers/0/digest").asText(), pulled);
      assertThat(Files.readAllBytes(pulled)).isEqualTo(Files.readAllBytes(root.resolve("a/db.tar.gz")));
      assertThat(untar(pulled).get("trivy.db")).isEqualTo(Files.readAllBytes(root.resolve("a/trivy.db")));

      // Pushing the same export again uploads nothing new.
      CliRun twice = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("b").toString(), "--push", ref);
      assertThat(twice.exitCode()).as(twice.err()).isZero();
      assertThat(twice.out()).contains("0 blob(s) uploaded, 2 already there");
    }
    // The registry is gone: the push fails with exit 8, and the run says why.
    CliRun failed = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("c").toString(), "--push", "127.0.0.1:9/stella/trivy-db");
    assertThat(failed.exitCode()).isEqualTo(ExitCodes.EXPORT);
    assertThat(failed.err()).contains("export run 3 failed");
    assertThat(Sql.scalar(db, "SELECT status || ' ' || (error IS NOT NULL) FROM export.export_runs WHERE run_id = 3")).isEqualTo("failed true");
  }

  @Test
  void wrongArgumentsAndMissingSnapshotsAreRefusedWithTheReason(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    CliRun empty = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("x").toString());
    assertThat(empty.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(empty.err()).contains("no advisory snapshot to export");

    Path one = Files.createDirectories(root.resolve("one"));
    Files.writeString(one.resolve("DSA-1.json"), debian("DSA-1", "openssl", "3.0.11-1~deb12u1"));
    assertThat(CliRun.run(db, "ingest", "advisories", one.toString()).exitCode()).isZero();

    CliRun missing = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("x").toString(), "--snapshot", "7");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).contains("advisory snapshot 7 does not exist");
    CliRun source = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("x").toString(), "--sources", "ghsa");
    assertThat(source.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(source.err()).contains("no advisories from source(s) [ghsa]; the store holds [osv]");
    CliRun badRef = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("x").toString(), "--push", "no registry here");
    assertThat(badRef.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badRef.err()).contains("--push: 'no registry here' is not a registry reference");
    CliRun badDuration = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("x").toString(), "--next-update", "tomorrow");
    assertThat(badDuration.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badDuration.err()).contains("--next-update must be an ISO-8601 duration");
    assertThat(Files.exists(root.resolve("x"))).as("nothing written for refused arguments").isFalse();
    assertThat(Sql.count(db, "SELECT count(*) FROM export.export_runs")).isZero();

    CliRun withSource = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("y").toString(), "--sources", "osv");
    assertThat(withSource.exitCode()).as(withSource.err()).isZero();
    assertThat(withSource.out()).contains("1 read, 1 exported");
  }

  @Test
  void distributionFeedsAreIngestedAsManyAdvisoriesAndExportedBySource(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    Path alpine = Fixtures.require("distro/alpine");
    Path tracker = Fixtures.require("distro/debian/vunnel__debian.json");
    CliRun ingest = CliRun.run(db, "ingest", "advisories", alpine.toString(), tracker.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(Sql.scalar(db, "SELECT string_agg(source || '=' || n, ',' ORDER BY source) FROM (SELECT source, count(*) n"
        + " FROM vuln.raw_document GROUP BY source) s")).isEqualTo("alpine-secdb=6,debian-tracker=1");
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision WHERE advisory_id LIKE 'ALPINE-3.10-main-%'")).isGreaterThan(100);

    CliRun export = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("debian").toString(), "--sources", "debian-tracker",
        "--format", "json");
    assertThat(export.exitCode()).as(export.err()).isZero();
    JsonNode buckets = JSON.readTree(export.out()).at("/summary/buckets");
    assertThat(buckets.fieldNames()).toIterable().allMatch(b -> b.startsWith("debian "));
    String prototype = new String(BoltReader.open(root.resolve("debian/trivy.db")).root().bucket("debian 9")
        .flatMap(b -> b.bucket("prototypejs")).flatMap(p -> p.get("DEBIAN-CVE-2008-7220")).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(prototype).isEqualTo("{\"FixedVersion\":\"1.6.0.2-1\",\"Severity\":3,\"VendorIDs\":[\"CVE-2008-7220\"]}");
  }

  @Test
  void aFeedChangedAtTheSamePathRevisesOnlyTheAdvisoriesThatChanged(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    Path feed = Files.createDirectories(root.resolve("feed")).resolve("main.yaml");
    String v1 = String.join("\n", "distroversion: v3.18", "reponame: main", "packages:",
        "  - pkg:", "      name: openssl", "      secfixes:", "        3.1.0-r2:", "          - CVE-2023-0464",
        "  - pkg:", "      name: curl", "      secfixes:", "        8.0.1-r0:", "          - CVE-2023-27533 CVE-2023-27534", "");
    Files.writeString(feed, v1);
    assertThat(CliRun.run(db, "ingest", "advisories", feed.toString()).exitCode()).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision")).isEqualTo(3);

    // The next day's file at the same path: curl's second CVE moved to a later fix, a new CVE for openssl.
    String v2 = v1.replace("          - CVE-2023-27533 CVE-2023-27534", "          - CVE-2023-27533\n        8.1.0-r0:\n          - CVE-2023-27534")
        .replace("          - CVE-2023-0464", "          - CVE-2023-0464\n        3.1.0-r4:\n          - CVE-2023-0465");
    Files.writeString(feed, v2);
    CliRun second = CliRun.run(db, "ingest", "advisories", feed.toString());
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(Sql.scalar(db, "SELECT string_agg(advisory_id || '@' || revision, ',' ORDER BY advisory_id, revision)"
        + " FROM vuln.advisory_revision")).isEqualTo("ALPINE-3.18-main-CVE-2023-0464@1,ALPINE-3.18-main-CVE-2023-0465@1,"
        + "ALPINE-3.18-main-CVE-2023-27533@1,ALPINE-3.18-main-CVE-2023-27534@1,ALPINE-3.18-main-CVE-2023-27534@2");
    CliRun export = CliRun.run(db, "export", "trivy-db", "--out", root.resolve("out").toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    BoltReader.Bucket curl = BoltReader.open(root.resolve("out/trivy.db")).root().bucket("alpine 3.18").flatMap(b -> b.bucket("curl"))
        .orElseThrow();
    assertThat(new String(curl.get("ALPINE-3.18-main-CVE-2023-27534").orElseThrow(), StandardCharsets.UTF_8)).contains("8.1.0-r0");
  }

  static Map<String, byte[]> untar(Path archive) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive)); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tar.transferTo(bytes);
        files.put(entry.getName(), bytes.toByteArray());
      }
    }
    return files;
  }
}
