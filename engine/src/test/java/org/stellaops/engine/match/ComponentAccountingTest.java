package org.stellaops.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.engine.policy.DefaultPolicy;
import org.stellaops.engine.verdict.VerdictEvaluator;
import org.stellaops.engine.verdict.VerdictJson;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.NotEvaluated;
import org.stellaops.schemas.verdict.NotEvaluatedReason;
import org.stellaops.schemas.verdict.Verdict;

/** Every component of an image is either evaluated or counted with its reason; Debian matches by source package. */
class ComponentAccountingTest {

  private static Advisory osv(String id, String ecosystem, String name, String fixed) {
    AffectedPackage affected = new AffectedPackage(ecosystem, name, Optional.empty(),
        List.of(new AffectedRange(RangeType.ECOSYSTEM, Optional.empty(),
            List.of(new RangeEvent(RangeEventKind.INTRODUCED, "0"), new RangeEvent(RangeEventKind.FIXED, fixed)))),
        List.of(), Optional.empty());
    return new Advisory(id, List.of(), "", new Severity(SeverityLevel.HIGH, Optional.empty(), Optional.empty()),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(affected));
  }

  private static ComponentRef component(String purl, String name, String type, Optional<String> source) {
    return new ComponentRef(Optional.ofNullable(purl), name, type, Optional.empty(), Optional.empty(), source);
  }

  private static final AdvisoryMatcher MATCHER = new AdvisoryMatcher(AdvisoryIndex.of(List.of(
      osv("DSA-5532-1", "Debian:12", "openssl", "3.0.11-1~deb12u2"),
      osv("GHSA-npm", "npm", "lodash", "4.17.21"))));

  @Test
  void debianBinaryPackagesMatchTheirSourcePackage() {
    ComponentRef fromUpstreamQualifier = component("pkg:deb/debian/libssl3@3.0.9-1?arch=amd64&distro=debian-12&upstream=openssl",
        "libssl3", "library", Optional.empty());
    ComponentRef fromTrivyProperties = component("pkg:deb/debian/libssl3@3.0.9-1?arch=amd64&distro=debian-12", "libssl3",
        "library", Optional.of("openssl@3.0.9-1"));
    ComponentRef sourceVersionDiffers = component("pkg:deb/debian/libssl3@3.0.9-1%2Bb1?distro=debian-12&upstream=openssl%403.0.9-1",
        "libssl3", "library", Optional.empty());
    for (ComponentRef component : List.of(fromUpstreamQualifier, fromTrivyProperties, sourceVersionDiffers)) {
      var assessment = MATCHER.assess(component, Optional.empty());
      assertThat(assessment.findings()).as(component.toString()).singleElement().satisfies(f -> {
        assertThat(f.advisoryId()).isEqualTo("DSA-5532-1");
        assertThat(f.packageName()).isEqualTo("openssl");
        assertThat(f.version()).isEqualTo("3.0.9-1");
        assertThat(f.purl()).startsWith("pkg:deb/debian/libssl3@");
        assertThat(f.reason()).endsWith("(source package openssl 3.0.9-1)");
      });
    }
    ComponentRef noSourceData = component("pkg:deb/debian/libssl3@3.0.9-1?distro=debian-12", "libssl3", "library",
        Optional.empty());
    assertThat(MATCHER.assess(noSourceData, Optional.empty()).findings())
        .as("documented fallback: the binary name, which names no advisory here").isEmpty();
    ComponentRef fixedSource = component("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12&upstream=openssl",
        "libssl3", "library", Optional.empty());
    assertThat(MATCHER.assess(fixedSource, Optional.empty()).findings()).isEmpty();
  }

  @Test
  void componentsThatCannotBeEvaluatedAreCountedByReason() {
    List<ComponentRef> components = new ArrayList<>(List.of(
        component(null, "busybox-static", "application", Optional.empty()),
        component(null, "debian", "operating-system", Optional.empty()),
        component("not a purl", "broken", "library", Optional.empty()),
        component("pkg:generic/openssl@3.0.0", "openssl", "library", Optional.empty()),
        component("pkg:deb/debian/zlib1g@1.2.13?arch=amd64", "zlib1g", "library", Optional.empty()),
        component("pkg:npm/lodash", "lodash", "library", Optional.empty()),
        component("pkg:npm/lodash@not.a.version", "lodash", "library", Optional.empty()),
        component("pkg:npm/lodash@4.17.20", "lodash", "library", Optional.empty())));
    for (int i = 0; i < 7; i++) {
      components.add(component(null, "file-" + i, "file", Optional.empty()));
    }

    Verdict verdict = new VerdictEvaluator(MATCHER, new DefaultPolicy(), 1)
        .evaluate("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), components).verdict();

    assertThat(verdict.notEvaluated()).extracting(NotEvaluated::reason, NotEvaluated::count).containsExactly(
        org.assertj.core.groups.Tuple.tuple(NotEvaluatedReason.NO_PURL, 8),
        org.assertj.core.groups.Tuple.tuple(NotEvaluatedReason.MALFORMED_PURL, 1),
        org.assertj.core.groups.Tuple.tuple(NotEvaluatedReason.UNKNOWN_PURL_TYPE, 1),
        org.assertj.core.groups.Tuple.tuple(NotEvaluatedReason.NO_VERSION, 1),
        org.assertj.core.groups.Tuple.tuple(NotEvaluatedReason.UNSUPPORTED_VERSION, 1),
        org.assertj.core.groups.Tuple.tuple(NotEvaluatedReason.NO_DISTRO_RELEASE, 1),
        org.assertj.core.groups.Tuple.tuple(NotEvaluatedReason.OPERATING_SYSTEM, 1));
    assertThat(verdict.notEvaluated().get(0).examples()).as("sorted, at most five")
        .containsExactly("busybox-static", "file-0", "file-1", "file-2", "file-3");
    assertThat(verdict.findings()).filteredOn(f -> f.status().label().equals("affected"))
        .extracting(f -> f.purl()).containsExactly("pkg:npm/lodash@4.17.20");

    String body = VerdictJson.canonical(VerdictJson.body(verdict.imageDigest(), verdict.decision(), verdict.rule(),
        verdict.findings(), verdict.affectedBySeverity(), verdict.notEvaluated(), verdict.manifest()));
    Verdict read = VerdictJson.read(body, verdict.verdictDigest(), 1);
    assertThat(read.notEvaluated()).isEqualTo(verdict.notEvaluated());
    assertThat(body).contains("\"reason\":\"unknown-purl-type\"");
  }
}
