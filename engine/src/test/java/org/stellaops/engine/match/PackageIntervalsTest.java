package org.stellaops.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * The interval path must decide exactly what evaluating every candidate entry decides: same
 * findings, same order, same reasons, same not-evaluated reason, on generated packages with
 * overlapping ranges, listed versions, open ends, limits, invalid bounds and invalid component
 * versions, in ecosystems with different orders.
 */
class PackageIntervalsTest {

  private static final Severity HIGH = new Severity(SeverityLevel.HIGH, Optional.of(7.5), Optional.empty());

  /** Per ecosystem: purl type, package name, and versions in or out of the scheme (some invalid). */
  private record Shape(String ecosystem, String purlType, String name, String purlName, List<String> versions) {}

  private static final List<Shape> SHAPES = List.of(
      new Shape("npm", "npm", "left-pad", "left-pad", List.of("0.1.0", "1.0.0", "1.0.1", "1.2.0-beta.1", "1.2.0", "1.10.0",
          "2.0.0-rc.1", "2.0.0", "2.0.1", "3.0.0", "v2.0.0", "not-a-version", "10.0.0")),
      new Shape("PyPI", "pypi", "requests", "requests", List.of("0.9", "1.0", "1.0.post1", "1.0a1", "1.1", "2.0.0", "2.0", "2.1rc1",
          "2.1", "2.31.0", "3!1.0", "junk version", "1.0.dev3")),
      new Shape("Maven", "maven", "org.example:lib", "org.example/lib", List.of("1.0", "1.0-SNAPSHOT", "1.0-alpha-1", "1.0.1",
          "1.1", "1.10", "2.0", "2.0-beta9", "2.15.0", "2.14.1", "2.0.RELEASE", "1-sp1")),
      new Shape("Debian:12", "deb", "openssl", "debian/openssl", List.of("1.1.1n-0+deb11u4", "3.0.9-1", "3.0.11-1~deb12u1",
          "3.0.11-1~deb12u2", "3.0.13-1~deb12u1", "1:3.0.0-1", "3.0.9", "3.1.0-1", "??bad")));

  @Property(tries = 300)
  void intervalsDecideExactlyWhatEveryEntryDecides(@ForAll long seed) {
    Random random = new Random(seed);
    Shape shape = SHAPES.get(random.nextInt(SHAPES.size()));
    List<Advisory> advisories = new ArrayList<>();
    int count = 1 + random.nextInt(40);
    for (int a = 0; a < count; a++) {
      advisories.add(advisory(shape, random, a));
    }
    AdvisoryIndex index = AdvisoryIndex.of(advisories);
    AdvisoryMatcher fast = new AdvisoryMatcher(index);
    AdvisoryMatcher reference = AdvisoryMatcher.withoutIntervals(index);
    // Twice over the versions: the second pass reads slots filled by the first.
    for (int pass = 0; pass < 2; pass++) {
      for (String version : shape.versions()) {
        ComponentRef component = component(shape, version);
        Optional<ComponentRef> os = shape.ecosystem().startsWith("Debian")
            ? Optional.of(new ComponentRef(Optional.empty(), "debian", "operating-system", Optional.of("12"), Optional.empty(), Optional.empty()))
            : Optional.empty();
        assertThat(fast.assess(component, os)).as("%s %s seed %d", shape.ecosystem(), version, seed)
            .isEqualTo(reference.assess(component, os));
      }
    }
  }

  @Test
  void aPackageWithManyRangesHasOneBoundaryPerDistinctVersion() {
    Shape npm = SHAPES.get(0);
    List<Advisory> advisories = List.of(
        advisory("A-1", pkg(npm, List.of(range(RangeType.SEMVER, ev(RangeEventKind.INTRODUCED, "1.0.0"), ev(RangeEventKind.FIXED, "2.0.0"))), List.of())),
        advisory("A-2", pkg(npm, List.of(range(RangeType.SEMVER, ev(RangeEventKind.INTRODUCED, "0"), ev(RangeEventKind.FIXED, "1.0.0"))),
            List.of("2.0.0", "v2.0.0"))));
    AdvisoryIndex index = AdvisoryIndex.of(advisories);

    assertThat(index.intervals("npm", "left-pad").boundaryCount()).isEqualTo(2);
    AdvisoryMatcher matcher = new AdvisoryMatcher(index);
    assertThat(matcher.match(component(npm, "1.5.0"))).extracting(f -> f.advisoryId()).containsExactly("A-1");
    assertThat(matcher.match(component(npm, "2.0.0"))).extracting(f -> f.advisoryId()).containsExactly("A-2");
    assertThat(matcher.match(component(npm, "0.1.0"))).extracting(f -> f.advisoryId()).containsExactly("A-2");
    assertThat(matcher.match(component(npm, "3.0.0"))).isEmpty();
  }

  private static Advisory advisory(Shape shape, Random random, int n) {
    List<AffectedRange> ranges = new ArrayList<>();
    int rangeCount = random.nextInt(3);
    for (int r = 0; r < rangeCount; r++) {
      RangeType type = random.nextInt(4) == 0 ? RangeType.SEMVER : RangeType.ECOSYSTEM;
      if (random.nextInt(15) == 0) {
        ranges.add(new AffectedRange(RangeType.GIT, Optional.of("https://example.org/repo.git"),
            List.of(ev(RangeEventKind.INTRODUCED, "0"), ev(RangeEventKind.FIXED, "abc123"))));
        continue;
      }
      List<RangeEvent> events = new ArrayList<>();
      events.add(random.nextInt(3) == 0 ? ev(RangeEventKind.INTRODUCED, "0") : ev(RangeEventKind.INTRODUCED, pick(shape, random)));
      int more = random.nextInt(4);
      for (int e = 0; e < more; e++) {
        RangeEventKind kind = switch (random.nextInt(5)) {
          case 0 -> RangeEventKind.LAST_AFFECTED;
          case 1 -> RangeEventKind.INTRODUCED;
          case 2 -> RangeEventKind.LIMIT;
          default -> RangeEventKind.FIXED;
        };
        events.add(ev(kind, kind == RangeEventKind.LIMIT && random.nextBoolean() ? "*" : pick(shape, random)));
      }
      ranges.add(range(type, events.toArray(RangeEvent[]::new)));
    }
    List<String> listed = new ArrayList<>();
    int listedCount = ranges.isEmpty() ? 1 + random.nextInt(3) : random.nextInt(2);
    for (int v = 0; v < listedCount; v++) {
      listed.add(pick(shape, random));
    }
    return advisory("GEN-" + n, pkg(shape, ranges, listed));
  }

  private static String pick(Shape shape, Random random) {
    return shape.versions().get(random.nextInt(shape.versions().size()));
  }

  private static Advisory advisory(String id, AffectedPackage affected) {
    return new Advisory(id, List.of(), "", HIGH, Optional.empty(), Optional.empty(), Optional.empty(), List.of(affected));
  }

  private static AffectedPackage pkg(Shape shape, List<AffectedRange> ranges, List<String> listed) {
    return new AffectedPackage(shape.ecosystem(), shape.name(), Optional.empty(), ranges, listed, Optional.empty());
  }

  private static AffectedRange range(RangeType type, RangeEvent... events) {
    return new AffectedRange(type, Optional.empty(), List.of(events));
  }

  private static RangeEvent ev(RangeEventKind kind, String version) {
    return new RangeEvent(kind, version);
  }

  private static ComponentRef component(Shape shape, String version) {
    String purl = "pkg:" + shape.purlType() + "/" + shape.purlName() + "@" + version.replace(" ", "%20").replace("?", "%3F");
    return new ComponentRef(purl, Optional.empty());
  }
}
