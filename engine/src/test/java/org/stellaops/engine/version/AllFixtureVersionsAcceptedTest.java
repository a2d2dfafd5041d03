package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every version string of every real OSV record in {@code ../shared/fixtures/osv} is accepted by
 * the comparer of its ecosystem (or, in a {@code SEMVER} range, by the SemVer reading the matcher
 * uses), because a refused version turns a finding into {@code unknown}. Records of ecosystems
 * without a comparer ({@code OSS-Fuzz}, {@code GIT}) and {@code GIT} ranges (commit hashes) are
 * outside this check; the few strings no ecosystem tool orders are named in {@link #EXCLUDED}.
 */
class AllFixtureVersionsAcceptedTest {

  /**
   * Strings the ecosystem's own tooling refuses too, so refusing them is right. Key: the version;
   * value: why.
   */
  private static final Map<String, String> EXCLUDED = Map.of();

  @Test
  void everyFixtureVersionIsAcceptedByItsEcosystemComparer() {
    Path osv = OsvFixtureRecordVersions.osvDirectory();
    ExternalRequirement.fixtures(osv != null, "../shared/fixtures/osv (system property stella.shared.dir)");
    List<OsvFixtureRecordVersions.Occurrence> occurrences = OsvFixtureRecordVersions.all(osv);

    List<String> refused = new ArrayList<>();
    Map<String, Integer> checkedByEcosystem = new TreeMap<>();
    for (OsvFixtureRecordVersions.Occurrence occurrence : occurrences) {
      Optional<VersionScheme> scheme = schemeFor(occurrence);
      if (scheme.isEmpty() || EXCLUDED.containsKey(occurrence.version())) {
        continue;
      }
      checkedByEcosystem.merge(occurrence.ecosystem().split(":", 2)[0], 1, Integer::sum);
      try {
        scheme.get().validate(occurrence.version());
      } catch (UnparseableVersionException e) {
        refused.add(occurrence.describe() + ": " + e.getMessage());
      }
    }

    System.out.println("fixture versions checked per ecosystem: " + checkedByEcosystem);
    refused.forEach(line -> System.out.println("  refused " + line));
    assertThat(checkedByEcosystem.values().stream().mapToInt(Integer::intValue).sum())
        .as("version strings found in the OSV fixtures").isGreaterThan(50_000);
    assertThat(checkedByEcosystem).containsKeys("Maven", "PyPI", "Packagist", "RubyGems", "NuGet", "npm",
        "Go", "crates.io", "Debian", "Alpine", "AlmaLinux");
    assertThat(refused).as("fixture versions refused by their ecosystem's comparer").isEmpty();
  }

  /** The scheme the matcher would use: SEMVER ranges read as SemVer, GIT ranges never compared. */
  private static Optional<VersionScheme> schemeFor(OsvFixtureRecordVersions.Occurrence occurrence) {
    Optional<VersionScheme> ecosystem = VersionSchemes.forEcosystem(occurrence.ecosystem());
    return switch (occurrence.rangeType()) {
      case "GIT" -> Optional.empty();
      case "SEMVER" -> ecosystem.filter(s -> s instanceof SemVerScheme || s instanceof GoScheme)
          .or(VersionSchemes::semver);
      default -> ecosystem;
    };
  }
}
