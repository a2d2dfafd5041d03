package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.ProgressListener;

/**
 * Re-evaluating only the images a delta touches gives exactly the verdicts a full re-evaluation
 * gives, after every delta of a sequence (new ecosystems, revised advisories, withdrawals), and the
 * same as evaluating once at the end on a database that never saw the intermediate snapshots.
 */
class ImpactedOnlyReevaluationTest {

  @Test
  void impactedOnlyEqualsFullAfterEveryDelta(@TempDir Path dir) throws Exception {
    Path root = new CorpusGenerator().generate(new CorpusSpec(30, 60, 4_000, 17), dir.resolve("corpus"),
        ProgressListener.none()).advisoryDirectory().getParent();
    List<Path> zips;
    try (Stream<Path> files = Files.list(root.resolve("advisories"))) {
      zips = files.sorted().toList();
    }
    List<Path> deltas = new ArrayList<>(zips.subList(0, 3));
    deltas.add(revise(zips.get(0), dir.resolve("revised"), 150, false, 1));
    deltas.add(zips.get(3));
    deltas.add(revise(zips.get(1), dir.resolve("withdrawn"), 80, true, 2));
    deltas.add(zips.get(4));

    String incremental = TestDatabase.fresh();
    String full = TestDatabase.fresh();
    String changed = TestDatabase.fresh();
    for (String db : List.of(incremental, full, changed)) {
      assertThat(CliRun.run(db, "ingest", "sboms", root.resolve("sboms").toString()).exitCode()).isZero();
    }
    long impactedReads = 0;
    for (int i = 0; i < deltas.size(); i++) {
      int snapshot = i + 1;
      if (i == 3) {
        // A new image arrives between two deltas: --changed finds it without being told.
        Path sbom = firstSbom(root);
        String digest = "sha256:" + "c".repeat(64);
        for (String db : List.of(incremental, full, changed)) {
          assertThat(CliRun.run(db, "ingest", "sboms", sbom.toString(), "--image-digest", digest).exitCode()).isZero();
        }
        assertThat(CliRun.run(incremental, "reevaluate", "--image", digest).exitCode()).isZero();
      }
      for (String db : List.of(incremental, full, changed)) {
        CliRun ingest = CliRun.run(db, "ingest", "advisories", deltas.get(i).toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("snapshot " + snapshot + ";");
      }
      CliRun onlyImpacted = i == 0 ? CliRun.run(incremental, "reevaluate", "--all")
          : CliRun.run(incremental, "reevaluate", "--impacted-by", Integer.toString(snapshot));
      assertThat(onlyImpacted.exitCode()).as(onlyImpacted.err()).isZero();
      impactedReads += i == 0 ? 0 : Long.parseLong(onlyImpacted.out().replaceAll("(?s).*reevaluate: (\\d+) image.*", "$1"));
      CliRun everything = CliRun.run(full, "reevaluate", "--all");
      assertThat(everything.exitCode()).as(everything.err()).isZero();
      CliRun sinceLast = CliRun.run(changed, "reevaluate", "--changed");
      assertThat(sinceLast.exitCode()).as(sinceLast.err()).isZero();
      assertThat(Sql.scalar(incremental, Sql.CURRENT_VERDICTS)).as("current verdicts after snapshot %d", snapshot)
          .isEqualTo(Sql.scalar(full, Sql.CURRENT_VERDICTS));
      assertThat(Sql.scalar(changed, Sql.CURRENT_VERDICTS)).as("--changed after snapshot %d", snapshot)
          .isEqualTo(Sql.scalar(full, Sql.CURRENT_VERDICTS));
    }
    assertThat(impactedReads).as("impact selection read fewer images than full runs did")
        .isLessThan(31L * (deltas.size() - 1));
    assertThat(CliRun.run(changed, "reevaluate", "--changed").out()).as("nothing changed since").contains("0 image(s) read");

    String once = TestDatabase.fresh();
    assertThat(CliRun.run(once, "ingest", "sboms", root.resolve("sboms").toString()).exitCode()).isZero();
    Path first = firstSbom(root);
    assertThat(CliRun.run(once, "ingest", "sboms", first.toString(), "--image-digest", "sha256:" + "c".repeat(64))
        .exitCode()).isZero();
    for (Path delta : deltas) {
      assertThat(CliRun.run(once, "ingest", "advisories", delta.toString()).exitCode()).isZero();
    }
    assertThat(CliRun.run(once, "reevaluate", "--all").exitCode()).isZero();
    assertThat(Sql.scalar(once, Sql.CURRENT_VERDICTS)).as("evaluated once at the end")
        .isEqualTo(Sql.scalar(incremental, Sql.CURRENT_VERDICTS));
  }

  private static Path firstSbom(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("sboms"))) {
      return files.sorted().findFirst().orElseThrow();
    }
  }

  /** Copies {@code count} random records of {@code zip} into {@code out}, each with a new alias, or withdrawn. */
  private static Path revise(Path zip, Path out, int count, boolean withdraw, long seed) throws IOException {
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper();
    Random random = new Random(seed);
    int written = 0;
    try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null && written < count; entry = entries.getNextEntry()) {
        byte[] bytes = entries.readAllBytes();
        if (random.nextInt(3) != 0) {
          continue;
        }
        ObjectNode record = (ObjectNode) json.readTree(bytes);
        if (withdraw) {
          record.put("withdrawn", "2025-01-01T00:00:00Z");
        } else {
          record.withArray("aliases").add("STELLA-REVISED-" + written);
        }
        Files.write(out.resolve(String.format("r-%04d.json", written)), json.writeValueAsBytes(record));
        written++;
      }
    }
    return out;
  }
}
