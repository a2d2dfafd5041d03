package org.stellaops.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.stellaops.schemas.verdict.NotEvaluatedReason;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;

/** A distro package is matched only against advisories for its own release. */
class DistroReleaseMatchingTest {

  private static Advisory debian(String id, String release, String version) {
    AffectedPackage affected = new AffectedPackage("Debian:" + release, "openssl", Optional.empty(),
        List.of(new AffectedRange(RangeType.ECOSYSTEM, Optional.empty(),
            List.of(new RangeEvent(RangeEventKind.INTRODUCED, "0"), new RangeEvent(RangeEventKind.FIXED, "9.9")))),
        List.of(version), Optional.empty());
    return new Advisory(id, List.of(), "", Severity.unknown(), Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(affected));
  }

  @Test
  void advisoriesForOtherReleasesAreNotConsidered() {
    AdvisoryMatcher matcher = new AdvisoryMatcher(AdvisoryIndex.of(List.of(
        debian("DSA-11", "11", "1.1.1n-0+deb11u3"), debian("DSA-12", "12", "1.1.1n-0+deb11u3"))));
    var findings = matcher.match(new ComponentRef("pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?distro=debian-11", Optional.empty()));
    assertThat(findings).extracting(f -> f.advisoryId()).containsExactly("DSA-11");
  }

  @Test
  void aPackageWithoutADistroReleaseIsNotMatchedButCounted() {
    AdvisoryMatcher matcher = new AdvisoryMatcher(AdvisoryIndex.of(List.of(
        debian("DSA-11", "11", "1.0-1"), debian("DSA-12", "12", "1.0-1"))));
    var assessment = matcher.assess(new ComponentRef("pkg:deb/debian/openssl@1.0-1", Optional.empty()), Optional.empty());
    assertThat(assessment.findings()).as("release-specific fixes of other releases are never reported").isEmpty();
    assertThat(assessment.notEvaluated()).contains(NotEvaluatedReason.NO_DISTRO_RELEASE);
  }

  @Test
  void theSbomsOperatingSystemGivesTheReleaseWhenThePurlHasNone() {
    AdvisoryMatcher matcher = new AdvisoryMatcher(AdvisoryIndex.of(List.of(
        debian("DSA-11", "11", "1.0-1"), debian("DSA-12", "12", "1.0-1"))));
    ComponentRef os = new ComponentRef(Optional.empty(), "debian", "operating-system", Optional.of("12.5"), Optional.empty(),
        Optional.empty());
    var assessment = matcher.assess(new ComponentRef("pkg:deb/debian/openssl@1.0-1", Optional.empty()), Optional.of(os));
    assertThat(assessment.findings()).extracting(f -> f.advisoryId()).containsExactly("DSA-12");
    assertThat(assessment.notEvaluated()).isEmpty();
    ComponentRef alpine = new ComponentRef(Optional.empty(), "alpine", "operating-system", Optional.of("3.20.1"),
        Optional.empty(), Optional.empty());
    assertThat(matcher.assess(new ComponentRef("pkg:deb/debian/openssl@1.0-1", Optional.empty()), Optional.of(alpine))
        .notEvaluated()).as("another distribution's release says nothing about Debian").contains(NotEvaluatedReason.NO_DISTRO_RELEASE);
  }
}
