package org.stellaops.engine.verdict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; every digest in the system is lower-case hex. */
public final class Digests {
  private Digests() {}

  /** SHA-256 of {@code bytes} as lower-case hex. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** SHA-256 of the UTF-8 bytes of {@code text} as lower-case hex. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** SHA-256 of a file's bytes, read as a stream, as {@code sha256:<hex>}. */
  public static String sha256File(java.nio.file.Path file) throws java.io.IOException {
    MessageDigest digest = sha256();
    try (java.io.InputStream in = new java.security.DigestInputStream(java.nio.file.Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
