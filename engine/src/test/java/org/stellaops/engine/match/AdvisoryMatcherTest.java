package org.stellaops.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.FindingStatus;

class AdvisoryMatcherTest {

  private static final Severity CRITICAL = new Severity(SeverityLevel.CRITICAL, Optional.of(10.0),
      Optional.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"));
  private static final Severity MEDIUM = new Severity(SeverityLevel.MEDIUM, Optional.of(5.3), Optional.empty());

  @Test
  void aVersionInsideARangeIsAffectedWithTheIntervalAndFix() {
    Advisory log4shell = advisory("GHSA-jfh8-c2jp-5v3q", CRITICAL,
        pkg("Maven", "org.apache.logging.log4j:log4j-core", List.of(),
            ecosystemRange(introduced("2.0-beta9"), fixed("2.15.0"))));

    List<Finding> findings = match(List.of(log4shell),
        new ComponentRef("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", Optional.of("sha256:layer1")));

    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.advisoryId()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
    assertThat(finding.aliases()).containsExactly("CVE-GHSA-jfh8-c2jp-5v3q");
    assertThat(finding.purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(finding.ecosystem()).isEqualTo("Maven");
    assertThat(finding.packageName()).isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(finding.version()).isEqualTo("2.14.1");
    assertThat(finding.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(finding.matched()).isEqualTo("ECOSYSTEM >=2.0-beta9, <2.15.0");
    assertThat(finding.reason()).isEqualTo("version 2.14.1 is in range ECOSYSTEM >=2.0-beta9, <2.15.0");
    assertThat(finding.fixedVersion()).contains("2.15.0");
    assertThat(finding.severity()).isEqualTo(SeverityLevel.CRITICAL);
    assertThat(finding.score()).contains(10.0);
    assertThat(finding.layer()).contains("sha256:layer1");
  }

  @Test
  void theAffectedPackageSeverityOverridesTheAdvisorySeverity() {
    AffectedPackage affected = new AffectedPackage("npm", "lodash", Optional.empty(),
        List.of(ecosystemRange(introduced("0"), fixed("4.17.21"))), List.of(), Optional.of(MEDIUM));
    Advisory advisory = new Advisory("GHSA-lodash", List.of(), "prototype pollution", CRITICAL,
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(affected));

    List<Finding> findings = match(List.of(advisory), component("pkg:npm/lodash@4.17.20"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(SeverityLevel.MEDIUM);
      assertThat(f.score()).contains(5.3);
    });
  }

  @Test
  void anExactlyListedVersionIsAffected() {
    Advisory advisory = advisory("GHSA-listed", MEDIUM,
        pkg("npm", "left-pad", List.of("1.0.0", "1.1.0")));

    List<Finding> findings = match(List.of(advisory), component("pkg:npm/left-pad@1.1.0"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.matched()).startsWith("versions: ").isEqualTo("versions: 1.1.0");
      assertThat(f.reason()).isEqualTo("version 1.1.0 is listed as affected by the advisory");
      assertThat(f.fixedVersion()).isEmpty();
    });
  }

  @Test
  void aListedVersionTakesTheOnlyFixedVersionOfTheRanges() {
    Advisory advisory = advisory("GHSA-listed-fixed", MEDIUM,
        pkg("npm", "left-pad", List.of("1.0.0"), ecosystemRange(introduced("2.0.0"), fixed("2.0.1"))));

    List<Finding> findings = match(List.of(advisory), component("pkg:npm/left-pad@1.0.0"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.matched()).isEqualTo("versions: 1.0.0");
      assertThat(f.fixedVersion()).contains("2.0.1");
    });
  }

  @Test
  void pypiNamesAreNormalisedBeforeLookup() {
    Advisory advisory = advisory("PYSEC-jinja", MEDIUM,
        pkg("PyPI", "Jinja2", List.of(), ecosystemRange(introduced("0"), fixed("2.10.1"))));

    List<Finding> findings = match(List.of(advisory), component("pkg:pypi/jinja2@2.10"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.ecosystem()).isEqualTo("PyPI");
      assertThat(f.packageName()).isEqualTo("jinja2");
      assertThat(f.matched()).isEqualTo("ECOSYSTEM >=0, <2.10.1");
    });
  }

  @Test
  void pypiNamesWithOtherSeparatorsMatch() {
    Advisory advisory = advisory("PYSEC-zope", MEDIUM,
        pkg("PyPI", "Zope.Interface", List.of("5.0")));

    assertThat(match(List.of(advisory), component("pkg:pypi/zope_interface@5.0")))
        .singleElement()
        .satisfies(f -> assertThat(f.packageName()).isEqualTo("zope-interface"));
  }

  @Test
  void pypiListedVersionsMatchByPep440Equality() {
    Advisory advisory = advisory("PYSEC-equal", MEDIUM, pkg("PyPI", "example", List.of("1.0")));

    List<Finding> findings = match(List.of(advisory), component("pkg:pypi/example@1.0.0"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.matched()).isEqualTo("versions: 1.0");
      assertThat(f.reason()).isEqualTo("version 1.0.0 is listed as affected by the advisory");
    });
  }

  @Test
  void npmScopedPackagesMatchWithTheirScope() {
    Advisory advisory = advisory("GHSA-67hx-6x53-jw92", CRITICAL,
        pkg("npm", "@babel/traverse", List.of(), ecosystemRange(introduced("0"), fixed("7.23.2"))));

    List<Finding> findings = match(List.of(advisory), component("pkg:npm/%40babel/traverse@7.23.0"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.packageName()).isEqualTo("@babel/traverse");
      assertThat(f.fixedVersion()).contains("7.23.2");
    });
  }

  @Test
  void goModulesMatchSemverRangesWithoutTheVPrefix() {
    Advisory advisory = advisory("GO-2023-2102", MEDIUM,
        pkg("Go", "golang.org/x/net", List.of(), new AffectedRange(RangeType.SEMVER, Optional.empty(),
            List.of(introduced("0"), fixed("0.17.0")))));

    assertThat(match(List.of(advisory), component("pkg:golang/golang.org/x/net@v0.16.0")))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
          assertThat(f.packageName()).isEqualTo("golang.org/x/net");
          assertThat(f.matched()).isEqualTo("SEMVER >=0, <0.17.0");
        });
    assertThat(match(List.of(advisory), component("pkg:golang/golang.org/x/net@v0.17.0"))).isEmpty();
  }

  @Test
  void cratesMatchCaseInsensitively() {
    Advisory advisory = advisory("RUSTSEC-2020-0001", MEDIUM,
        pkg("crates.io", "Inflector", List.of(), new AffectedRange(RangeType.SEMVER, Optional.empty(),
            List.of(introduced("0.0.0-0"), fixed("0.11.5")))));

    assertThat(match(List.of(advisory), component("pkg:cargo/inflector@0.11.4")))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED));
  }

  @Test
  void debianVersionsAreComparedInDpkgOrder() {
    Advisory advisory = advisory("DSA-5139-1", CRITICAL,
        pkg("Debian:11", "openssl", List.of(), ecosystemRange(introduced("0"), fixed("1.1.1o-1"))));

    List<Finding> findings = match(List.of(advisory),
        component("pkg:deb/debian/openssl@1.1.1n-0+deb11u3?distro=debian-11"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.matched()).isEqualTo("ECOSYSTEM >=0, <1.1.1o-1");
      assertThat(f.fixedVersion()).contains("1.1.1o-1");
      assertThat(f.ecosystem()).isEqualTo("Debian");
      assertThat(f.version()).isEqualTo("1.1.1n-0+deb11u3");
    });
  }

  @Test
  void anEcosystemWithoutComparerStillMatchesAListedVersion() {
    Advisory advisory = advisory("DSA-5139-1", CRITICAL,
        pkg("Debian:11", "openssl", List.of("1.1.1n-0+deb11u3"),
            ecosystemRange(introduced("0"), fixed("1.1.1o-1"))));

    List<Finding> findings = match(List.of(advisory),
        component("pkg:deb/debian/openssl@1.1.1n-0+deb11u3?distro=debian-11"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.matched()).isEqualTo("versions: 1.1.1n-0+deb11u3");
      assertThat(f.severity()).isEqualTo(SeverityLevel.CRITICAL);
    });
  }

  @Test
  void aGitOnlyRangeWithoutVersionsIsUnknown() {
    Advisory advisory = advisory("OSV-git", MEDIUM,
        pkg("npm", "git-only", List.of(), new AffectedRange(RangeType.GIT,
            Optional.of("https://github.com/example/git-only"),
            List.of(introduced("0"), fixed("6f2b1c0d9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c")))));

    List<Finding> findings = match(List.of(advisory), component("pkg:npm/git-only@1.0.0"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.UNKNOWN);
      assertThat(f.reason()).contains("GIT")
          .isEqualTo("the advisory gives only a GIT commit range, which cannot be evaluated against a package version");
      assertThat(f.matched()).isEqualTo("GIT https://github.com/example/git-only");
    });
  }

  @Test
  void aGitRangeNextToAVersionsListIsNotUnknown() {
    Advisory advisory = advisory("OSV-git-versions", MEDIUM,
        pkg("npm", "git-and-versions", List.of("2.0.0"), new AffectedRange(RangeType.GIT,
            Optional.of("https://github.com/example/git-and-versions"), List.of(introduced("0")))));

    assertThat(match(List.of(advisory), component("pkg:npm/git-and-versions@1.0.0"))).isEmpty();
  }

  @Test
  void aWithdrawnAdvisoryNeverMatches() {
    AffectedPackage affected = pkg("npm", "lodash", List.of("4.17.20"), ecosystemRange(introduced("0")));
    Advisory withdrawn = new Advisory("GHSA-withdrawn", List.of(), "withdrawn", CRITICAL,
        Optional.empty(), Optional.empty(), Optional.of("2024-01-01T00:00:00Z"), List.of(affected));
    AdvisoryIndex index = AdvisoryIndex.of(List.of(withdrawn));

    assertThat(index.advisoryCount()).isZero();
    assertThat(new AdvisoryMatcher(index).match(component("pkg:npm/lodash@4.17.20"))).isEmpty();
  }

  @Test
  void aComponentWithoutVersionIsUnknown() {
    Advisory advisory = advisory("GHSA-noversion", MEDIUM,
        pkg("npm", "lodash", List.of(), ecosystemRange(introduced("0"), fixed("4.17.21"))));

    List<Finding> findings = match(List.of(advisory), component("pkg:npm/lodash"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.UNKNOWN);
      assertThat(f.reason()).isEqualTo("the component has no version");
      assertThat(f.version()).isEmpty();
    });
  }

  @Test
  void aVersionOutsideTheRangeGivesNoFinding() {
    Advisory advisory = advisory("GHSA-outside", CRITICAL,
        pkg("npm", "lodash", List.of("4.17.0"), ecosystemRange(introduced("4.0.0"), fixed("4.17.21"))));

    assertThat(match(List.of(advisory), component("pkg:npm/lodash@4.17.21"))).isEmpty();
    assertThat(match(List.of(advisory), component("pkg:npm/lodash@3.10.1"))).isEmpty();
  }

  @Test
  void anotherPackageOrEcosystemGivesNoFinding() {
    Advisory advisory = advisory("GHSA-other", CRITICAL,
        pkg("npm", "lodash", List.of(), ecosystemRange(introduced("0"))));

    assertThat(match(List.of(advisory), component("pkg:npm/underscore@1.0.0"))).isEmpty();
    assertThat(match(List.of(advisory), component("pkg:pypi/lodash@1.0.0"))).isEmpty();
    assertThat(match(List.of(advisory), component("pkg:generic/lodash@1.0.0"))).isEmpty();
  }

  @Test
  void anUnparseableNpmVersionIsUnknownWithTheReason() {
    Advisory advisory = advisory("GHSA-unparseable", CRITICAL,
        pkg("npm", "lodash", List.of(), ecosystemRange(introduced("0"), fixed("4.17.21"))));

    List<Finding> findings = match(List.of(advisory), component("pkg:npm/lodash@not-a-version"));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FindingStatus.UNKNOWN);
      assertThat(f.reason()).startsWith("component version 'not-a-version' is not valid for npm (node-semver): ");
      assertThat(f.matched()).isEqualTo("ECOSYSTEM introduced=0 fixed=4.17.21");
      assertThat(f.fixedVersion()).contains("4.17.21");
    });
  }

  @Test
  void anAffectingRangeWinsOverAnEarlierUndecidableOne() {
    Advisory advisory = advisory("GHSA-two-ranges", CRITICAL,
        pkg("npm", "lodash", List.of(),
            ecosystemRange(introduced("0"), fixed("bogus")),
            ecosystemRange(introduced("4.0.0"), fixed("4.17.21"))));

    assertThat(match(List.of(advisory), component("pkg:npm/lodash@4.17.20")))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
          assertThat(f.matched()).isEqualTo("ECOSYSTEM >=4.0.0, <4.17.21");
        });
  }

  @Test
  void findingsFollowTheOrderAdvisoriesWereGiven() {
    Advisory first = advisory("GHSA-b", MEDIUM, pkg("npm", "lodash", List.of("1.0.0")));
    Advisory second = advisory("GHSA-a", MEDIUM, pkg("npm", "lodash", List.of("1.0.0")));

    assertThat(match(List.of(first, second), component("pkg:npm/lodash@1.0.0")))
        .extracting(Finding::advisoryId)
        .containsExactly("GHSA-b", "GHSA-a");
  }

  private static List<Finding> match(List<Advisory> advisories, ComponentRef component) {
    return new AdvisoryMatcher(AdvisoryIndex.of(advisories)).match(component);
  }

  private static ComponentRef component(String purl) {
    return new ComponentRef(purl, Optional.empty());
  }

  private static Advisory advisory(String id, Severity severity, AffectedPackage... affected) {
    return new Advisory(id, List.of("CVE-" + id), "summary of " + id, severity,
        Optional.of("2021-12-10T00:00:00Z"), Optional.empty(), Optional.empty(), Arrays.asList(affected));
  }

  private static AffectedPackage pkg(String ecosystem, String name, List<String> versions, AffectedRange... ranges) {
    return new AffectedPackage(ecosystem, name, Optional.empty(), Arrays.asList(ranges), versions, Optional.empty());
  }

  private static AffectedRange ecosystemRange(RangeEvent... events) {
    return new AffectedRange(RangeType.ECOSYSTEM, Optional.empty(), Arrays.asList(events));
  }

  private static RangeEvent introduced(String version) {
    return new RangeEvent(RangeEventKind.INTRODUCED, version);
  }

  private static RangeEvent fixed(String version) {
    return new RangeEvent(RangeEventKind.FIXED, version);
  }
}
