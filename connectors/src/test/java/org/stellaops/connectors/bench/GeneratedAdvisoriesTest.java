package org.stellaops.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.schemas.advisory.SeverityLevel;
import us.springett.cvss.Cvss;

class GeneratedAdvisoriesTest {
  private static final Set<String> EVENT_KINDS = Set.of("introduced", "fixed", "last_affected", "limit");

  @TempDir
  static Path temp;

  private static CorpusSummary summary;
  private static final List<JsonNode> records = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    summary = new CorpusGenerator().generate(new CorpusSpec(1, 1, 500, 42), temp, ProgressListener.none());
    for (Path archive : summary.advisoryArchives()) {
      records.addAll(CorpusFiles.entries(archive).values());
    }
  }

  @Test
  void everyEntryIsAnOsvRecordNamedAfterItsId() throws IOException {
    for (SyntheticEcosystem ecosystem : SyntheticEcosystem.values()) {
      Path archive = summary.advisoryDirectory().resolve(ecosystem.osvName() + ".zip");
      Map<String, JsonNode> entries = CorpusFiles.entries(archive);
      assertThat(entries).isNotEmpty();
      entries.forEach((name, record) -> {
        assertThat(name).isEqualTo(record.path("id").asText() + ".json");
        assertThat(record.path("id").asText()).matches("SYN-" + ecosystem.idPrefix() + "-\\d{6}");
        assertRequiredFields(record, ecosystem);
      });
    }
  }

  @Test
  void archivesHaveFixedEntryTimesNoExtraFieldsAndAscendingIds() throws IOException {
    for (Path archive : summary.advisoryArchives()) {
      try (ZipFile zip = new ZipFile(archive.toFile())) {
        List<String> names = new ArrayList<>();
        for (ZipEntry entry : Collections.list(zip.entries())) {
          assertThat(entry.getTimeLocal()).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
          assertThat(entry.getExtra()).isNullOrEmpty();
          assertThat(entry.getMethod()).isEqualTo(ZipEntry.DEFLATED);
          names.add(entry.getName());
        }
        assertThat(names).isSorted();
      }
    }
  }

  @Test
  void rangesUseEveryEventKindAndEveryShape() {
    Set<String> kinds = new HashSet<>();
    int introducedAtZero = 0;
    int introducedAtRelease = 0;
    int severalIntroductions = 0;
    int versionLists = 0;
    int twoPackages = 0;
    for (JsonNode record : records) {
      twoPackages += record.path("affected").size() == 2 ? 1 : 0;
      for (JsonNode affected : record.path("affected")) {
        versionLists += affected.has("versions") ? 1 : 0;
        for (JsonNode range : affected.path("ranges")) {
          List<String> rangeKinds = new ArrayList<>();
          for (JsonNode event : range.path("events")) {
            assertThat(event.size()).isEqualTo(1);
            String kind = event.fieldNames().next();
            assertThat(kind).isIn(EVENT_KINDS);
            rangeKinds.add(kind);
            if (kind.equals("introduced")) {
              introducedAtZero += event.path(kind).asText().equals("0") ? 1 : 0;
              introducedAtRelease += event.path(kind).asText().equals("0") ? 0 : 1;
            }
          }
          assertThat(rangeKinds.get(0)).isEqualTo("introduced");
          assertThat(rangeKinds.contains("fixed") && rangeKinds.contains("last_affected"))
              .as("fixed and last_affected never share a range").isFalse();
          severalIntroductions += Collections.frequency(rangeKinds, "introduced") > 1 ? 1 : 0;
          kinds.addAll(rangeKinds);
        }
      }
    }
    assertThat(kinds).isEqualTo(EVENT_KINDS);
    assertThat(List.of(introducedAtZero, introducedAtRelease, severalIntroductions, versionLists, twoPackages))
        .allSatisfy(count -> assertThat(count).isPositive());
  }

  @Test
  void mostRecordsCarryValidCvssVectorsAndWordsThatAgreeWithThem() {
    int withVector = 0;
    Set<String> words = new HashSet<>();
    for (JsonNode record : records) {
      JsonNode word = record.path("database_specific").path("severity");
      if (!word.isMissingNode()) {
        words.add(word.asText());
      }
      for (JsonNode severity : record.path("severity")) {
        withVector++;
        assertThat(severity.path("type").asText()).isEqualTo("CVSS_V3");
        Cvss cvss = Cvss.fromVector(severity.path("score").asText());
        assertThat(cvss).as(severity.path("score").asText()).isNotNull();
        if (!word.isMissingNode()) {
          SeverityLevel level = SeverityLevel.fromScore(cvss.calculateScore().getBaseScore());
          assertThat(SeverityLevel.fromWord(word.asText())).contains(level);
        }
      }
    }
    assertThat(withVector).isBetween(records.size() * 3 / 4, records.size() - 1);
    assertThat(words).containsExactlyInAnyOrder("LOW", "MODERATE", "HIGH", "CRITICAL");
  }

  private static void assertRequiredFields(JsonNode record, SyntheticEcosystem ecosystem) {
    assertThat(record.path("schema_version").asText()).isEqualTo("1.6.0");
    Instant published = Instant.parse(record.path("published").asText());
    Instant modified = Instant.parse(record.path("modified").asText());
    assertThat(published).isAfterOrEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(modified).isAfterOrEqualTo(published);
    assertThat(record.path("aliases").isArray()).isTrue();
    record.path("aliases").forEach(alias ->
        assertThat(alias.asText()).matches("CVE-\\d{4}-\\d{4,}|GHSA(-[2-9cfghjmpqrvwx]{4}){3}"));
    assertThat(record.path("summary").asText()).isNotBlank();
    assertThat(record.path("affected").size()).isBetween(1, 2);
    for (JsonNode affected : record.path("affected")) {
      JsonNode target = affected.path("package");
      assertThat(target.path("ecosystem").asText()).isEqualTo(ecosystem.osvName());
      assertThat(target.path("name").asText()).isNotBlank();
      PackageURL purl = parse(target.path("purl").asText());
      assertThat(purl.getType()).isEqualTo(ecosystem.purlType());
      assertThat(purl.getVersion()).isNull();
      assertThat(affected.path("ranges").size()).isPositive();
      Set<String> types = ecosystem.semverRangeShare() > 0 ? Set.of("ECOSYSTEM", "SEMVER") : Set.of("ECOSYSTEM");
      affected.path("ranges").forEach(range -> assertThat(range.path("type").asText()).isIn(types));
    }
  }

  static PackageURL parse(String purl) {
    try {
      return new PackageURL(purl);
    } catch (MalformedPackageURLException e) {
      throw new AssertionError("not a package-url: " + purl, e);
    }
  }
}
