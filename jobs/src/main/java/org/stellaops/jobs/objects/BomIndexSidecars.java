package org.stellaops.jobs.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.stellaops.engine.bomindex.BomIndex;
import org.stellaops.engine.bomindex.BomIndexWriter;
import org.stellaops.connectors.store.SbomStore;

/**
 * Writes each image's BOM-Index sidecar ({@code docs/formats/bom-index.md}) to the object store at
 * {@code indexes/<imageDigest>/bom-index.bin}, from its SBOM's stored components. The bytes depend
 * only on the SBOM, so writing again (a retried step, a re-ingest) writes the same file.
 */
@Component
public class BomIndexSidecars {
  private final SbomStore sboms;
  private final ObjectStore objects;

  public BomIndexSidecars(SbomStore sboms, ObjectStore objects) {
    this.sboms = sboms;
    this.objects = objects;
  }

  /** Writes the sidecars of images (image digest → SHA-256 of their current SBOM). */
  public void write(Map<String, String> sbomByImage) {
    // Images that share an SBOM share its sidecar bytes: read and build each SBOM's index once.
    Map<String, byte[]> bySbom = new java.util.HashMap<>();
    sbomByImage.forEach((image, sbom) -> {
      byte[] bytes = bySbom.computeIfAbsent(sbom,
          s -> BomIndexWriter.write(BomIndex.of("sha256:" + s, sboms.indexedComponents(s))));
      try {
        objects.put(ObjectStore.bomIndexKey(image), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the BOM-Index of " + image, e);
      }
    });
  }
}
