package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.CorpusSummary;
import org.stellaops.connectors.bench.ProgressListener;

/**
 * A database written before finding groups (V14) keeps its verdicts readable: their whole bodies
 * stay in {@code document} and their finding rows show through the {@code policy.finding} view,
 * next to verdicts written afterwards.
 */
class FindingGroupMigrationTest {
  private static final String OLD = "(SELECT verdict_id FROM policy.verdict WHERE image_digest = 'sha256:old')";

  @Test
  void verdictsStoredBeforeFindingGroupsStayReadableBesideNewOnes(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Flyway.configure().dataSource(db, null, null).locations("classpath:db/migration").target("13").load().migrate();
    String legacyBody = "{\"findings\":[{\"advisoryId\":\"OLD-1\"}],\"verdict\":\"FAIL\"}";
    try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
      s.execute("INSERT INTO policy.verdict (image_digest, sbom_digest, advisory_snapshot_id, engine_version,"
          + " policy_digest, decision, verdict_digest, document, job_instance_id)"
          + " VALUES ('sha256:old', 'sha256:sbom', 1, 'e', 'p', 'FAIL', 'sha256:x', '" + legacyBody + "', 0)");
      s.execute("INSERT INTO policy.finding (verdict_id, ordinal, advisory_id, purl, ecosystem, package_name, version,"
          + " status, severity, matched, reason) VALUES (" + OLD + ", 0, 'OLD-1', 'pkg:npm/a@1', 'npm', 'a', '1', 'affected',"
          + " 'HIGH', '<2', 'in range')");
    }
    Flyway.configure().dataSource(db, null, null).locations("classpath:db/migration").load().migrate();

    assertThat(Sql.scalar(db, "SELECT policy.verdict_document(v) FROM policy.verdict v WHERE verdict_id = " + OLD)).isEqualTo(legacyBody);
    assertThat(Sql.scalar(db, "SELECT advisory_id || ' ' || ordinal FROM policy.finding WHERE verdict_id = " + OLD)).isEqualTo("OLD-1 0");

    // New verdicts on the same database: the old one's rows and the new ones' rows side by side.
    CorpusSummary corpus = new CorpusGenerator().generate(new CorpusSpec(20, 60, 4_000, 5), dir, ProgressListener.none());
    assertThat(CliRun.run(db, "ingest", "advisories", corpus.advisoryDirectory().toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "ingest", "sboms", corpus.sbomDirectory().toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "ingest", "sboms", copiesUnderOtherDigests(corpus.sbomDirectory(), dir.resolve("copies"))
        .toString()).exitCode()).isZero();
    assertThat(CliRun.run(db, "reevaluate", "--all").exitCode()).isZero();
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.finding WHERE verdict_id <> " + OLD)).isPositive();
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.finding WHERE verdict_id = " + OLD)).isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.verdict WHERE verdict_id <> " + OLD)).isEqualTo(40);
    // The same components are in several images: their findings are stored once and referenced by each.
    long references = Sql.count(db, "SELECT count(*) FROM policy.verdict, unnest(finding_groups)");
    long stored = Sql.count(db, "SELECT count(*) FROM policy.finding_group");
    assertThat(stored).isPositive().isLessThan(references)
        .isEqualTo(Sql.count(db, "SELECT count(DISTINCT g) FROM policy.verdict, unnest(finding_groups) g"));
    assertThat(Sql.count(db, "SELECT count(*) FROM policy.group_finding"))
        .isEqualTo(Sql.count(db, "SELECT sum(findings) FROM policy.finding_group"));
  }

  /** The same SBOMs as images of other digests: every finding group is shared by two images. */
  private static Path copiesUnderOtherDigests(Path sboms, Path out) throws java.io.IOException {
    java.nio.file.Files.createDirectories(out);
    java.util.regex.Pattern digest = java.util.regex.Pattern.compile("pkg:oci/app-\\d+@sha256%3A([0-9a-f]{64})");
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(sboms)) {
      for (Path file : files.toList()) {
        String text = java.nio.file.Files.readString(file);
        java.util.regex.Matcher m = digest.matcher(text);
        assertThat(m.find()).as("image digest in %s", file).isTrue();
        String other = new StringBuilder(m.group(1)).reverse().toString();
        java.nio.file.Files.writeString(out.resolve("copy-" + file.getFileName()), text.replace(m.group(1), other));
      }
    }
    return out;
  }
}
