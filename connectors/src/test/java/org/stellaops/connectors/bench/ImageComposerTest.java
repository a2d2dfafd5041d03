package org.stellaops.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageComposerTest {

  @Test
  void anImageCanHoldTheWholePoolWithEveryPackageOnce() {
    PackagePool pool = PackagePool.create(3);
    SyntheticImage image = new ImageComposer(3, pool, CorpusSpec.PACKAGE_POOL_SIZE).compose(1);

    Set<String> purls = new HashSet<>();
    image.components().forEach(component -> purls.add(component.target().purl()));
    assertThat(purls).hasSize(CorpusSpec.PACKAGE_POOL_SIZE);
  }
}
