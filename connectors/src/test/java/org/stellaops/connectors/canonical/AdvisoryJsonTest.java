package org.stellaops.connectors.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;

class AdvisoryJsonTest {

  private static final Advisory FULL = new Advisory(
      "GHSA-jfh8-c2jp-5v3q",
      List.of("CVE-2021-44228"),
      "Remote code injection in Log4j",
      new Severity(SeverityLevel.CRITICAL, Optional.of(10.0), Optional.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")),
      Optional.of("2021-12-10T00:40:56Z"),
      Optional.of("2024-03-15T12:00:00.123Z"),
      Optional.empty(),
      List.of(
          new AffectedPackage("Maven", "org.apache.logging.log4j:log4j-core",
              Optional.of("pkg:maven/org.apache.logging.log4j/log4j-core"),
              List.of(
                  new AffectedRange(RangeType.ECOSYSTEM, Optional.empty(), List.of(
                      new RangeEvent(RangeEventKind.INTRODUCED, "2.0-beta9"),
                      new RangeEvent(RangeEventKind.FIXED, "2.15.0"),
                      new RangeEvent(RangeEventKind.INTRODUCED, "2.16.0"),
                      new RangeEvent(RangeEventKind.LAST_AFFECTED, "2.16.0"))),
                  new AffectedRange(RangeType.GIT, Optional.of("https://github.com/apache/logging-log4j2"), List.of(
                      new RangeEvent(RangeEventKind.INTRODUCED, "0"),
                      new RangeEvent(RangeEventKind.LIMIT, "*")))),
              List.of("2.14.1", "2.10"),
              Optional.of(new Severity(SeverityLevel.HIGH, Optional.empty(), Optional.empty()))),
          new AffectedPackage("Debian:11", "apache-log4j2", Optional.empty(), List.of(), List.of("2.13.3-1"),
              Optional.empty())));

  private static final Advisory MINIMAL = new Advisory("OSV-1", List.of(), "", Severity.unknown(),
      Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  @Test
  void aFullAdvisoryRoundTrips() {
    assertThat(AdvisoryJson.read(AdvisoryJson.write(FULL))).isEqualTo(FULL);
  }

  @Test
  void aMinimalAdvisoryRoundTrips() {
    assertThat(AdvisoryJson.read(AdvisoryJson.write(MINIMAL))).isEqualTo(MINIMAL);
  }

  @Test
  void aWithdrawnAdvisoryRoundTrips() {
    Advisory withdrawn = new Advisory("OSV-2", List.of("CVE-1"), "gone", Severity.unknown(),
        Optional.empty(), Optional.empty(), Optional.of("2024-01-01T00:00:00Z"), List.of());

    Advisory read = AdvisoryJson.read(AdvisoryJson.write(withdrawn));

    assertThat(read).isEqualTo(withdrawn);
    assertThat(read.hasBeenWithdrawn()).isTrue();
  }

  @Test
  void writingIsDeterministic() {
    String first = AdvisoryJson.write(FULL);

    assertThat(AdvisoryJson.write(FULL)).isEqualTo(first);
    assertThat(AdvisoryJson.write(AdvisoryJson.read(first))).isEqualTo(first);
  }

  @Test
  void theMinimalFormIsCanonicalJson() {
    assertThat(AdvisoryJson.write(MINIMAL)).isEqualTo(
        "{\"affected\":[],\"aliases\":[],\"id\":\"OSV-1\",\"modified\":null,\"published\":null,"
            + "\"severity\":{\"level\":\"UNKNOWN\",\"score\":null,\"vector\":null},\"summary\":\"\",\"withdrawn\":null}");
  }

  @Test
  void keysAreSortedAtEveryLevelAndArraysKeepTheirOrder() {
    String json = AdvisoryJson.write(FULL);

    assertThat(json).startsWith("{\"affected\":[{\"ecosystem\":\"Maven\",\"name\":\"org.apache.logging.log4j:log4j-core\","
        + "\"purl\":\"pkg:maven/org.apache.logging.log4j/log4j-core\",\"ranges\":[{\"events\":[{\"kind\":\"INTRODUCED\","
        + "\"version\":\"2.0-beta9\"},{\"kind\":\"FIXED\",\"version\":\"2.15.0\"}");
    assertThat(json).contains("\"versions\":[\"2.14.1\",\"2.10\"]");
    assertThat(json).contains("\"score\":10,\"vector\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"");
    assertThat(json).endsWith("\"summary\":\"Remote code injection in Log4j\",\"withdrawn\":null}");
    assertThat(json).doesNotContain("\n").doesNotContain("\": ").doesNotContain(", \"");
  }

  @Test
  void readingIgnoresKeyOrderAndWhitespace() {
    String shuffled = """
        {
          "withdrawn": null, "summary": "",
          "severity": {"vector": null, "score": null, "level": "UNKNOWN"},
          "published": null, "modified": null, "id": "OSV-1", "aliases": [], "affected": []
        }
        """;

    assertThat(AdvisoryJson.read(shuffled)).isEqualTo(MINIMAL);
  }

  @Test
  void invalidTextIsRefusedWithTheReason() {
    assertThatThrownBy(() -> AdvisoryJson.read("{\"id\": "))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("stored advisory is not valid: ");
  }

  @Test
  void aRecordThatBreaksTheInvariantsIsRefused() {
    assertThatThrownBy(() -> AdvisoryJson.read("{\"id\": \" \", \"aliases\": [], \"summary\": \"\","
        + " \"severity\": {\"level\": \"LOW\", \"score\": null, \"vector\": null},"
        + " \"published\": null, \"modified\": null, \"withdrawn\": null, \"affected\": []}"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("stored advisory is not valid: ")
        .hasMessageContaining("id is blank");
  }

  @Test
  void referencesAndCweIdsRoundTripAndAreLeftOutWhenEmptySoOlderTextsKeepTheirHash() {
    Advisory withRefs = new Advisory(FULL.id(), FULL.aliases(), FULL.summary(), FULL.severity(), FULL.published(), FULL.modified(),
        FULL.withdrawn(), FULL.affected(), List.of("https://logging.apache.org/security.html"), List.of("CWE-502"));
    String text = AdvisoryJson.write(withRefs);
    assertThat(text).contains("\"references\":[\"https://logging.apache.org/security.html\"]").contains("\"cweIds\":[\"CWE-502\"]");
    assertThat(AdvisoryJson.read(text)).isEqualTo(withRefs);

    String without = AdvisoryJson.write(FULL);
    assertThat(without).doesNotContain("references").doesNotContain("cweIds");
    // Text stored before the fields existed reads back as an advisory without them.
    assertThat(AdvisoryJson.read(without).references()).isEmpty();
    assertThat(AdvisoryJson.read(without)).isEqualTo(FULL);
  }
}
