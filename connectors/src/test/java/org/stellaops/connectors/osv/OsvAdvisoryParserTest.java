package org.stellaops.connectors.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.TestData;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;

class OsvAdvisoryParserTest {
  private static final int FIXTURE_FILES = 2317;

  private final OsvAdvisoryParser parser = new OsvAdvisoryParser();

  @Test
  void aJsonRecordWithAllFieldsIsRead() throws Exception {
    String json = """
        {
          "schema_version": "1.6.0",
          "id": "GHSA-jfh8-c2jp-5v3q",
          "modified": "2024-03-15T12:00:00Z",
          "published": "2021-12-10T00:40:56Z",
          "withdrawn": "2024-04-01T00:00:00Z",
          "aliases": ["CVE-2021-44228", "CVE-2021-44228"],
          "summary": "Remote code injection in Log4j",
          "details": "Ignored when there is a summary",
          "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}],
          "references": [{"type": "WEB", "url": "https://logging.apache.org/security.html"}, {"type": "ADVISORY"},
                         {"type": "WEB", "url": "https://logging.apache.org/security.html"}, {"type": "FIX", "url": "https://github.com/apache/logging-log4j2/pull/608"}],
          "database_specific": {"cwe_ids": ["cwe-917", "CWE-502", "CWE-20", "not a cwe"]},
          "affected": [{
            "package": {"ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core",
                        "purl": "pkg:maven/org.apache.logging.log4j/log4j-core"},
            "ranges": [
              {"type": "ECOSYSTEM", "events": [{"introduced": "2.13.0"}, {"fixed": "2.15.0"}]},
              {"type": "GIT", "repo": "https://github.com/apache/logging-log4j2",
               "events": [{"introduced": "0"}, {"last_affected": "abc123"}, {"limit": "def456"}]}
            ],
            "versions": ["2.13.0", "2.14.1"],
            "ecosystem_specific": {"severity": "MODERATE"}
          }]
        }
        """;

    Advisory advisory = parser.parse("GHSA-jfh8-c2jp-5v3q.json", bytes(json));

    Severity critical = new Severity(SeverityLevel.CRITICAL, Optional.of(10.0),
        Optional.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"));
    AffectedPackage log4j = new AffectedPackage("Maven", "org.apache.logging.log4j:log4j-core",
        Optional.of("pkg:maven/org.apache.logging.log4j/log4j-core"),
        List.of(
            new AffectedRange(RangeType.ECOSYSTEM, Optional.empty(), List.of(
                new RangeEvent(RangeEventKind.INTRODUCED, "2.13.0"), new RangeEvent(RangeEventKind.FIXED, "2.15.0"))),
            new AffectedRange(RangeType.GIT, Optional.of("https://github.com/apache/logging-log4j2"), List.of(
                new RangeEvent(RangeEventKind.INTRODUCED, "0"),
                new RangeEvent(RangeEventKind.LAST_AFFECTED, "abc123"),
                new RangeEvent(RangeEventKind.LIMIT, "def456")))),
        List.of("2.13.0", "2.14.1"),
        Optional.of(new Severity(SeverityLevel.MEDIUM, Optional.empty(), Optional.empty())));
    assertThat(advisory).isEqualTo(new Advisory("GHSA-jfh8-c2jp-5v3q", List.of("CVE-2021-44228"),
        "Remote code injection in Log4j", critical, Optional.of("2021-12-10T00:40:56Z"),
        Optional.of("2024-03-15T12:00:00Z"), Optional.of("2024-04-01T00:00:00Z"), List.of(log4j),
        List.of("https://logging.apache.org/security.html", "https://github.com/apache/logging-log4j2/pull/608"),
        List.of("CWE-20", "CWE-502", "CWE-917")));
    assertThat(advisory.hasBeenWithdrawn()).isTrue();
  }

  @Test
  void aMinimalRecordHasEmptyDefaults() throws Exception {
    Advisory advisory = parser.parse("min.json", bytes("{\"id\": \"OSV-1\"}"));

    assertThat(advisory).isEqualTo(new Advisory("OSV-1", List.of(), "", Severity.unknown(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
  }

  @Test
  void theSummaryFallsBackToTheFirstLineOfDetails() throws Exception {
    Advisory advisory = parser.parse("d.json", bytes("{\"id\": \"OSV-2\", \"details\": \"\\n  First line.\\nSecond.\"}"));

    assertThat(advisory.summary()).isEqualTo("First line.");
  }

  @Test
  void yamlVersionsKeepTheirText() throws Exception {
    String yaml = """
        id: PYSEC-0000-1
        affected:
        - package:
            name: example
            ecosystem: PyPI
          ranges:
          - type: ECOSYSTEM
            events:
            - introduced: "0"
            - fixed: 1.10
          versions:
          - 1.10
          - 1.2
          - "0.10"
          - 2.0.0-final
        """;

    Advisory advisory = parser.parse("PYSEC-0000-1.yaml", bytes(yaml));

    AffectedPackage example = advisory.affected().get(0);
    assertThat(example.versions()).containsExactly("1.10", "1.2", "0.10", "2.0.0-final");
    assertThat(example.ranges().get(0).events()).containsExactly(
        new RangeEvent(RangeEventKind.INTRODUCED, "0"), new RangeEvent(RangeEventKind.FIXED, "1.10"));
  }

  @Test
  void aCvssV3VectorGivesLevelAndScore() throws Exception {
    String json = "{\"id\": \"OSV-3\", \"severity\": [{\"type\": \"CVSS_V3\", "
        + "\"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\"}]}";

    Advisory advisory = parser.parse("cvss.json", bytes(json));

    assertThat(advisory.severity()).isEqualTo(new Severity(SeverityLevel.HIGH, Optional.of(7.5),
        Optional.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")));
  }

  @Test
  void ghsaModerateIsMedium() throws Exception {
    String json = "{\"id\": \"GHSA-xxxx-yyyy-zzzz\", \"database_specific\": {\"severity\": \"MODERATE\"}}";

    Advisory advisory = parser.parse("ghsa.json", bytes(json));

    assertThat(advisory.severity()).isEqualTo(new Severity(SeverityLevel.MEDIUM, Optional.empty(), Optional.empty()));
  }

  @Test
  void theHighestOfVectorAndWordWins() throws Exception {
    String json = "{\"id\": \"GHSA-both\", \"database_specific\": {\"severity\": \"CRITICAL\"},"
        + " \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N\"}]}";

    assertThat(parser.parse("both.json", bytes(json)).severity().level()).isEqualTo(SeverityLevel.CRITICAL);
  }

  @Test
  void anAffectedEntryWithoutPackageIsSkipped() throws Exception {
    String json = """
        {"id": "OSV-2020-111", "affected": [
          {"ranges": [{"type": "GIT", "repo": "https://example.org/r.git", "events": [{"introduced": "0"}]}]},
          {"package": {"ecosystem": "npm", "name": "left-pad"}, "versions": ["1.0.0"]}
        ]}
        """;

    Advisory advisory = parser.parse("nopkg.json", bytes(json));

    assertThat(advisory.affected()).extracting(AffectedPackage::name).containsExactly("left-pad");
  }

  @Test
  void truncatedJsonNamesTheSourceAndLine() {
    byte[] truncated = bytes("{\n  \"id\": \"OSV-4\",\n  \"affected\": [\n    {\"package\": ");

    DocumentException e = failure("feed/OSV-4.json", truncated);

    assertThat(e.source()).isEqualTo("feed/OSV-4.json");
    assertThat(e.location()).matches("line \\d+, column \\d+");
    assertThat(e.getMessage()).startsWith("Cannot read feed/OSV-4.json at line ").contains("line");
  }

  @Test
  void anEmptyDocumentIsRefused() {
    assertThat(failure("empty.json", new byte[0])).hasMessage("Cannot read empty.json: the document is empty");
  }

  @Test
  void aTopLevelArrayIsRefused() {
    DocumentException e = failure("list.json", bytes("[{\"id\": \"OSV-5\"}]"));

    assertThat(e.location()).isEqualTo("$");
    assertThat(e).hasMessage("Cannot read list.json at $: an OSV record must be a JSON object, found an array");
  }

  @Test
  void aMissingIdIsRefused() {
    DocumentException e = failure("noid.json", bytes("{\"summary\": \"no id\"}"));

    assertThat(e.location()).isEqualTo("id");
    assertThat(e).hasMessage("Cannot read noid.json at id: required field is missing or empty");
  }

  @Test
  void anEventWithoutAKnownKeyIsRefusedWithItsPath() {
    String json = """
        {"id": "OSV-6", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"patched": "1.0.0"}]}]}]}
        """;

    DocumentException e = failure("event.json", bytes(json));

    assertThat(e.location()).isEqualTo("affected[0].ranges[0].events[1]");
    assertThat(e).hasMessage("Cannot read event.json at affected[0].ranges[0].events[1]: "
        + "the event has none of introduced, fixed, last_affected, limit");
  }

  @Test
  void anUnknownRangeTypeIsNamed() {
    String json = """
        {"id": "OSV-7", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
          "ranges": [{"type": "CALVER", "events": [{"introduced": "0"}]}]}]}
        """;

    DocumentException e = failure("type.json", bytes(json));

    assertThat(e.location()).isEqualTo("affected[0].ranges[0].type");
    assertThat(e).hasMessage("Cannot read type.json at affected[0].ranges[0].type: "
        + "unknown range type 'CALVER' (expected SEMVER, ECOSYSTEM or GIT)");
  }

  @Test
  void aRangeWithoutEventsIsRefused() {
    String json = """
        {"id": "OSV-8", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
          "ranges": [{"type": "SEMVER", "events": []}]}]}
        """;

    assertThat(failure("events.json", bytes(json)))
        .hasMessage("Cannot read events.json at affected[0].ranges[0].events: a range needs at least one event");
  }

  @Test
  void aPackageWithoutNameIsRefused() {
    String json = "{\"id\": \"OSV-9\", \"affected\": [{\"package\": {\"ecosystem\": \"npm\"}}]}";

    assertThat(failure("name.json", bytes(json)))
        .hasMessage("Cannot read name.json at affected[0].package.name: required field is missing or empty");
  }

  @Test
  void aWrongTypeNamesTheField() {
    assertThat(failure("aliases.json", bytes("{\"id\": \"OSV-10\", \"aliases\": \"CVE-1\"}")))
        .hasMessage("Cannot read aliases.json at aliases: expected an array, found a scalar");
    assertThat(failure("idobj.json", bytes("{\"id\": {\"x\": 1}}")))
        .hasMessage("Cannot read idobj.json at id: expected text, found an object");
  }

  @Test
  void malformedYamlNamesTheLine() {
    DocumentException e = failure("bad.yaml", bytes("id: OSV-11\naffected:\n  - package: [unclosed\n"));

    assertThat(e.source()).isEqualTo("bad.yaml");
    assertThat(e.getMessage()).startsWith("Cannot read bad.yaml").contains("line");
  }

  @Test
  void everyFixtureRecordParses() throws IOException {
    Path osv = TestData.shared("osv");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(osv)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    int withAffected = 0;
    for (Path file : files) {
      try {
        Advisory advisory = parser.parse(osv.relativize(file).toString(), Files.readAllBytes(file));
        if (!advisory.affected().isEmpty()) {
          withAffected++;
        }
      } catch (DocumentException | RuntimeException e) {
        failures.add(osv.relativize(file) + ": " + e);
      }
    }

    if (!failures.isEmpty()) {
      failures.forEach(System.out::println);
      fail(failures.size() + " of " + files.size() + " OSV fixtures failed to parse, first: " + failures.get(0));
    }
    assertThat(files).hasSize(FIXTURE_FILES);
    assertThat(withAffected).as("records with at least one affected package").isGreaterThan(FIXTURE_FILES * 9 / 10);
  }

  private DocumentException failure(String source, byte[] bytes) {
    DocumentException e = catchThrowableOfType(DocumentException.class, () -> parser.parse(source, bytes));
    assertThat(e).as("parsing %s should fail", source).isNotNull();
    return e;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
