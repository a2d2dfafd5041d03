package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/** Malformed, truncated and hostile documents are rejected with file, place and reason; the rest goes through. */
class BadInputTest {

  static String osv(String id, String name, String fixed) {
    return "{\"id\":\"" + id + "\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\","
        + "\"name\":\"" + name + "\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\""
        + fixed + "\"}]}]}]}";
  }

  @Test
  void rejectsBadAdvisoriesAndKeepsTheRest(@TempDir Path dir) throws IOException {
    String db = TestDatabase.fresh();
    Path first = Files.createDirectories(dir.resolve("first"));
    Files.writeString(first.resolve("ok-1.json"), osv("TEST-1", "left-pad", "1.3.0"));
    assertThat(CliRun.run(db, "ingest", "advisories", first.toString()).exitCode()).isZero();
    String before = Sql.scalar(db, "SELECT content_sha256 FROM vuln.advisory_revision WHERE advisory_id = 'TEST-1'");

    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("ok-2.json"), osv("TEST-2", "lodash", "4.17.21"));
    String whole = osv("TEST-3", "minimist", "1.2.6");
    Files.writeString(bad.resolve("truncated.json"), whole.substring(0, whole.length() / 2));
    Files.writeString(bad.resolve("array.json"), "[1,2,3]");
    Files.writeString(bad.resolve("bad-event.json"), osv("TEST-4", "x", "1.0.0").replace("{\"introduced\":\"0\"},", "{\"since\":\"0\"},"));
    Files.write(bad.resolve("empty.json"), new byte[0]);
    try (OutputStream file = Files.newOutputStream(bad.resolve("feed.zip")); ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("../escape.json"));
      zip.write(osv("TEST-5", "evil", "1.0.0").getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("npm/TEST-6.json"));
      zip.write(osv("TEST-6", "express", "4.19.2").getBytes(StandardCharsets.UTF_8));
    }

    CliRun run = CliRun.run(db, "ingest", "advisories", bad.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(run.out()).contains("2 new revision(s)", "5 rejected");
    assertThat(run.err())
        .contains("truncated.json at line 1, column")
        .contains("array.json at $: an OSV record must be a JSON object, found an array")
        .contains("bad-event.json at affected[0].ranges[0].events[0]: the event has none of introduced, fixed, last_affected, limit")
        .contains("empty.json: the document is empty")
        .contains("feed.zip!/../escape.json: unsafe entry name in archive");
    assertThat(Sql.count(db, "SELECT count(*) FROM audit.ingest_error")).isEqualTo(5);
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision WHERE advisory_id IN ('TEST-2', 'TEST-6')")).isEqualTo(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision WHERE advisory_id = 'TEST-5'")).isZero();
    assertThat(Sql.scalar(db, "SELECT content_sha256 FROM vuln.advisory_revision WHERE advisory_id = 'TEST-1'")).isEqualTo(before);
  }

  @Test
  void changedAdvisoryBecomesANewRevisionWithDeltas(@TempDir Path dir) throws IOException {
    String db = TestDatabase.fresh();
    Files.writeString(dir.resolve("a.json"), osv("TEST-7", "left-pad", "1.3.0"));
    assertThat(CliRun.run(db, "ingest", "advisories", dir.toString()).exitCode()).isZero();
    Files.writeString(dir.resolve("a.json"), osv("TEST-7", "left-pad", "1.3.1"));
    CliRun second = CliRun.run(db, "ingest", "advisories", dir.toString());
    assertThat(second.out()).contains("1 new revision(s)");
    assertThat(Sql.count(db, "SELECT max(revision) FROM vuln.advisory_revision WHERE advisory_id = 'TEST-7'")).isEqualTo(2);
    assertThat(Sql.scalar(db, "SELECT string_agg(snapshot_id || ':' || change, ',' ORDER BY snapshot_id) FROM vuln.export_delta"))
        .isEqualTo("1:added,2:changed");
    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.raw_document")).isEqualTo(2);
  }

  @Test
  void rejectsBadSbomsAndReportsMissingPaths(@TempDir Path dir) throws IOException {
    String db = TestDatabase.fresh();
    Files.writeString(dir.resolve("truncated.cdx.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"name\":");
    Files.writeString(dir.resolve("ok.cdx.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
        + "\"components\":[{\"type\":\"library\",\"name\":\"lodash\",\"version\":\"4.17.15\",\"purl\":\"pkg:npm/lodash@4.17.15\"}]}");
    CliRun run = CliRun.run(db, "ingest", "sboms", dir.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(run.err()).contains("truncated.cdx.json at line 1");
    assertThat(Sql.count(db, "SELECT count(*) FROM sbom.component")).isEqualTo(1);

    CliRun missing = CliRun.run(db, "ingest", "sboms", dir.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).contains("not found: " + dir.resolve("nope"));

    CliRun badDigest = CliRun.run(db, "ingest", "sboms", dir.toString(), "--image-digest", "latest");
    assertThat(badDigest.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badDigest.err()).contains("--image-digest must be sha256:");
  }
}
