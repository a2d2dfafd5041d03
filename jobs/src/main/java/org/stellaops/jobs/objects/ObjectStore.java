package org.stellaops.jobs.objects;

import java.io.IOException;
import java.util.Optional;

/**
 * Where large derived files live next to the database: keys are {@code /}-separated relative
 * names such as {@code indexes/sha256:.../bom-index.bin}. A local directory by default.
 */
public interface ObjectStore {
  /** Stores {@code bytes} under {@code key}, replacing what was there; readers never see a partial object. */
  void put(String key, byte[] bytes) throws IOException;

  /** The object under {@code key}, if any. */
  Optional<byte[]> get(String key) throws IOException;

  /** The key of an image's BOM-Index sidecar (the layout of the seeds: {@code indexes/<imgDigest>/bom-index.bin}). */
  static String bomIndexKey(String imageDigest) {
    return "indexes/" + imageDigest + "/bom-index.bin";
  }
}
