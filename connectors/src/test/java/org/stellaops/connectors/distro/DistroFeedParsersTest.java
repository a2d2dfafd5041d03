package org.stellaops.connectors.distro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.TestData;
import org.stellaops.connectors.feed.AdvisoryDocument;
import org.stellaops.connectors.feed.AdvisoryFeedParser;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.SeverityLevel;

/** Alpine, Wolfi and Chainguard secdb files and the Debian security tracker's JSON, read into advisories. */
class DistroFeedParsersTest {
  private final AdvisoryFeedParser parser = new AdvisoryFeedParser();

  private AdvisoryDocument read(String relative) throws Exception {
    Path file = TestData.shared("distro/" + relative);
    return parser.parse(file.toString(), Files.readAllBytes(file));
  }

  private static Advisory advisory(AdvisoryDocument document, String id) {
    return document.advisories().stream().filter(a -> a.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no advisory " + id));
  }

  private static List<RangeEvent> events(AffectedPackage p) {
    return p.ranges().get(0).events();
  }

  @Test
  void anAlpineSecdbGivesOneAdvisoryPerIdWithTheFixAsTheEndOfTheRange() throws Exception {
    AdvisoryDocument doc = read("alpine/alpine-secdb__v3.10__main.yaml");
    assertThat(doc.format()).isEqualTo(AdvisoryFeedParser.ALPINE_SECDB);
    assertThat(doc.advisories()).hasSizeGreaterThan(100);
    Advisory a = advisory(doc, "ALPINE-3.10-main-CVE-2019-10206");
    assertThat(a.aliases()).containsExactly("CVE-2019-10206");
    assertThat(a.affected()).singleElement().satisfies(p -> {
      assertThat(p.ecosystem()).isEqualTo("Alpine:v3.10");
      assertThat(p.name()).isEqualTo("ansible");
      assertThat(events(p)).containsExactly(new RangeEvent(RangeEventKind.INTRODUCED, "0"), new RangeEvent(RangeEventKind.FIXED, "2.8.4-r0"));
    });
    assertThat(read("alpine/vunnel__alpine-v3.15-main.trimmed.yaml").advisories())
        .allSatisfy(x -> assertThat(x.affected()).allSatisfy(p -> assertThat(p.ecosystem()).isEqualTo("Alpine:v3.15")));
  }

  @Test
  void wolfiAndChainguardAreToldApartByTheirUrlAndAZeroFixMeansNeverAffected() throws Exception {
    AdvisoryDocument wolfi = read("alpine/vunnel__wolfi__secdb-security.json");
    Advisory binutils = advisory(wolfi, "WOLFI-CVE-2022-38126");
    assertThat(binutils.affected()).singleElement().satisfies(p -> {
      assertThat(p.ecosystem()).isEqualTo("Wolfi");
      assertThat(events(p).get(1)).isEqualTo(new RangeEvent(RangeEventKind.FIXED, "2.39-r1"));
    });
    assertThat(wolfi.advisories()).as("secfixes \"0\": never affected")
        .noneMatch(a -> a.affected().stream().anyMatch(p -> events(p).stream().anyMatch(e -> e.version().equals("0") && e.kind() == RangeEventKind.FIXED)));
    assertThat(wolfi.advisories()).noneMatch(a -> a.id().equals("WOLFI-CVE-2016-2781"));
    AdvisoryDocument chainguard = read("alpine/vunnel__chainguard__secdb-security.json");
    assertThat(chainguard.advisories()).isNotEmpty().allSatisfy(a -> {
      assertThat(a.id()).startsWith("CHAINGUARD-");
      assertThat(a.affected()).allSatisfy(p -> assertThat(p.ecosystem()).isEqualTo("Chainguard"));
    });
  }

  @Test
  void theDebianTrackerGivesOneAdvisoryPerIssueWithAnEntryPerPackageAndRelease() throws Exception {
    AdvisoryDocument doc = read("debian/vunnel__debian.json");
    assertThat(doc.format()).isEqualTo(AdvisoryFeedParser.DEBIAN_TRACKER);
    Advisory prototype = advisory(doc, "DEBIAN-CVE-2008-7220");
    assertThat(prototype.aliases()).containsExactly("CVE-2008-7220");
    assertThat(prototype.summary()).startsWith("Unspecified vulnerability in Prototype JavaScript framework");
    assertThat(prototype.affected()).extracting(AffectedPackage::ecosystem).as("sid has no release number")
        .containsExactlyInAnyOrder("Debian:9", "Debian:8", "Debian:10");
    assertThat(prototype.affected()).allSatisfy(p -> {
      assertThat(p.name()).isEqualTo("prototypejs");
      assertThat(events(p).get(1)).isEqualTo(new RangeEvent(RangeEventKind.FIXED, "1.6.0.2-1"));
      assertThat(p.severity().orElseThrow().level()).isEqualTo(SeverityLevel.HIGH);
    });
    assertThat(doc.advisories()).as("fixed in 0 everywhere: never affected").noneMatch(a -> a.id().equals("DEBIAN-CVE-2007-2383"));
    Advisory chromium = advisory(doc, "DEBIAN-CVE-2022-0456");
    assertThat(chromium.affected()).filteredOn(p -> p.ecosystem().equals("Debian:10")).singleElement()
        .satisfies(p -> {
          assertThat(events(p)).as("open: affected, no fix").containsExactly(new RangeEvent(RangeEventKind.INTRODUCED, "0"));
          assertThat(p.severity()).as("end-of-life is no severity").isEmpty();
        });
  }

  @Test
  void malformedFeedsAreRefusedWithThePlaceAndTheReason() {
    String secdb = "{\"reponame\":\"os\",\"urlprefix\":\"https://example.com\",\"packages\":[{\"pkg\":{\"name\":\"x\","
        + "\"secfixes\":{\"1.0-r0\":[\"CVE-2024-1\"]}}}]}";
    assertThatThrownBy(() -> parser.parse("feed.json", secdb.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DocumentException.class).hasMessageContaining("feed.json")
        .hasMessageContaining("urlprefix must be Wolfi's or Chainguard's");
    String badFixes = "{\"distroversion\":\"v3.18\",\"packages\":[{\"pkg\":{\"name\":\"x\",\"secfixes\":{\"1.0-r0\":\"CVE-2024-1\"}}}]}";
    assertThatThrownBy(() -> parser.parse("secdb.json", badFixes.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DocumentException.class).hasMessageContaining("packages[0].pkg.secfixes.1.0-r0")
        .hasMessageContaining("expected a list of vulnerability ids");
    String tracker = "{\"curl\":{\"CVE-2024-1\":{\"releases\":{\"bookworm\":{\"status\":\"maybe\"}}}}}";
    assertThatThrownBy(() -> parser.parse("tracker.json", tracker.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DocumentException.class).hasMessageContaining("curl.CVE-2024-1.releases.bookworm.status")
        .hasMessageContaining("unknown status 'maybe'");
    assertThatThrownBy(() -> parser.parse("other.json", "{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DocumentException.class).hasMessageContaining("id");
  }

  @Test
  void anOsvRecordIsStillOneAdvisory() throws Exception {
    AdvisoryDocument doc = parser.parse("a.json", ("{\"id\":\"GHSA-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"x\"},"
        + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0.0\"}]}]}]}").getBytes(StandardCharsets.UTF_8));
    assertThat(doc.format()).isEqualTo("osv");
    assertThat(doc.advisories()).extracting(Advisory::id).containsExactly("GHSA-1");
    assertThat(doc.advisories().get(0).published()).isEqualTo(Optional.empty());
  }
}
