package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RubyGems, NuGet, Packagist and SwiftURL schemes on OSV version strings: the authored samples
 * (always) and the real fixtures (when present). Every string is valid, each advisory's
 * {@code versions} list ascends strictly, and the scheme is a total order on the whole set.
 */
class EcosystemFixtureVersionsTest {

  /** Fewest distinct versions in the real fixtures (counted at dee8b94: 10, 3, 606 and 5). */
  private static final Map<String, Integer> REAL_MINIMUM = Map.of("RubyGems", 10, "NuGet", 3, "Packagist", 600, "SwiftURL", 5);

  static Stream<Arguments> ecosystems() {
    return Stream.of(
        Arguments.of("RubyGems", new RubyGemsScheme()),
        Arguments.of("NuGet", new NuGetScheme()),
        Arguments.of("Packagist", new ComposerScheme()),
        Arguments.of("SwiftURL", new SwiftUrlScheme()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ecosystems")
  void sampleVersionsAreValidListedInAscendingOrderAndTotallyOrdered(String ecosystem, VersionScheme scheme) {
    List<String> versions = OsvFixtureVersions.samplesOf(ecosystem);

    assertThat(versions).as("authored %s sample versions", ecosystem).hasSizeGreaterThanOrEqualTo(5);
    assertAllValid(scheme, versions);
    for (Path file : OsvFixtureVersions.files(OsvFixtureVersions.samples(), "osv", ecosystem)) {
      for (List<String> listed : OsvFixtureVersions.versionLists(file)) {
        OrderingAssertions.assertStrictlyAscending(scheme, listed.toArray(String[]::new));
      }
    }
    assertTotalOrder(scheme, versions);
    assertPrereleasesBelowTheirRelease(scheme, versions);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ecosystems")
  void realFixtureVersionsAreValidAndTotallyOrdered(String ecosystem, VersionScheme scheme) {
    ExternalRequirement.fixtures(OsvFixtureVersions.sharedFixtures().isPresent(),
        "no shared fixtures (stella.shared.dir=" + System.getProperty("stella.shared.dir") + ")");
    List<String> versions = OsvFixtureVersions.of(ecosystem);

    assertThat(versions).as("distinct %s versions in the real fixtures", ecosystem)
        .hasSizeGreaterThanOrEqualTo(REAL_MINIMUM.get(ecosystem));
    assertAllValid(scheme, versions);
    assertTotalOrder(scheme, versions);
    assertPrereleasesBelowTheirRelease(scheme, versions);
  }

  private static void assertAllValid(VersionScheme scheme, List<String> versions) {
    List<String> rejected = new ArrayList<>();
    for (String version : versions) {
      try {
        scheme.validate(version);
      } catch (UnparseableVersionException e) {
        rejected.add(e.getMessage());
      }
    }
    System.out.printf("%s: %d of %d versions rejected %s%n", scheme.name(), rejected.size(), versions.size(), rejected);
    assertThat(rejected).isEmpty();
  }

  /**
   * Sorted with the scheme, every earlier version compares at most equal to every later one, in
   * both directions with opposite signs: what a consistent (antisymmetric, transitive) order gives.
   */
  private static void assertTotalOrder(VersionScheme scheme, List<String> versions) {
    List<String> sorted = new ArrayList<>(versions);
    sorted.sort(scheme::compare);
    List<String> broken = new ArrayList<>();
    for (int i = 0; i < sorted.size() && broken.size() < 20; i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        int forward = scheme.compare(sorted.get(i), sorted.get(j));
        int backward = scheme.compare(sorted.get(j), sorted.get(i));
        if (forward > 0 || Integer.signum(forward) != -Integer.signum(backward)) {
          broken.add(sorted.get(i) + " vs " + sorted.get(j) + ": " + forward + "/" + backward);
        }
      }
    }
    assertThat(broken).as("pairs that contradict the sorted order of %s", scheme.name()).isEmpty();
  }

  /** A version with a pre-release suffix ({@code 1.0.0-rc1}) is below the release it precedes. */
  private static void assertPrereleasesBelowTheirRelease(VersionScheme scheme, List<String> versions) {
    for (String version : versions) {
      int dash = version.indexOf('-');
      if (dash > 0 && !(scheme instanceof RubyGemsScheme)) {
        assertThat(scheme.compare(version, version.substring(0, dash))).as("%s below its release", version)
            .isNegative();
      }
    }
  }
}
