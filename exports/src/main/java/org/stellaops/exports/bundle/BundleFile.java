package org.stellaops.exports.bundle;

import java.util.Optional;

/**
 * A file of a bundle as its manifest lists it: path relative to the bundle root, size, digest,
 * records (0 when not records), and for an encrypted file the digest of its plaintext.
 */
public record BundleFile(String path, long bytes, String sha256, long records, Optional<String> plainSha256) {
  public BundleFile(String path, long bytes, String sha256, long records) {
    this(path, bytes, sha256, records, Optional.empty());
  }
}
