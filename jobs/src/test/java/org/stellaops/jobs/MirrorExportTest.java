package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * Air-gap mirror bundles end to end against real PostgreSQL databases: {@code mirror:full} of
 * snapshot 1, then after a second ingest {@code mirror:delta} onto it and a {@code mirror:full}
 * of snapshot 2. On the far side, full 1 + delta gives exactly the state full 2 gives, and both
 * answer every package lookup as the source database does; bundles that do not apply, or do not
 * verify, change nothing.
 */
class MirrorExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path root;
  static String source;
  static String key;
  static String pub;

  static String osv(String id, String summary, String ecosystem, String name, String fixed) {
    return "{\"schema_version\":\"1.6.0\",\"id\":\"" + id + "\",\"modified\":\"2026-11-01T00:00:00Z\",\"summary\":\"" + summary + "\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem + "\",\"name\":\"" + name + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\","
        + "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"" + fixed + "\"}]}]}]}";
  }

  /** Snapshot 1: 40 advisories over 12 packages; snapshot 2 revises 3 of them, re-sends one unchanged (no revision) and adds 3. */
  @BeforeAll
  static void sourceWithTwoSnapshots() throws IOException {
    source = TestDatabase.fresh();
    Path first = Files.createDirectories(root.resolve("feed-1"));
    for (int i = 0; i < 40; i++) {
      String ecosystem = i % 3 == 0 ? "PyPI" : "npm";
      Files.writeString(first.resolve("GHSA-m" + (100 + i) + ".json"),
          osv("GHSA-m" + (100 + i), "advisory " + i, ecosystem, (i % 3 == 0 ? "Pkg_" : "pkg-") + (i % 12), "1." + i + ".0"));
    }
    assertThat(CliRun.run(source, "ingest", "advisories", first.toString()).exitCode()).isZero();
    Path second = Files.createDirectories(root.resolve("feed-2"));
    for (int i : new int[] {3, 17, 25}) {
      String ecosystem = i % 3 == 0 ? "PyPI" : "npm";
      Files.writeString(second.resolve("GHSA-m" + (100 + i) + ".json"),
          osv("GHSA-m" + (100 + i), "advisory " + i + ", revised", ecosystem, "moved-" + i, "2." + i + ".0"));
    }
    Files.writeString(second.resolve("GHSA-m105.json"), osv("GHSA-m105", "advisory 5", "npm", "pkg-5", "1.5.0")); // unchanged
    for (int i = 0; i < 3; i++) {
      Files.writeString(second.resolve("GHSA-new" + i + ".json"), osv("GHSA-new" + i, "new " + i, "npm", "pkg-" + i, "9.0.0"));
    }
    assertThat(CliRun.run(source, "ingest", "advisories", second.toString()).exitCode()).isZero();
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString()).exitCode()).isZero();
    key = root.resolve("keys/stella-export.key").toString();
    pub = root.resolve("keys/stella-export.pub").toString();
  }

  static CliRun export(String... args) {
    List<String> all = new ArrayList<>(List.of("export", "run", "create", "--key", key, "--shard-records", "16"));
    all.addAll(List.of(args));
    CliRun run = CliRun.run(source, all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  static List<String> rows(String db, String sql) {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return rows;
  }

  /** Package → advisory rows of the source as of snapshot {@code n}, from its own tables. */
  static List<String> sourcePackages(long n) {
    return rows(source, "WITH cur AS (SELECT DISTINCT ON (r.advisory_id) r.advisory_id, r.revision FROM vuln.advisory_revision r"
        + " JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.seal_seq <= " + n
        + " ORDER BY r.advisory_id, s.seal_seq DESC, r.revision DESC)"
        + " SELECT * FROM (SELECT DISTINCT a.product_key, c.advisory_id FROM cur c JOIN vuln.affected_package a"
        + " ON a.advisory_id = c.advisory_id AND a.revision = c.revision) x ORDER BY product_key COLLATE \"C\", advisory_id COLLATE \"C\"");
  }

  static Map<String, JsonNode> sourceDocuments(long n) throws IOException {
    Map<String, JsonNode> documents = new TreeMap<>();
    for (String row : rows(source, "SELECT DISTINCT ON (r.advisory_id) r.advisory_id, r.document::text FROM vuln.advisory_revision r"
        + " JOIN vuln.snapshot s ON s.snapshot_id = r.snapshot_id AND s.seal_seq <= " + n
        + " ORDER BY r.advisory_id, s.seal_seq DESC, r.revision DESC")) {
      int space = row.indexOf(' ');
      documents.put(row.substring(0, space), JSON.readTree(row.substring(space + 1)));
    }
    return documents;
  }

  static Map<String, JsonNode> mirrorDocuments(String db) throws IOException {
    Map<String, JsonNode> documents = new TreeMap<>();
    for (String row : rows(db, "SELECT advisory_id, document FROM mirror.advisory")) {
      int space = row.indexOf(' ');
      documents.put(row.substring(0, space), JSON.readTree(row.substring(space + 1)));
    }
    return documents;
  }

  static List<String> mirrorPackages(String db) {
    return rows(db, "SELECT product_key, advisory_id FROM mirror.package_advisory ORDER BY product_key COLLATE \"C\", advisory_id COLLATE \"C\"");
  }

  static CliRun mirror(String db, String... args) {
    return CliRun.run(db, prepend("mirror", args));
  }

  static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Test
  void fullPlusDeltaEqualsTheNewerFullAndBothAnswerLookupsAsTheSourceDoes() throws Exception {
    Path full1 = root.resolve("full-1");
    Path delta2 = root.resolve("delta-2");
    Path full2 = root.resolve("full-2");
    CliRun f1 = export("--profile", "mirror:full", "--snapshot", "1", "--out", full1.toString());
    assertThat(f1.out()).contains("state: 40 advisories");
    CliRun d2 = export("--profile", "mirror:delta", "--base", full1.toString(), "--out", delta2.toString());
    assertThat(d2.out()).contains("3 added, 3 changed, 0 removed").contains("state: 43 advisories");
    assertThat(d2.err()).contains("6 advisories revised since the base's snapshot 1");
    export("--profile", "mirror:full", "--out", full2.toString());
    JsonNode deltaManifest = JSON.readTree(delta2.resolve("export.json").toFile());
    JsonNode full2Manifest = JSON.readTree(full2.resolve("export.json").toFile());
    assertThat(deltaManifest.at("/mirror/stateSha256")).isEqualTo(full2Manifest.at("/mirror/stateSha256"));
    assertThat(deltaManifest.at("/counts/advisories").asLong()).isEqualTo(6);
    for (Path bundle : List.of(full1, delta2, full2)) {
      CliRun verify = CliRun.offline("export", "verify", bundle.toString(), "--key", pub);
      assertThat(verify.exitCode()).as(verify.err()).isZero();
    }

    // Far side A: full 1, then the delta.
    String a = TestDatabase.fresh();
    CliRun importFull = mirror(a, "import", full1.toString(), "--key", pub);
    assertThat(importFull.exitCode()).as(importFull.err()).isZero();
    assertThat(importFull.out()).contains("the mirror now holds 40 advisories");
    assertThat(mirrorPackages(a)).isEqualTo(sourcePackages(1));
    assertThat(mirrorDocuments(a)).isEqualTo(sourceDocuments(1));
    CliRun importDelta = mirror(a, "import", delta2.toString(), "--key", pub);
    assertThat(importDelta.exitCode()).as(importDelta.err()).isZero();
    assertThat(importDelta.out()).contains("6 advisories written, 0 removed; the mirror now holds 43 advisories");

    // Far side B: full 2 alone.
    String b = TestDatabase.fresh();
    assertThat(mirror(b, "import", full2.toString(), "--key", pub).exitCode()).isZero();

    assertThat(mirrorPackages(a)).isEqualTo(mirrorPackages(b)).isEqualTo(sourcePackages(2));
    assertThat(mirrorDocuments(a)).isEqualTo(mirrorDocuments(b)).isEqualTo(sourceDocuments(2));
    assertThat(rows(a, "SELECT advisory_id, content_sha256 FROM mirror.advisory ORDER BY 1"))
        .isEqualTo(rows(b, "SELECT advisory_id, content_sha256 FROM mirror.advisory ORDER BY 1"));

    // Every package of the source, looked up through the CLI, gives the source's advisories.
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String row : sourcePackages(2)) {
      String[] kv = row.split(" ");
      expected.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
    }
    assertThat(expected).containsKeys("npm/moved-17", "PyPI/pkg-0", "npm/pkg-1");
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      String[] ecoName = e.getKey().split("/", 2);
      CliRun lookup = mirror(a, "lookup", ecoName[0], ecoName[1], "--format", "json");
      assertThat(lookup.exitCode()).as(lookup.err()).isZero();
      List<String> ids = new ArrayList<>();
      JSON.readTree(lookup.out()).path("advisories").forEach(n -> ids.add(n.path("id").asText()));
      assertThat(ids).as(e.getKey()).isEqualTo(e.getValue());
    }
    // PyPI names are normalised as the ecosystem does: Pkg_0 and pkg-0 are one package.
    assertThat(mirror(a, "lookup", "--purl", "pkg:pypi/pkg_0").out()).contains("GHSA-m100");
    CliRun none = mirror(a, "lookup", "npm", "no-such-package");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

    CliRun status = mirror(a, "status", "--format", "json");
    JsonNode chain = JSON.readTree(status.out());
    assertThat(chain.at("/bundles").size()).isEqualTo(2);
    assertThat(chain.at("/bundles/1/baseExportId").asText()).isEqualTo(chain.at("/bundles/0/exportId").asText());
    assertThat(chain.at("/advisories").asLong()).isEqualTo(43);
  }

  @Test
  void bundlesThatDoNotApplyOrDoNotVerifyLeaveTheMirrorAsItWas() throws Exception {
    Path full1 = root.resolve("neg-full-1");
    Path delta2 = root.resolve("neg-delta-2");
    Path full2 = root.resolve("neg-full-2");
    export("--profile", "mirror:full", "--snapshot", "1", "--out", full1.toString());
    export("--profile", "mirror:delta", "--base", full1.toString(), "--out", delta2.toString());
    export("--profile", "mirror:full", "--out", full2.toString());

    String db = TestDatabase.fresh();
    CliRun deltaFirst = mirror(db, "import", delta2.toString(), "--key", pub);
    assertThat(deltaFirst.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(deltaFirst.err()).contains("the mirror holds nothing (import a full bundle first)");

    assertThat(mirror(db, "import", full2.toString(), "--key", pub).exitCode()).isZero();
    String before = String.join("\n", rows(db, "SELECT advisory_id, content_sha256 FROM mirror.advisory ORDER BY 1"));
    CliRun wrongBase = mirror(db, "import", delta2.toString(), "--key", pub);
    assertThat(wrongBase.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrongBase.err()).contains("the bundle applies onto export sha256:").contains("but the mirror holds export sha256:");
    CliRun older = mirror(db, "import", full1.toString(), "--key", pub);
    assertThat(older.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(older.err()).contains("--replace");

    // One changed byte in a data shard: not imported, named.
    Path tampered = root.resolve("neg-tampered");
    copy(full1, tampered);
    Path shard = tampered.resolve("advisories/normalized-00001.jsonl.zst");
    byte[] bytes = Files.readAllBytes(shard);
    bytes[bytes.length / 2] ^= 1;
    Files.write(shard, bytes);
    CliRun bad = mirror(db, "import", tampered.toString(), "--key", pub, "--replace");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    assertThat(bad.err()).contains("advisories/normalized-00001.jsonl.zst: expected sha256:").contains("the mirror is unchanged");

    // A wrong key: not imported.
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString(), "--name", "mallory").exitCode()).isZero();
    CliRun wrongKey = mirror(db, "import", full1.toString(), "--key", root.resolve("keys/mallory.pub").toString(), "--replace");
    assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.INTEGRITY);

    assertThat(String.join("\n", rows(db, "SELECT advisory_id, content_sha256 FROM mirror.advisory ORDER BY 1"))).isEqualTo(before);
    assertThat(JSON.readTree(mirror(db, "status", "--format", "json").out()).at("/bundles").size()).isEqualTo(1);

    // An older full replaces the state when asked to.
    CliRun replaced = mirror(db, "import", full1.toString(), "--key", pub, "--replace");
    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM mirror.advisory")).isEqualTo(40);
    // ... and then the delta onto it applies.
    assertThat(mirror(db, "import", delta2.toString(), "--key", pub).exitCode()).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM mirror.advisory")).isEqualTo(43);

    // A delta whose base does not verify against the key is refused before anything is written.
    CliRun badBase = CliRun.run(source, "export", "run", "create", "--key", key, "--profile", "mirror:delta", "--base", tampered.toString(),
        "--out", root.resolve("neg-never").toString());
    assertThat(badBase.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    assertThat(badBase.err()).contains("--base advisories/normalized-00001.jsonl.zst");
    assertThat(root.resolve("neg-never")).doesNotExist();
  }

  @Test
  void serveAnswersLookupsOverHttp() throws Exception {
    Path full2 = root.resolve("serve-full");
    export("--profile", "mirror:full", "--out", full2.toString());
    String db = TestDatabase.fresh();
    assertThat(mirror(db, "import", full2.toString(), "--key", pub).exitCode()).isZero();
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = root.resolve("serve.log");
    Process server = StellaProcess.start(db, log, "mirror", "serve", "--port", String.valueOf(port));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("serving on") && System.nanoTime() < deadline && server.isAlive()) {
        Thread.sleep(100);
      }
      assertThat(Files.readString(log)).contains("serving on http://127.0.0.1:" + port);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> lookup = get(http, port, "/v1/lookup?ecosystem=npm&name=moved-17");
      assertThat(lookup.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(lookup.body());
      assertThat(body.path("package").asText()).isEqualTo("npm/moved-17");
      assertThat(body.at("/advisories/0/id").asText()).isEqualTo("GHSA-m117");
      assertThat(body.at("/advisories/0/advisory/summary").asText()).isEqualTo("advisory 17, revised");
      assertThat(get(http, port, "/v1/lookup?purl=pkg:pypi/PKG.0").body()).contains("GHSA-m100");
      assertThat(get(http, port, "/v1/lookup?ecosystem=npm&name=absent").statusCode()).isEqualTo(404);
      assertThat(get(http, port, "/v1/lookup?name=only").statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(get(http, port, "/v1/advisories/GHSA-new1").body()).path("summary").asText()).isEqualTo("new 1");
      assertThat(get(http, port, "/v1/advisories/GHSA-nope").statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(get(http, port, "/v1/status").body()).path("advisories").asLong()).isEqualTo(43);
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aDownloadedArchiveIsOneFileThatVerifiesAndImports() throws Exception {
    Path full = root.resolve("dl-full");
    CliRun created = export("--profile", "mirror:full", "--out", full.toString());
    long runId = Long.parseLong(created.out().replaceAll("(?s)^export run (\\d+) .*", "$1"));
    Path archive = root.resolve("dl/mirror.tar.zst");
    CliRun download = CliRun.run(source, "export", "run", "download", Long.toString(runId), "--out", archive.toString());
    assertThat(download.exitCode()).as(download.err()).isZero();
    byte[] first = Files.readAllBytes(archive);
    assertThat(CliRun.run(source, "export", "run", "download", Long.toString(runId), "--out", root.resolve("dl/again.tar.zst").toString())
        .exitCode()).isZero();
    assertThat(Files.readAllBytes(root.resolve("dl/again.tar.zst"))).isEqualTo(first);

    CliRun verify = CliRun.offline("export", "verify", archive.toString(), "--key", pub);
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    String db = TestDatabase.fresh();
    CliRun imported = mirror(db, "import", archive.toString(), "--key", pub);
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(mirrorPackages(db)).isEqualTo(sourcePackages(2));
    assertThat(JSON.readTree(mirror(db, "status", "--format", "json").out()).at("/bundles/0/source").asText())
        .isEqualTo(archive.toAbsolutePath().toString());

    // One flipped byte in the archive: refused, nothing imported.
    byte[] bytes = first.clone();
    bytes[bytes.length / 2] ^= 0x10;
    Path damaged = root.resolve("dl/damaged.tar.zst");
    Files.write(damaged, bytes);
    String other = TestDatabase.fresh();
    CliRun refused = mirror(other, "import", damaged.toString(), "--key", pub);
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    assertThat(refused.err()).contains(damaged.toString());
    assertThat(Sql.count(other, "SELECT count(*) FROM mirror.advisory")).isZero();
    assertThat(CliRun.offline("export", "verify", damaged.toString(), "--key", pub).exitCode()).isEqualTo(ExitCodes.INTEGRITY);

    // A bundle changed after its run: the run's download refuses it.
    Files.writeString(full.resolve("README.md"), "changed");
    CliRun changed = CliRun.run(source, "export", "run", "download", Long.toString(runId), "--out", root.resolve("dl/x.tar.zst").toString());
    assertThat(changed.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    assertThat(CliRun.run(source, "export", "run", "download", "999", "--out", root.resolve("dl/y.tar.zst").toString()).exitCode())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void aScopedMirrorKeepsItsScopeAcrossDeltasAndRemovesWhatLeavesIt() throws Exception {
    Path full1 = root.resolve("scope-full-1");
    Path delta2 = root.resolve("scope-delta-2");
    Path full2 = root.resolve("scope-full-2");
    // PyPI/Pkg_3 is named by m103, m115, m127 and m139 in snapshot 1; snapshot 2 moves m103 to another package.
    assertThat(export("--profile", "mirror:full", "--snapshot", "1", "--out", full1.toString(), "--packages", "PyPI/Pkg_3").out())
        .contains("state: 4 advisories");
    JsonNode filters = JSON.readTree(full1.resolve("export.json").toFile()).path("filters");
    assertThat(filters.path("packages").toString()).isEqualTo("[\"PyPI/pkg-3\"]");
    CliRun otherScope = CliRun.run(source, "export", "run", "create", "--key", key, "--profile", "mirror:delta", "--base", full1.toString(),
        "--out", delta2.toString());
    assertThat(otherScope.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(otherScope.err()).contains("a delta keeps its base's scope");
    assertThat(export("--profile", "mirror:delta", "--base", full1.toString(), "--out", delta2.toString(), "--packages", "PyPI/Pkg_3")
        .out()).contains("0 added, 0 changed, 1 removed").contains("state: 3 advisories");
    export("--profile", "mirror:full", "--out", full2.toString(), "--packages", "PyPI/Pkg_3");
    assertThat(JSON.readTree(delta2.resolve("export.json").toFile()).at("/mirror/stateSha256"))
        .isEqualTo(JSON.readTree(full2.resolve("export.json").toFile()).at("/mirror/stateSha256"));

    String a = TestDatabase.fresh();
    assertThat(mirror(a, "import", full1.toString(), "--key", pub).exitCode()).isZero();
    assertThat(mirror(a, "show", "GHSA-m103").exitCode()).isZero();
    CliRun applied = mirror(a, "import", delta2.toString(), "--key", pub);
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("0 advisories written, 1 removed");
    assertThat(mirror(a, "show", "GHSA-m103").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    String b = TestDatabase.fresh();
    assertThat(mirror(b, "import", full2.toString(), "--key", pub).exitCode()).isZero();
    assertThat(mirrorPackages(a)).isEqualTo(mirrorPackages(b)).containsExactly("PyPI/pkg-3 GHSA-m115", "PyPI/pkg-3 GHSA-m127",
        "PyPI/pkg-3 GHSA-m139");

    // json:raw by ecosystem and modification time.
    assertThat(export("--profile", "json:raw", "--out", root.resolve("scope-raw").toString(), "--ecosystems", "pypi",
        "--modified-from", "2026-01-01").out()).contains("14 records");
    assertThat(export("--profile", "json:raw", "--out", root.resolve("scope-none").toString(), "--ecosystems", "PyPI",
        "--modified-to", "2026-01-01").out()).contains("0 records");
    CliRun badDate = CliRun.run(source, "export", "run", "create", "--key", key, "--profile", "json:raw", "--out",
        root.resolve("scope-bad").toString(), "--modified-from", "yesterday");
    assertThat(badDate.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badDate.err()).contains("'yesterday' is neither a date");
  }

  @Test
  void aKilledMirrorExportLeavesNothingThatVerifiesAndTheNextRunCleansUpAndCompletes() throws Exception {
    String db = TestDatabase.fresh();
    Path big = new org.stellaops.connectors.bench.CorpusGenerator().generate(new org.stellaops.connectors.bench.CorpusSpec(1, 5, 40_000, 8),
        root.resolve("kill-corpus"), org.stellaops.connectors.bench.ProgressListener.none()).advisoryDirectory();
    assertThat(CliRun.run(db, "ingest", "advisories", big.toString()).exitCode()).isZero();
    Path out = root.resolve("kill-mirror");
    Process export = StellaProcess.start(db, root.resolve("kill.log"), "export", "run", "create", "--profile", "mirror:full",
        "--out", out.toString(), "--key", key, "--shard-records", "500");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!staged(root, ".kill-mirror.partial-")) {
      assertThat(export.isAlive()).as("the export ended before it was killed: " + Files.readString(root.resolve("kill.log"))).isTrue();
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(10);
    }
    Thread.sleep(300);
    export.destroyForcibly();
    assertThat(export.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).doesNotExist();
    assertThat(CliRun.offline("export", "verify", out.toString()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    Path partial;
    try (var entries = Files.list(root)) {
      partial = entries.filter(p -> p.getFileName().toString().startsWith(".kill-mirror.partial-")).findFirst().orElseThrow();
    }
    // A different command on what was left: it is no bundle, and nothing is imported from it.
    assertThat(CliRun.offline("export", "verify", partial.toString()).exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    String far = TestDatabase.fresh();
    assertThat(mirror(far, "import", partial.toString(), "--key", pub).exitCode()).isEqualTo(ExitCodes.INTEGRITY);
    assertThat(Sql.count(far, "SELECT count(*) FROM mirror.advisory")).isZero();

    // The rerun: the dead run is recorded as interrupted, its staging folder removed, the bundle complete.
    CliRun rerun = CliRun.run(db, "export", "run", "create", "--profile", "mirror:full", "--out", out.toString(), "--key", key,
        "--shard-records", "500");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("was interrupted before it finished");
    assertThat(partial).doesNotExist();
    assertThat(CliRun.offline("export", "verify", out.toString(), "--key", pub).exitCode()).isZero();
    assertThat(mirror(far, "import", out.toString(), "--key", pub).exitCode()).isZero();
    assertThat(Sql.count(far, "SELECT count(*) FROM mirror.advisory")).isEqualTo(40_000);
  }

  static boolean staged(Path dir, String prefix) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
    }
  }

  static String run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }

  @Test
  void encryptedBundlesVerifyWithoutTheKeyAndImportOnlyWithIt() throws Exception {
    boolean age = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
        .anyMatch(p -> Files.isExecutable(Path.of(p, "age")) && Files.isExecutable(Path.of(p, "age-keygen")));
    if (!age) {
      assertThat(System.getenv(Fixtures.REQUIRE_EXTERNAL)).as("the age tool (apt-get install age) is required in CI").isNotEqualTo("1");
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "SKIPPED: age is not installed (apt-get install age); the interop check needs it");
    }
    Path keys = Files.createDirectories(root.resolve("age"));
    run(keys, "age-keygen", "-o", "lab.key");
    String labRecipient = Files.readAllLines(keys.resolve("lab.key")).stream().filter(l -> l.startsWith("# public key: "))
        .findFirst().orElseThrow().substring("# public key: ".length());
    CliRun ours = CliRun.offline("export", "keys", "generate", "--out", keys.toString(), "--name", "ours", "--algorithm", "age");
    assertThat(ours.exitCode()).as(ours.err()).isZero();
    String ourRecipient = Files.readString(keys.resolve("ours.agepub")).strip();
    CliRun other = CliRun.offline("export", "keys", "generate", "--out", keys.toString(), "--name", "other", "--algorithm", "age");
    assertThat(other.exitCode()).isZero();

    Path full = root.resolve("enc-full");
    export("--profile", "mirror:full", "--snapshot", "1", "--out", full.toString(), "--encrypt-to", labRecipient, "--encrypt-to", ourRecipient);
    JsonNode manifest = JSON.readTree(full.resolve("export.json").toFile());
    assertThat(manifest.at("/encryption/scheme").asText()).isEqualTo("age-x25519");
    assertThat(manifest.at("/encryption/recipients").toString()).contains(labRecipient).contains(ourRecipient);
    assertThat(full.resolve("advisories/normalized-00000.jsonl.zst")).doesNotExist();
    assertThat(full.resolve("advisories/normalized-00000.jsonl.zst.age")).exists();
    assertThat(CliRun.offline("export", "verify", full.toString(), "--key", pub).exitCode()).isZero(); // no key needed to verify

    // The real age tool opens what we wrote, and the plaintext is what the manifest says.
    run(full, "age", "-d", "-i", keys.resolve("lab.key").toString(), "-o", root.resolve("plain.zst").toString(),
        "advisories/normalized-00000.jsonl.zst.age");
    String plainSha = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(root.resolve("plain.zst"))));
    assertThat(manifest.at("/files/0/plainSha256").asText()).isEqualTo(plainSha);

    String db = TestDatabase.fresh();
    CliRun noIdentity = mirror(db, "import", full.toString(), "--key", pub);
    assertThat(noIdentity.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noIdentity.err()).contains("is encrypted (age)").contains("--identity");
    CliRun wrong = mirror(db, "import", full.toString(), "--key", pub, "--identity", keys.resolve("other.agekey").toString());
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("cannot decrypt with the identities given");
    assertThat(Sql.count(db, "SELECT count(*) FROM mirror.advisory")).isZero();
    CliRun imported = mirror(db, "import", full.toString(), "--key", pub, "--identity", keys.resolve("lab.key").toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(mirrorPackages(db)).isEqualTo(sourcePackages(1));

    // An encrypted delta onto the encrypted full: the base is read with an identity.
    Path delta = root.resolve("enc-delta");
    CliRun noBaseKey = CliRun.run(source, "export", "run", "create", "--key", key, "--profile", "mirror:delta", "--base", full.toString(),
        "--out", delta.toString(), "--encrypt-to", ourRecipient);
    assertThat(noBaseKey.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noBaseKey.err()).contains("--base-identity");
    export("--profile", "mirror:delta", "--base", full.toString(), "--base-identity", keys.resolve("ours.agekey").toString(),
        "--out", delta.toString(), "--encrypt-to", ourRecipient);
    CliRun appliedDelta = mirror(db, "import", delta.toString(), "--key", pub, "--identity", keys.resolve("ours.agekey").toString());
    assertThat(appliedDelta.exitCode()).as(appliedDelta.err()).isZero();
    assertThat(mirrorPackages(db)).isEqualTo(sourcePackages(2));
    assertThat(mirrorDocuments(db)).isEqualTo(sourceDocuments(2));

    CliRun rawEncrypted = CliRun.run(source, "export", "run", "create", "--key", key, "--profile", "json:raw", "--out",
        root.resolve("enc-raw").toString(), "--encrypt-to", ourRecipient);
    assertThat(rawEncrypted.exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun badRecipient = CliRun.run(source, "export", "run", "create", "--key", key, "--profile", "mirror:full", "--out",
        root.resolve("enc-bad").toString(), "--encrypt-to", "age1notakey");
    assertThat(badRecipient.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badRecipient.err()).contains("'age1notakey' is not an age X25519 recipient");
  }

  static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void copy(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
