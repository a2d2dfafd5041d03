package org.stellaops.connectors.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stellaops.connectors.TestData;
import org.stellaops.connectors.source.DocumentCursor;
import org.stellaops.connectors.source.DocumentWalker;
import org.stellaops.connectors.source.SourceDocument;
import org.stellaops.connectors.source.SourceLimits;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.SeverityLevel;

/** The authored OSV samples (JSON, YAML and a .zip of JSON records) read as OSV, without ../shared. */
class OsvSamplesTest {
  private final OsvAdvisoryParser parser = new OsvAdvisoryParser();

  @Test
  void everySampleRecordParsesWithItsPackage() throws Exception {
    Path osv = TestData.sample("osv");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(osv)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Advisory> advisories = new ArrayList<>();
    for (Path file : files) {
      advisories.add(parser.parse(osv.relativize(file).toString(), Files.readAllBytes(file)));
    }

    assertThat(files).hasSize(21);
    assertThat(files).filteredOn(file -> file.toString().endsWith(".yaml")).hasSize(2);
    assertThat(advisories).allSatisfy(advisory -> {
      assertThat(advisory.id()).startsWith("SAMPLE-");
      assertThat(advisory.affected()).singleElement().satisfies(affected -> assertThat(affected.ranges()).isNotEmpty());
    });
  }

  @Test
  void aYamlSampleKeepsVersionTextAndEvents() throws Exception {
    Advisory jinja = parse("osv/PyPI/SAMPLE-PYSEC-0001.yaml");

    AffectedPackage affected = jinja.affected().get(0);
    assertThat(affected.ecosystem()).isEqualTo("PyPI");
    assertThat(affected.purl()).contains("pkg:pypi/jinja2");
    assertThat(affected.versions()).startsWith("2.0rc1", "2.0", "2.10", "2.10.1").hasSize(12).endsWith("3.1.2");
    assertThat(affected.ranges().get(0).events()).containsExactly(
        new RangeEvent(RangeEventKind.INTRODUCED, "0"), new RangeEvent(RangeEventKind.FIXED, "3.1.3"));
    assertThat(jinja.summary()).isEqualTo("Cross-site scripting through the xmlattr filter");
    assertThat(jinja.published()).contains("2024-01-11T15:15:00Z");
  }

  @Test
  void aJsonSampleGivesSeverityAliasesAndRangeType() throws Exception {
    Advisory log4j = parse("osv/Maven/SAMPLE-MAVEN-0001.json");

    assertThat(log4j.aliases()).containsExactly("CVE-2021-44228");
    assertThat(log4j.severity().level()).isEqualTo(SeverityLevel.CRITICAL);
    assertThat(log4j.severity().score()).contains(10.0);
    assertThat(log4j.affected().get(0).name()).isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(log4j.affected().get(0).ranges().get(0).type()).isEqualTo(RangeType.ECOSYSTEM);
    assertThat(parse("osv/Packagist/SAMPLE-PACKAGIST-0001.json").severity().level()).isEqualTo(SeverityLevel.MEDIUM);
    assertThat(parse("osv/Go/SAMPLE-GO-0002.json").affected().get(0).ranges().get(0).events().get(0).version())
        .isEqualTo("1.3.1-0.20190301021747-ccb9e902956d");
  }

  @Test
  void aZipOfRecordsIsWalkedEntryByEntryAndEachEntryParses() throws Exception {
    Path zip = TestData.sample("archives/osv-npm-maven.zip");

    List<SourceDocument> documents = new ArrayList<>();
    try (DocumentCursor cursor = DocumentWalker.of(List.of(zip), Set.of(".json"), SourceLimits.DEFAULT).cursor()) {
      for (Optional<SourceDocument> next = cursor.next(); next.isPresent(); next = cursor.next()) {
        documents.add(next.get());
      }
    }

    assertThat(documents).allSatisfy(document -> assertThat(document.failure()).isEmpty());
    List<String> ids = new ArrayList<>();
    for (SourceDocument document : documents) {
      Advisory advisory = parser.parse(document.source(), document.bytes());
      ids.add(advisory.id());
      assertThat(advisory).isEqualTo(parse("osv/" + advisory.affected().get(0).ecosystem() + "/" + advisory.id() + ".json"));
    }
    assertThat(ids).containsExactly("SAMPLE-MAVEN-0001", "SAMPLE-MAVEN-0002", "SAMPLE-NPM-0001", "SAMPLE-NPM-0002");
    assertThat(documents.get(0).source()).contains("osv-npm-maven.zip").contains("SAMPLE-MAVEN-0001.json");
  }

  private Advisory parse(String sample) throws Exception {
    Path file = TestData.sample(sample);
    return parser.parse(file.getFileName().toString(), Files.readAllBytes(file));
  }
}
