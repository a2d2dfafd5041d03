package org.stellaops.connectors.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Derives reproducible random streams, digests and UUIDs from the corpus seed. Every item (a
 * package pool, an advisory, an image) gets its own stream keyed by a label and its index, so
 * one part of the corpus never shifts when the size of another part changes.
 */
final class Seeds {
  private static final HexFormat HEX = HexFormat.of();

  private Seeds() {}

  /** A random stream for item {@code index} of the part named {@code label}. */
  static SplittableRandom random(long seed, String label, long index) {
    return new SplittableRandom(mix(seed, label.hashCode(), index));
  }

  /** Mixes three numbers into one well-spread 64-bit value (SplitMix64 finalizer). */
  static long mix(long seed, long stream, long index) {
    return scramble(scramble(seed ^ scramble(stream)) + index * 0x9E3779B97F4A7C15L);
  }

  /** 64 lowercase hex digits: a SHA-256 over the seed, label and index. */
  static String sha256Hex(long seed, String label, long index) {
    return HEX.formatHex(sha256(seed, label, index));
  }

  /** 64 lowercase hex digits drawn cheaply from two numbers; for hashes that need no real digest. */
  static String fastHex256(long first, long second) {
    StringBuilder hex = new StringBuilder(64);
    long state = mix(first, second, 0x51ED);
    for (int i = 0; i < 4; i++) {
      state = scramble(state + 0x9E3779B97F4A7C15L);
      hex.append(HEX.toHexDigits(state));
    }
    return hex.toString();
  }

  /** A version-8 (custom) UUID whose bits come from a SHA-256 over the seed, label and index. */
  static UUID uuid(long seed, String label, long index) {
    ByteBuffer bytes = ByteBuffer.wrap(sha256(seed, label, index));
    long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
    long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  private static byte[] sha256(long seed, String label, long index) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(ByteBuffer.allocate(16).putLong(seed).putLong(index).array());
      digest.update(label.getBytes(StandardCharsets.UTF_8));
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static long scramble(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
