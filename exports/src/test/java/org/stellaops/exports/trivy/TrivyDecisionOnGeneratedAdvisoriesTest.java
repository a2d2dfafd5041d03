package org.stellaops.exports.trivy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.CorpusSummary;
import org.stellaops.connectors.bench.ProgressListener;
import org.stellaops.connectors.osv.OsvAdvisoryParser;
import org.stellaops.schemas.advisory.Advisory;

/**
 * The benchmark corpus's advisories (several ranges per package, limits, listed versions,
 * pre-releases): Trivy's documented decision on what we write equals our matcher's. Needs no
 * shared fixtures.
 */
class TrivyDecisionOnGeneratedAdvisoriesTest {
  @Test
  void trivysDecisionEqualsOursOnGeneratedAdvisories(@TempDir Path dir) throws Exception {
    CorpusSummary corpus = new CorpusGenerator().generate(new CorpusSpec(1, 1, 6_000, 21), dir, ProgressListener.none());
    List<Advisory> advisories = new ArrayList<>();
    OsvAdvisoryParser parser = new OsvAdvisoryParser();
    for (Path archive : corpus.advisoryArchives()) {
      try (ZipFile zip = new ZipFile(archive.toFile())) {
        for (ZipEntry entry : Collections.list(zip.entries())) {
          advisories.add(parser.parse(entry.getName(), zip.getInputStream(entry).readAllBytes()));
        }
      }
    }
    assertThat(advisories.stream().flatMap(a -> a.affected().stream()).flatMap(p -> p.ranges().stream())
        .flatMap(r -> r.events().stream()).anyMatch(e -> e.kind() == org.stellaops.schemas.advisory.RangeEventKind.LIMIT))
        .as("the corpus has limit events").isTrue();

    Map<String, long[]> compared = new TreeMap<>();
    List<String> disagreements = TrivyFixtureExportTest.compare(advisories, compared);

    assertThat(disagreements).isEmpty();
    assertThat(compared.values().stream().mapToLong(c -> c[0]).sum()).isGreaterThan(20_000);
    assertThat(compared).containsKeys("npm::Stella Ops", "pip::Stella Ops", "maven::Stella Ops", "go::Stella Ops", "cargo::Stella Ops");
    TrivyDbBuilder builder = new TrivyDbBuilder(new TrivyMapper("Stella Ops"));
    advisories.forEach(builder::add);
    assertThat(builder.summary(0).skipped()).as("every generated advisory can be written").isEmpty();
  }
}
