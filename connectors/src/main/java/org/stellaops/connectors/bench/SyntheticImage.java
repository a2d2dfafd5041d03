package org.stellaops.connectors.bench;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One synthetic container image: its identity, layers and the components to list in its SBOM. */
record SyntheticImage(
    int number,
    String digestHex,
    UUID serialNumber,
    Instant scannedAt,
    List<String> layerDigests,
    List<Component> components) {

  SyntheticImage {
    requireNonNull(digestHex, "digestHex is null");
    requireNonNull(serialNumber, "serialNumber is null");
    requireNonNull(scannedAt, "scannedAt is null");
    layerDigests = List.copyOf(requireNonNull(layerDigests, "layerDigests is null"));
    components = List.copyOf(requireNonNull(components, "components is null"));
  }

  /** The repository name, {@code registry.example/app-<number>}. */
  String repository() {
    return "registry.example/app-" + number;
  }

  /** The image's package-url, which carries its digest. */
  String purl() {
    return "pkg:oci/app-" + number + "@sha256%3A" + digestHex;
  }

  /** A package installed in the image at one release, found in one layer. */
  record Component(SyntheticPackage target, int versionIndex, String layerDigest, String sha256Hex) {
    Component {
      requireNonNull(target, "target is null");
      requireNonNull(layerDigest, "layerDigest is null");
      requireNonNull(sha256Hex, "sha256Hex is null");
    }
  }
}
