package org.stellaops.connectors.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stellaops.connectors.TestData;
import org.stellaops.connectors.DocumentException;
import org.stellaops.schemas.sbom.Component;
import org.stellaops.schemas.sbom.Sbom;

/** The real SBOMs under {@code <stella.shared.dir>/fixtures/sboms}; tests that need them skip when absent ({@link TestData}). */
final class SbomFixtures {
  private SbomFixtures() {}

  static Path root() {
    return TestData.shared("sboms");
  }

  static byte[] bytes(String file) throws IOException {
    return Files.readAllBytes(root().resolve(file));
  }

  static Sbom read(String file) throws IOException, DocumentException {
    return new SbomReader().read(file, bytes(file));
  }

  /** The only component with this name and version. */
  static Component component(Sbom sbom, String name, String version) {
    List<Component> found = sbom.components().stream()
        .filter(c -> c.name().equals(name) && c.version().orElse("").equals(version))
        .toList();
    assertThat(found).as("components named %s %s", name, version).hasSize(1);
    return found.get(0);
  }

  static List<String> purls(Sbom sbom) {
    return sbom.components().stream().map(c -> c.purl().orElse("(no purl) " + c.name())).toList();
  }
}
