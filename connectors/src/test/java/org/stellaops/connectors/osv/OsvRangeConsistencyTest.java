package org.stellaops.connectors.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stellaops.connectors.TestData;
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
 * OSV advisories agree with our version order: every version an advisory lists is inside its
 * own ECOSYSTEM/SEMVER ranges, and no {@code fixed} version is inside the range it closes. Checked
 * on the authored samples and on the real advisories; a version counts as checked only when its
 * scheme decides it, and only a named set of real versions may be refused.
 */
class OsvRangeConsistencyTest {
  /**
   * Listed versions that the upstream data gets wrong by the ecosystem's own reference order.
   * GHSA-f4qf-m5gf-8jm8: osv.dev enumerates tomcat-coyote 9.0.0.M1-M10 as affected, but the range
   * starts at 9.0.0-M11 and Maven's ComparableVersion (the reference) orders them below it.
   */
  private static final java.util.Set<String> KNOWN_DATA_ERRORS = java.util.Set.of(
      "GHSA-f4qf-m5gf-8jm8 org.apache.tomcat:tomcat-coyote");

  /**
   * Versions in the real advisories that their ecosystem's grammar rejects: pre-PEP 440 PyPI
   * strings (packaging refuses them too). Only these may be refused; a scheme may accept more.
   */
  private static final java.util.Set<String> KNOWN_UNPARSEABLE = java.util.Set.of(
      "PyPI 0.1-bulbasaur", "PyPI 0.1-charmander", "PyPI 0.2.0-n653", "PyPI 0.3.1-p1", "PyPI 0.4.0-p1",
      "PyPI 0.7.1.fix1", "PyPI 0.7.4.svn.r2010", "PyPI 0.9-doduo", "PyPI 0.9-eevee", "PyPI 0.9-fearow",
      "PyPI 0.9-gyarados", "PyPI 0.9-horsea", "PyPI 0.9-ivysaur", "PyPI 2.0.0-final", "PyPI 2.0.1rc2-git",
      "PyPI 2013-01-21T20:33:09+0100", "PyPI 2013-01-23T17:11:52+0100", "PyPI 2013-02-01T20:50:46+0100",
      "PyPI 2013-02-02T19:59:03+0100", "PyPI 2013-02-02T20:23:17+0100", "PyPI 2013-02-08T17:40:57+0000",
      "PyPI 2013-03-27T16:32:26+0100", "PyPI 2013-05-09T12:47:53+0200", "PyPI 2013-05-10T17:55:56+0200",
      "PyPI 2013-05-14T20:16:05+0200", "PyPI 2013-06-01T10:32:51+0200", "PyPI 2013-07-19T09:11:08+0000",
      "PyPI 2013-08-12T21:48:56+0200", "PyPI 2013-09-11T19-27-10", "PyPI 2013-12-23T17-51-15",
      "PyPI 2014-01-12T15-52-10", "PyPI 4.11-final", "PyPI 5.0-final", "PyPI a3");

  /** Fewest [listed versions, fixed events] each ecosystem must decide in the real advisories (counted at dee8b94). */
  private static final Map<String, int[]> REAL_MINIMUM_DECIDED = Map.ofEntries(
      Map.entry("AlmaLinux", new int[] {0, 2635}),
      Map.entry("Alpine", new int[] {0, 9}),
      Map.entry("Chainguard", new int[] {0, 7}),
      Map.entry("Debian", new int[] {69, 4}),
      Map.entry("Go", new int[] {0, 1006}),
      Map.entry("Maven", new int[] {23050, 611}),
      Map.entry("NuGet", new int[] {63, 4}),
      Map.entry("Packagist", new int[] {1071, 14}),
      Map.entry("PyPI", new int[] {31650, 1075}),
      Map.entry("Rocky Linux", new int[] {0, 5}),
      Map.entry("RubyGems", new int[] {199, 10}),
      Map.entry("SwiftURL", new int[] {0, 4}),
      Map.entry("Ubuntu", new int[] {325, 15}),
      Map.entry("Wolfi", new int[] {0, 4}),
      Map.entry("crates.io", new int[] {0, 327}),
      Map.entry("npm", new int[] {0, 4}));

  @Test
  void authoredSamplesAreConsistent() throws Exception {
    Consistency result = checkAll(TestData.sample("osv"));

    assertThat(result.unparseable).as("sample versions not valid in their ecosystem").isEmpty();
    assertThat(result.problems).as("inconsistencies in the samples").isEmpty();
    assertThat(result.decided.keySet()).containsExactly("AlmaLinux", "Debian", "Go", "Maven", "NuGet", "Packagist",
        "PyPI", "RubyGems", "SwiftURL", "crates.io", "npm");
    assertThat(result.decided.values()).allSatisfy(count -> assertThat(count[0] + count[1]).isPositive());
    assertThat(result.decided.get("Maven")).containsExactly(14, 2);
  }

  @Test
  void realAdvisoriesAreConsistent() throws Exception {
    Consistency result = checkAll(TestData.shared("osv"));

    // Strings the ecosystem's grammar rejects are explicit 'unparseable' results by design, not
    // inconsistencies; only the known ones may be refused, so a scheme that refuses more fails here.
    assertThat(result.unparseable.keySet()).as("versions refused by their ecosystem's scheme")
        .isSubsetOf(KNOWN_UNPARSEABLE);
    assertThat(result.unparseable.values()).allSatisfy(text -> assertThat(text).contains("is not valid for"));
    REAL_MINIMUM_DECIDED.forEach((ecosystem, minimum) -> assertThat(result.decided.get(ecosystem))
        .as("%s listed versions and fixed events decided", ecosystem)
        .satisfies(count -> {
          assertThat(count[0]).isGreaterThanOrEqualTo(minimum[0]);
          assertThat(count[1]).isGreaterThanOrEqualTo(minimum[1]);
        }));
    assertThat(result.problems).as("inconsistencies between listed versions, fixed events and ranges").isEmpty();
  }

  /** What checking a tree of OSV records found: decided checks per ecosystem, refused versions, inconsistencies. */
  private static final class Consistency {
    final TreeMap<String, int[]> decided = new TreeMap<>();
    final TreeMap<String, String> unparseable = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
  }

  private static Consistency checkAll(Path osv) throws Exception {
    OsvAdvisoryParser parser = new OsvAdvisoryParser();
    Consistency result = new Consistency();
    try (Stream<Path> files = Files.walk(osv)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Advisory advisory = parser.parse(file.toString(), Files.readAllBytes(file));
        for (AffectedPackage affected : advisory.affected()) {
          check(advisory.id(), affected, result);
        }
      }
    }
    System.out.println("range consistency checks decided by ecosystem [listed versions, fixed events] in " + osv + ": "
        + result.decided.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1]).toList());
    System.out.println(result.unparseable.size() + " distinct listed or fixed versions are not valid in their ecosystem: "
        + result.unparseable.keySet());
    return result;
  }

  private static void check(String id, AffectedPackage affected, Consistency result) {
    List<String> sink = KNOWN_DATA_ERRORS.contains(id + " " + affected.name()) ? new ArrayList<>() : result.problems;
    String ecosystem = affected.ecosystem().split(":")[0];
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
      for (RangeEvent event : range.events()) {
        if (event.kind() == RangeEventKind.FIXED) {
          RangeResult outcome = RangeEvaluator.evaluate(range, event.version(), scheme.get());
          if (outcome.outcome() == RangeResult.Outcome.UNDECIDABLE) {
            result.unparseable.put(ecosystem + " " + event.version(), id + " " + outcome.detail());
            continue;
          }
          result.decided.computeIfAbsent(ecosystem, k -> new int[2])[1]++;
          if (outcome.outcome() != RangeResult.Outcome.NOT_AFFECTED) {
            sink.add(id + " " + affected.name() + ": fixed version " + event.version() + " is " + outcome.outcome()
                + " " + outcome.detail());
          }
        }
      }
    }
    checkListed(id, affected, ecosystemScheme, sink, result);
  }

  /** Each listed version must be inside at least one evaluable range of its entry. */
  private static void checkListed(String id, AffectedPackage affected, Optional<VersionScheme> ecosystemScheme,
      List<String> sink, Consistency result) {
    List<AffectedRange> ranges = affected.ranges().stream().filter(r -> r.type() != RangeType.GIT).toList();
    if (ranges.isEmpty() || ecosystemScheme.isEmpty()) {
      return;
    }
    String ecosystem = affected.ecosystem().split(":")[0];
    for (String version : affected.versions()) {
      List<RangeResult> results = ranges.stream().map(r -> RangeEvaluator.evaluate(r, version, ecosystemScheme.get())).toList();
      Optional<RangeResult> undecidable = results.stream().filter(r -> r.outcome() == RangeResult.Outcome.UNDECIDABLE).findFirst();
      boolean affectedByOne = results.stream().anyMatch(r -> r.outcome() == RangeResult.Outcome.AFFECTED);
      if (!affectedByOne && undecidable.isPresent()) {
        result.unparseable.put(ecosystem + " " + version, id + " " + undecidable.get().detail());
        continue;
      }
      result.decided.computeIfAbsent(ecosystem, k -> new int[2])[0]++;
      if (!affectedByOne) {
        sink.add(id + " " + affected.name() + ": listed version " + version + " is in none of its ranges");
      }
    }
  }
}
