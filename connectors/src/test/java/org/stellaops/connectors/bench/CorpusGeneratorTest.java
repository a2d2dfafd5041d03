package org.stellaops.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {
  private static final CorpusSpec SMALL = new CorpusSpec(20, 30, 500, 42);

  @TempDir
  static Path temp;

  private static Path first;
  private static CorpusSummary summary;
  private static final List<String> progress = new ArrayList<>();

  @BeforeAll
  static void generateOnce() throws IOException {
    first = temp.resolve("first");
    summary = new CorpusGenerator().generate(
        SMALL, first, (phase, done, total) -> progress.add(phase + " " + done + "/" + total));
  }

  @Test
  void sameSpecGivesByteIdenticalFiles() throws IOException {
    Path second = temp.resolve("second");
    CorpusSummary again = new CorpusGenerator().generate(SMALL, second, ProgressListener.none());

    Map<String, String> firstDigests = CorpusFiles.digests(first);
    assertThat(firstDigests).hasSize(5 + SMALL.images());
    assertThat(CorpusFiles.digests(second)).isEqualTo(firstDigests);
    assertThat(again.bytesWritten()).isEqualTo(summary.bytesWritten());
    assertThat(again.componentsInAdvisoryRange()).isEqualTo(summary.componentsInAdvisoryRange());
  }

  @Test
  void differentSeedGivesDifferentFiles() throws IOException {
    Path other = temp.resolve("other-seed");
    new CorpusGenerator().generate(
        new CorpusSpec(SMALL.images(), SMALL.componentsPerImage(), SMALL.advisories(), 43),
        other,
        ProgressListener.none());

    Map<String, String> firstDigests = CorpusFiles.digests(first);
    Map<String, String> otherDigests = CorpusFiles.digests(other);
    assertThat(otherDigests.keySet()).isEqualTo(firstDigests.keySet());
    firstDigests.forEach((file, digest) ->
        assertThat(otherDigests.get(file)).as(file).isNotEqualTo(digest));
  }

  @Test
  void imagesDoNotDependOnTheAdvisoryCount() throws IOException {
    CorpusSummary few = new CorpusGenerator().generate(
        new CorpusSpec(4, 25, 5, 9), temp.resolve("few-advisories"), ProgressListener.none());
    CorpusSummary many = new CorpusGenerator().generate(
        new CorpusSpec(4, 25, 300, 9), temp.resolve("many-advisories"), ProgressListener.none());

    assertThat(CorpusFiles.digests(many.sbomDirectory()))
        .isEqualTo(CorpusFiles.digests(few.sbomDirectory()));
  }

  @Test
  void ecosystemsWithoutAdvisoriesStillGetAnEmptyArchive() throws IOException {
    CorpusSummary single = new CorpusGenerator().generate(
        new CorpusSpec(1, 1, 1, 42), temp.resolve("single"), ProgressListener.none());

    long records = 0;
    for (Path archive : single.advisoryArchives()) {
      records += CorpusFiles.entries(archive).size();
    }
    assertThat(single.advisoryArchives()).hasSize(5);
    assertThat(records).isEqualTo(1);
  }

  @Test
  void countsMatchTheSpec() throws IOException {
    assertThat(summary.advisoryArchives())
        .extracting(path -> path.getFileName().toString())
        .containsExactly("npm.zip", "PyPI.zip", "Maven.zip", "Go.zip", "crates.io.zip");
    long records = 0;
    for (Path archive : summary.advisoryArchives()) {
      records += CorpusFiles.entries(archive).size();
    }
    assertThat(records).isEqualTo(SMALL.advisories()).isEqualTo(summary.advisoryRecords());
    List<JsonNode> sboms = CorpusFiles.sboms(summary.sbomDirectory());
    assertThat(sboms).hasSize(SMALL.images());
    assertThat(summary.sbomFiles()).isEqualTo(SMALL.images());
    assertThat(sboms).allSatisfy(sbom ->
        assertThat(sbom.path("components").size()).isEqualTo(SMALL.componentsPerImage()));
    assertThat(summary.components()).isEqualTo(600);
    assertThat(summary.bytesWritten()).isEqualTo(CorpusFiles.totalSize(first));
    assertThat(summary.componentsInAdvisoryRange()).isBetween(1L, summary.components() / 5);
  }

  @Test
  void reportsProgressUpToTheTotalOfEachPhase() {
    assertThat(progress)
        .contains("advisories 5/500", "advisories 500/500", "sboms 1/20", "sboms 20/20")
        .hasSizeLessThanOrEqualTo(100 + 20);
    assertThat(progress.indexOf("advisories 500/500")).isLessThan(progress.indexOf("sboms 1/20"));
  }
}
