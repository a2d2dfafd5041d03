package org.stellaops.exports.trivy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

/** Advisory values as Trivy's decoder and comparers read them (../shared/specs/trivy-db.md §2.4, §2.5, §3.2). */
class TrivyMapperTest {
  private final TrivyMapper mapper = new TrivyMapper("Stella Ops");

  static AffectedRange range(RangeType type, String... events) {
    List<RangeEvent> list = new java.util.ArrayList<>();
    for (int i = 0; i < events.length; i += 2) {
      list.add(new RangeEvent(RangeEventKind.valueOf(events[i]), events[i + 1]));
    }
    return new AffectedRange(type, Optional.empty(), list);
  }

  static AffectedPackage pkg(String ecosystem, String name, List<AffectedRange> ranges, List<String> versions) {
    return new AffectedPackage(ecosystem, name, Optional.empty(), ranges, versions, Optional.empty());
  }

  static Advisory advisory(String id, AffectedPackage... packages) {
    return new Advisory(id, List.of("CVE-2021-44228", id), "Remote code execution",
        new Severity(SeverityLevel.CRITICAL, Optional.of(10.0), Optional.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")),
        Optional.of("2021-12-10T00:40:56Z"), Optional.of("2024-01-02"), Optional.empty(), List.of(packages),
        List.of("https://logging.apache.org/security.html", "https://github.com/advisories/" + id,
            "https://logging.apache.org/security.html"), List.of("CWE-502", "CWE-917"));
  }

  private static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Test
  void aMavenRangeBecomesOperatorConstraintsWithItsFixAsPatched() {
    TrivyMapper.Mapped mapped = mapper.map(advisory("GHSA-jfh8-c2jp-5v3q",
        pkg("Maven", "org.apache.logging.log4j:log4j-core", List.of(range(RangeType.ECOSYSTEM, "INTRODUCED", "2.0-beta9", "FIXED", "2.15.0")), List.of())));

    assertThat(mapped.skips()).isEmpty();
    assertThat(mapped.entries()).singleElement().satisfies(e -> {
      assertThat(e.bucket()).isEqualTo("maven::Stella Ops");
      assertThat(e.packageName()).isEqualTo("org.apache.logging.log4j:log4j-core");
      assertThat(text(e.json())).isEqualTo("{\"PatchedVersions\":[\"2.15.0\"],\"VendorIDs\":[\"CVE-2021-44228\"],"
          + "\"VulnerableVersions\":[\">=2.0-beta9, <2.15.0\"]}");
    });
    assertThat(text(mapped.detail().orElseThrow())).isEqualTo("{\"CVSS\":{\"stellaops\":{\"V3Vector\":"
        + "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\",\"V3Score\":10.0}},\"CweIDs\":[\"CWE-502\",\"CWE-917\"],"
        + "\"LastModifiedDate\":\"2024-01-02T00:00:00Z\",\"PublishedDate\":\"2021-12-10T00:40:56Z\","
        + "\"References\":[\"https://github.com/advisories/GHSA-jfh8-c2jp-5v3q\",\"https://logging.apache.org/security.html\"],"
        + "\"Severity\":\"CRITICAL\",\"Title\":\"Remote code execution\",\"VendorSeverity\":{\"stellaops\":4}}");
  }

  @Test
  void eventsAreWalkedInVersionOrderAndEachIntervalIsOneGroup() {
    TrivyMapper.Mapped mapped = mapper.map(advisory("PYSEC-1",
        pkg("PyPI", "Django_Extra", List.of(range(RangeType.ECOSYSTEM,
            "FIXED", "3.2.5", "INTRODUCED", "0", "INTRODUCED", "4.0", "LAST_AFFECTED", "4.0", "INTRODUCED", "4.1a1")), List.of())));

    assertThat(mapped.entries()).singleElement().satisfies(e -> {
      assertThat(e.packageName()).as("pip: lower case, _ to -").isEqualTo("django-extra");
      assertThat(text(e.json())).isEqualTo("{\"PatchedVersions\":[\"3.2.5\"],\"VendorIDs\":[\"CVE-2021-44228\"],"
          + "\"VulnerableVersions\":[\"<3.2.5\",\"==4.0\",\">=4.1a1\"]}");
    });
  }

  @Test
  void aFixThatAnotherRangeStillCoversIsNotPatchedAndListedVersionsOutsideRangesAreExact() {
    TrivyMapper.Mapped mapped = mapper.map(advisory("GHSA-x",
        pkg("npm", "Left-Pad", List.of(
            range(RangeType.SEMVER, "INTRODUCED", "0", "FIXED", "1.3.0"),
            range(RangeType.SEMVER, "INTRODUCED", "1.3.0", "FIXED", "1.4.0")), List.of("1.2.0", "2.0.0"))));

    assertThat(text(mapped.entries().get(0).json())).isEqualTo("{\"PatchedVersions\":[\"1.4.0\"],\"VendorIDs\":[\"CVE-2021-44228\"],"
        + "\"VulnerableVersions\":[\"<1.3.0\",\">=1.3.0 <1.4.0\",\"=2.0.0\"]}");
  }

  @Test
  void osPackagesGetTheirFixedVersionOrAnIntegerStatusWhenUnfixed() {
    TrivyMapper.Mapped mapped = mapper.map(advisory("DSA-1",
        new AffectedPackage("Debian:12", "openssl", Optional.empty(), List.of(range(RangeType.ECOSYSTEM, "INTRODUCED", "0", "FIXED", "3.0.11-1~deb12u1")),
            List.of(), Optional.of(new Severity(SeverityLevel.HIGH, Optional.empty(), Optional.empty()))),
        pkg("Alpine:v3.18", "busybox", List.of(range(RangeType.ECOSYSTEM, "INTRODUCED", "0")), List.of())));

    assertThat(mapped.entries()).extracting(TrivyMapper.Entry::bucket, TrivyMapper.Entry::packageName, e -> text(e.json()))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("debian 12", "openssl",
                "{\"FixedVersion\":\"3.0.11-1~deb12u1\",\"Severity\":3,\"VendorIDs\":[\"CVE-2021-44228\"]}"),
            org.assertj.core.groups.Tuple.tuple("alpine 3.18", "busybox", "{\"Status\":2,\"VendorIDs\":[\"CVE-2021-44228\"]}"));
  }

  @Test
  void anOsRangeTrivyCannotHoldIsWrittenWidenedAndSaysSo() {
    TrivyMapper.Mapped mapped = mapper.map(advisory("USN-1",
        pkg("Ubuntu:22.04:LTS", "curl", List.of(range(RangeType.ECOSYSTEM, "INTRODUCED", "7.80.0-1", "FIXED", "7.81.0-1ubuntu1.4")), List.of())));

    assertThat(text(mapped.entries().get(0).json())).startsWith("{\"FixedVersion\":\"7.81.0-1ubuntu1.4\"");
    assertThat(mapped.skips()).singleElement().satisfies(s -> {
      assertThat(s.widened()).isTrue();
      assertThat(s.detail()).isEqualTo("lower bound 7.80.0-1 dropped");
    });
  }

  @Test
  void whatCannotBeWrittenIsReportedWithItsReason() {
    TrivyMapper.Mapped mapped = mapper.map(advisory("HSEC-1",
        pkg("Hackage", "aeson", List.of(range(RangeType.ECOSYSTEM, "INTRODUCED", "0", "FIXED", "2.0")), List.of()),
        pkg("Go", "example.com/m", List.of(new AffectedRange(RangeType.GIT, Optional.of("https://x"),
            List.of(new RangeEvent(RangeEventKind.INTRODUCED, "0"), new RangeEvent(RangeEventKind.FIXED, "abc123"))))
            , List.of()),
        pkg("Maven", "g:a", List.of(range(RangeType.ECOSYSTEM, "INTRODUCED", "0", "FIXED", "1.0.0-x,y")), List.of())));

    assertThat(mapped.entries()).isEmpty();
    assertThat(mapped.detail()).as("no detail without entries").isEmpty();
    assertThat(mapped.skips()).extracting(TrivyMapper.Skip::reason).containsExactly(
        "Trivy reads no bucket for ecosystem Hackage",
        "no version range or listed version that Trivy can evaluate",
        "version cannot be written in Trivy's constraint syntax");

    Advisory withdrawn = new Advisory("GHSA-w", List.of(), "", Severity.unknown(), Optional.empty(), Optional.empty(),
        Optional.of("2024-01-01T00:00:00Z"), List.of(pkg("npm", "x", List.of(range(RangeType.SEMVER, "INTRODUCED", "0")), List.of())));
    assertThat(mapper.map(withdrawn).skips()).extracting(TrivyMapper.Skip::reason).containsExactly("withdrawn");
  }

  @Test
  void limitsCutEveryIntervalAtTheHighestLimit() {
    TrivyMapper.Mapped mapped = mapper.map(advisory("GHSA-3",
        pkg("crates.io", "Foo", List.of(range(RangeType.SEMVER,
            "INTRODUCED", "0", "FIXED", "1.0.0", "INTRODUCED", "1.5.0", "LIMIT", "2.0.0", "LIMIT", "1.8.0",
            "INTRODUCED", "2.5.0")), List.of())));

    assertThat(text(mapped.entries().get(0).json()))
        .contains("\"VulnerableVersions\":[\"<1.0.0\",\">=1.5.0, <2.0.0\"]").contains("\"PatchedVersions\":[\"1.0.0\"]");
    assertThat(mapped.skips()).isEmpty();
  }

  @Test
  void anAdvisoryListingOnePackageTwiceGivesOneMergedValue() {
    TrivyMapper.Mapped mapped = mapper.map(advisory("GHSA-2",
        pkg("Go", "github.com/Foo/bar", List.of(range(RangeType.SEMVER, "INTRODUCED", "0", "FIXED", "1.2.0")), List.of()),
        pkg("Go", "github.com/Foo/bar", List.of(range(RangeType.SEMVER, "INTRODUCED", "2.0.0", "FIXED", "2.0.3")), List.of())));

    assertThat(mapped.entries()).singleElement().satisfies(e -> {
      assertThat(e.packageName()).as("Go keeps case").isEqualTo("github.com/Foo/bar");
      assertThat(text(e.json())).contains("\"VulnerableVersions\":[\"<1.2.0\",\">=2.0.0, <2.0.3\"]")
          .contains("\"PatchedVersions\":[\"1.2.0\",\"2.0.3\"]");
    });
  }
}
