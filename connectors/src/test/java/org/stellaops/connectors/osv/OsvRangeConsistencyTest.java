package org.stellaops.connectors.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stellaops.engine.match.RangeEvaluator;
import org.stellaops.engine.match.RangeResult;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;

/**
 * The real advisories agree with our version order: every version an advisory lists is inside
 * its own ECOSYSTEM/SEMVER ranges, and no {@code fixed} version is inside the range it closes.
 */
class OsvRangeConsistencyTest {
  /**
   * Listed versions that the upstream data gets wrong by the ecosystem's own reference order.
   * GHSA-f4qf-m5gf-8jm8: osv.dev enumerates tomcat-coyote 9.0.0.M1-M10 as affected, but the range
   * starts at 9.0.0-M11 and Maven's ComparableVersion (the reference) orders them below it.
   */
  private static final java.util.Set<String> KNOWN_DATA_ERRORS = java.util.Set.of(
      "GHSA-f4qf-m5gf-8jm8 org.apache.tomcat:tomcat-coyote");

  @Test
  void listedVersionsAreInsideTheirRangesAndFixedVersionsAreNot() throws Exception {
    Path osv = Path.of(System.getProperty("stella.shared.dir", "../shared"), "fixtures", "osv");
    assumeTrue(Files.isDirectory(osv), "real OSV fixtures not found at " + osv.toAbsolutePath() + "; skipping");
    OsvAdvisoryParser parser = new OsvAdvisoryParser();
    List<String> problems = new ArrayList<>();
    TreeMap<String, int[]> checkedByEcosystem = new TreeMap<>();
    List<String> invalid = new ArrayList<>();
    try (Stream<Path> files = Files.walk(osv)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Advisory advisory = parser.parse(file.toString(), Files.readAllBytes(file));
        for (AffectedPackage affected : advisory.affected()) {
          check(advisory.id(), affected, problems, invalid, checkedByEcosystem);
        }
      }
    }
    System.out.println("range consistency checks by ecosystem [listed versions, fixed events]: "
        + checkedByEcosystem.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1]).toList());
    // Strings the ecosystem's grammar rejects (PyPI legacy versions such as 0.9-eevee; packaging
    // rejects them too) are explicit 'unparseable' results by design, not inconsistencies.
    System.out.println(invalid.size() + " listed or fixed versions are not valid in their ecosystem: " + invalid);
    assertThat(invalid).allSatisfy(text -> assertThat(text).contains("is not valid for"));
    assertThat(checkedByEcosystem.values().stream().mapToInt(c -> c[0]).sum()).isGreaterThan(10_000);
    assertThat(problems).as("inconsistencies between listed versions, fixed events and ranges").isEmpty();
  }

  private static void check(String id, AffectedPackage affected, List<String> problems, List<String> invalid,
      TreeMap<String, int[]> counts) {
    List<String> sink = KNOWN_DATA_ERRORS.contains(id + " " + affected.name()) ? new ArrayList<>() : problems;
    Optional<VersionScheme> ecosystemScheme = VersionSchemes.forEcosystem(affected.ecosystem());
    for (AffectedRange range : affected.ranges()) {
      if (range.type() == RangeType.GIT) {
        continue;
      }
      Optional<VersionScheme> scheme = range.type() == RangeType.SEMVER
          ? ecosystemScheme.or(VersionSchemes::semver) : ecosystemScheme;
      if (scheme.isEmpty()) {
        continue;
      }
      int[] count = counts.computeIfAbsent(affected.ecosystem().split(":")[0], k -> new int[2]);
      for (RangeEvent event : range.events()) {
        if (event.kind() == RangeEventKind.FIXED) {
          count[1]++;
          RangeResult result = RangeEvaluator.evaluate(range, event.version(), scheme.get());
          if (result.outcome() == RangeResult.Outcome.UNDECIDABLE) {
            invalid.add(id + " " + result.detail());
          } else if (result.outcome() != RangeResult.Outcome.NOT_AFFECTED) {
            sink.add(id + " " + affected.name() + ": fixed version " + event.version() + " is " + result.outcome() + " " + result.detail());
          }
        }
      }
    }
    checkListed(id, affected, ecosystemScheme, sink, invalid, counts);
  }

  /** Each listed version must be inside at least one evaluable range of its entry. */
  private static void checkListed(String id, AffectedPackage affected, Optional<VersionScheme> ecosystemScheme,
      List<String> sink, List<String> invalid, TreeMap<String, int[]> counts) {
    List<AffectedRange> ranges = affected.ranges().stream().filter(r -> r.type() != RangeType.GIT).toList();
    if (ranges.isEmpty() || ecosystemScheme.isEmpty()) {
      return;
    }
    int[] count = counts.computeIfAbsent(affected.ecosystem().split(":")[0], k -> new int[2]);
    for (String version : affected.versions()) {
      count[0]++;
      List<RangeResult> results = ranges.stream().map(r -> RangeEvaluator.evaluate(r, version, ecosystemScheme.get())).toList();
      if (results.stream().anyMatch(r -> r.outcome() == RangeResult.Outcome.AFFECTED)) {
        continue;
      }
      Optional<RangeResult> undecidable = results.stream().filter(r -> r.outcome() == RangeResult.Outcome.UNDECIDABLE).findFirst();
      if (undecidable.isPresent()) {
        invalid.add(id + " " + undecidable.get().detail());
      } else {
        sink.add(id + " " + affected.name() + ": listed version " + version + " is in none of its ranges");
      }
    }
  }
}
