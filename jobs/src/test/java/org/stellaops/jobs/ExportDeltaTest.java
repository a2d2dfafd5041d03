package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's export deltas name exactly the product keys that changed from the sealed state before it, with the final kind. */
class ExportDeltaTest {

  static String osv(String id, boolean withdrawn, String... names) {
    StringBuilder affected = new StringBuilder();
    for (String name : names) {
      affected.append(affected.length() == 0 ? "" : ",").append("{\"package\":{\"ecosystem\":\"npm\",\"name\":\"").append(name)
          .append("\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0.0\"}]}]}");
    }
    return "{\"id\":\"" + id + "\",\"modified\":\"2024-01-0" + names.length + "T00:00:00Z\""
        + (withdrawn ? ",\"withdrawn\":\"2024-02-01T00:00:00Z\"" : "") + ",\"affected\":[" + affected + "]}";
  }

  @Test
  void revisedSeveralTimesInOneRunRecordsTheFinalChange(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Path first = Files.createDirectories(dir.resolve("first"));
    // Sorted by name: the first revision, 250 others (so the revisions fall in different chunks), then two more.
    Files.writeString(first.resolve("a-rev1.json"), osv("MULTI-1", false, "alpha", "beta"));
    for (int i = 0; i < 250; i++) {
      Files.writeString(first.resolve(String.format("b-%03d.json", i)), osv("FILL-" + i, false, "fill-" + i));
    }
    Files.writeString(first.resolve("c-rev2.json"), osv("MULTI-1", false, "alpha", "gamma"));
    Files.writeString(first.resolve("d-rev3.json"), osv("MULTI-1", true, "alpha"));
    assertThat(CliRun.run(db, "ingest", "advisories", first.toString()).exitCode()).isZero();

    assertThat(Sql.count(db, "SELECT count(*) FROM vuln.advisory_revision WHERE advisory_id = 'MULTI-1'")).isEqualTo(3);
    assertThat(deltas(db, 1)).as("new in this run, final state withdrawn, naming only alpha").isEqualTo("npm/alpha:withdrawn");

    Path second = Files.createDirectories(dir.resolve("second"));
    Files.writeString(second.resolve("a.json"), osv("MULTI-1", false, "alpha", "delta"));
    Files.writeString(second.resolve("b.json"), osv("MULTI-1", false, "delta"));
    assertThat(CliRun.run(db, "ingest", "advisories", second.toString()).exitCode()).isZero();
    assertThat(deltas(db, 2)).as("from the sealed revision 3 to the final revision 5")
        .isEqualTo("npm/alpha:removed,npm/delta:added");

    Path third = Files.createDirectories(dir.resolve("third"));
    Files.writeString(third.resolve("a.json"), osv("MULTI-1", false, "delta", "epsilon"));
    Files.writeString(third.resolve("b.json"), osv("MULTI-1", false, "delta"));
    CliRun reverted = CliRun.run(db, "ingest", "advisories", third.toString());
    assertThat(reverted.exitCode()).isZero();
    assertThat(deltas(db, 3)).as("changed and changed back within the run: no product key changed").isEmpty();
  }

  private static String deltas(String db, long snapshotNumber) {
    String joined = Sql.scalar(db, "SELECT string_agg(d.product_key || ':' || d.change, ',' ORDER BY d.product_key)"
        + " FROM vuln.export_delta d JOIN vuln.snapshot s USING (snapshot_id) WHERE d.advisory_id = 'MULTI-1' AND s.seal_seq = " + snapshotNumber);
    return joined == null ? "" : joined;
  }
}
