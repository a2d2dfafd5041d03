package org.stellaops.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.packageurl.PackageURL;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackagePoolTest {
  private static final PackagePool POOL = PackagePool.create(42);

  @Test
  void historiesAreValidAndStrictlyAscendingInTheirEcosystemsOrder() {
    for (SyntheticEcosystem ecosystem : SyntheticEcosystem.values()) {
      Comparator<String> order = VersionOrders.order(ecosystem);
      for (int rank = 0; rank < PackagePool.PACKAGES_PER_ECOSYSTEM; rank++) {
        List<String> versions = POOL.packageAt(ecosystem, rank).versions();
        assertThat(versions).hasSizeGreaterThanOrEqualTo(5)
            .allSatisfy(version -> assertThat(version).matches(VersionOrders.grammar(ecosystem)));
        for (int i = 1; i < versions.size(); i++) {
          assertThat(order.compare(versions.get(i - 1), versions.get(i)))
              .as(ecosystem + " " + versions).isNegative();
        }
      }
    }
  }

  @Test
  void historiesUseTheOccasionalPreAndPostRelease() {
    assertThat(someVersionMatches(SyntheticEcosystem.NPM, "\\d+\\.\\d+\\.0-(alpha|beta|rc)\\.\\d+")).isTrue();
    assertThat(someVersionMatches(SyntheticEcosystem.GO, "\\d+\\.\\d+\\.0-(alpha|beta|rc)\\.\\d+")).isTrue();
    assertThat(someVersionMatches(SyntheticEcosystem.PYPI, ".*rc\\d+")).isTrue();
    assertThat(someVersionMatches(SyntheticEcosystem.PYPI, ".*\\.post1")).isTrue();
    assertThat(someVersionMatches(SyntheticEcosystem.MAVEN, "\\d+\\.\\d+-beta-\\d+")).isTrue();
    assertThat(someVersionMatches(SyntheticEcosystem.MAVEN, ".*\\.Final")).isTrue();
  }

  private static boolean someVersionMatches(SyntheticEcosystem ecosystem, String pattern) {
    for (int rank = 0; rank < PackagePool.PACKAGES_PER_ECOSYSTEM; rank++) {
      if (POOL.packageAt(ecosystem, rank).versions().stream().anyMatch(version -> version.matches(pattern))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void namesAreUniqueAndPurlsAreCanonical() throws Exception {
    for (SyntheticEcosystem ecosystem : SyntheticEcosystem.values()) {
      Set<String> names = new HashSet<>();
      for (int rank = 0; rank < PackagePool.PACKAGES_PER_ECOSYSTEM; rank++) {
        SyntheticPackage target = POOL.packageAt(ecosystem, rank);
        assertThat(names.add(target.osvName())).as(target.osvName()).isTrue();
        String purl = target.purl(target.versions().size() - 1);
        assertThat(new PackageURL(purl).canonicalize()).isEqualTo(purl);
        assertThat(new PackageURL(target.purl()).getType()).isEqualTo(ecosystem.purlType());
      }
    }
  }

  @Test
  void thePoolDependsOnTheSeedOnly() {
    PackagePool same = PackagePool.create(42);
    PackagePool other = PackagePool.create(43);

    assertThat(same.packageAt(SyntheticEcosystem.MAVEN, 17)).isEqualTo(POOL.packageAt(SyntheticEcosystem.MAVEN, 17));
    assertThat(other.packageAt(SyntheticEcosystem.MAVEN, 17)).isNotEqualTo(POOL.packageAt(SyntheticEcosystem.MAVEN, 17));
  }
}
