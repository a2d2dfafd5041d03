package org.stellaops.connectors.sbom;

import java.util.List;
import java.util.Objects;

/**
 * A CycloneDX document cut down to the fields we read, for the library to parse, with the name of
 * every inventory component in document order ({@code ""} when it has none) to check the parse
 * against. Only ever built by the pruners; never compared.
 */
record PrunedBom(byte[] bytes, String specVersion, List<String> componentNames) {
  PrunedBom {
    Objects.requireNonNull(bytes, "bytes is null");
    Objects.requireNonNull(specVersion, "specVersion is null");
    componentNames = List.copyOf(componentNames);
  }
}
