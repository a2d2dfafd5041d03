package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every real version string in the RubyGems, NuGet, Packagist and SwiftURL OSV fixtures is valid
 * in its scheme, and sorting them puts each pre-release below its release.
 */
class EcosystemFixtureVersionsTest {

  @Test
  void rubyGemsFixtureVersionsAreValid() {
    assertAllValidAndSortable(new RubyGemsScheme(), OsvFixtureVersions.of("RubyGems"));
  }

  @Test
  void nuGetFixtureVersionsAreValid() {
    assertAllValidAndSortable(new NuGetScheme(), OsvFixtureVersions.of("NuGet"));
  }

  @Test
  void packagistFixtureVersionsAreValidAndPrereleasesSortBelowReleases() {
    VersionScheme composer = new ComposerScheme();
    List<String> versions = OsvFixtureVersions.of("Packagist");
    assertAllValidAndSortable(composer, versions);
    for (String version : versions) {
      int dash = version.indexOf('-');
      if (dash > 0) {
        assertThat(composer.compare(version, version.substring(0, dash))).as("%s below its release", version)
            .isNegative();
      }
    }
  }

  @Test
  void swiftUrlFixtureVersionsAreValid() {
    assertAllValidAndSortable(new SwiftUrlScheme(), OsvFixtureVersions.of("SwiftURL"));
  }

  private static void assertAllValidAndSortable(VersionScheme scheme, List<String> versions) {
    List<String> rejected = new ArrayList<>();
    for (String version : versions) {
      try {
        scheme.validate(version);
      } catch (UnparseableVersionException e) {
        rejected.add(e.getMessage());
      }
    }
    System.out.printf("%s: %d of %d fixture versions rejected %s%n", scheme.name(), rejected.size(), versions.size(),
        rejected);
    assertThat(versions).as("fixture versions for %s", scheme.name()).isNotEmpty();
    assertThat(rejected).isEmpty();
    List<String> sorted = new ArrayList<>(versions);
    sorted.sort(scheme::compare);
    assertThat(sorted).hasSameSizeAs(versions);
  }
}
