package org.stellaops.exports.bundle;

import java.security.PublicKey;

/**
 * Signs export manifests and attestations. {@link ExportKeys#signer} gives one from a key file;
 * a KMS signer implements the same four methods (its public key is what verifiers are given).
 */
public interface ExportSigner {
  /** {@code sha256:} of the public key's DER bytes; written into manifests and envelopes. */
  String keyId();

  /** {@code ed25519} or {@code ecdsa-p256}. */
  String algorithm();

  PublicKey publicKey();

  byte[] sign(byte[] data);
}
