package org.stellaops.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CorpusSpecTest {

  @Test
  void rejectsNonPositiveImages() {
    assertThatThrownBy(() -> new CorpusSpec(0, 10, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("images must be positive, was 0");
  }

  @Test
  void rejectsNonPositiveComponentsPerImage() {
    assertThatThrownBy(() -> new CorpusSpec(1, -3, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("componentsPerImage must be positive, was -3");
  }

  @Test
  void rejectsNonPositiveAdvisories() {
    assertThatThrownBy(() -> new CorpusSpec(1, 10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("advisories must be positive, was 0");
  }

  @Test
  void rejectsMoreComponentsPerImageThanThePoolHolds() {
    int tooMany = CorpusSpec.PACKAGE_POOL_SIZE + 1;
    assertThatThrownBy(() -> new CorpusSpec(1, tooMany, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("componentsPerImage must be at most " + CorpusSpec.PACKAGE_POOL_SIZE
            + " (the package pool size), was " + tooMany);
  }

  @Test
  void acceptsAWholePoolPerImageAndCountsComponents() {
    CorpusSpec spec = new CorpusSpec(3, CorpusSpec.PACKAGE_POOL_SIZE, 1, -7);

    assertThat(spec.components()).isEqualTo(3L * CorpusSpec.PACKAGE_POOL_SIZE);
    assertThat(CorpusSpec.PACKAGE_POOL_SIZE).isEqualTo(PackagePool.size());
  }
}
