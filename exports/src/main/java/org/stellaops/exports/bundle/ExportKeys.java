package org.stellaops.exports.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Signing keys from PEM files: Ed25519 (the default; its signatures are deterministic, so a
 * re-export gives byte-identical signatures) and ECDSA P-256. Private keys are PKCS#8
 * ({@code BEGIN PRIVATE KEY}), public keys X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}),
 * as {@code openssl genpkey}/{@code openssl pkey -pubout} write them. A key's id is
 * {@code sha256:} of its public key's DER bytes.
 *
 * <p>The seam for a KMS is {@link ExportSigner}: anything that can sign bytes and name its key.
 */
public final class ExportKeys {
  private ExportKeys() {}

  /** The supported algorithms and their JCA names. */
  public enum Algorithm {
    ED25519("Ed25519", "Ed25519"),
    ECDSA_P256("EC", "SHA256withECDSA");

    final String keyFactory;
    final String signature;

    Algorithm(String keyFactory, String signature) {
      this.keyFactory = keyFactory;
      this.signature = signature;
    }

    /** The name written in manifests: {@code ed25519} or {@code ecdsa-p256}. */
    public String label() {
      return this == ED25519 ? "ed25519" : "ecdsa-p256";
    }

    static Algorithm of(java.security.Key key) {
      return switch (key.getAlgorithm()) {
        case "Ed25519", "EdDSA" -> ED25519;
        case "EC" -> ECDSA_P256;
        default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm() + " (Ed25519 or ECDSA P-256)");
      };
    }

    public static Algorithm parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "ed25519" -> ED25519;
        case "ecdsa-p256", "p256", "p-256" -> ECDSA_P256;
        default -> throw new IllegalArgumentException("unknown algorithm '" + text + "' (ed25519 or ecdsa-p256)");
      };
    }
  }

  /** A signer from a private key file. */
  public static ExportSigner signer(Path privateKeyPem) throws IOException {
    PrivateKey key = privateKey(privateKeyPem);
    Algorithm algorithm = Algorithm.of(key);
    PublicKey publicKey = publicFromPrivate(key, algorithm, privateKeyPem);
    String keyId = keyId(publicKey);
    return new ExportSigner() {
      @Override
      public String keyId() {
        return keyId;
      }

      @Override
      public String algorithm() {
        return algorithm.label();
      }

      @Override
      public PublicKey publicKey() {
        return publicKey;
      }

      @Override
      public byte[] sign(byte[] data) {
        try {
          Signature signature = Signature.getInstance(algorithm.signature);
          signature.initSign(key);
          signature.update(data);
          return signature.sign();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("signing with " + privateKeyPem + " failed: " + e.getMessage(), e);
        }
      }
    };
  }

  /** Whether {@code signature} is {@code key}'s signature of {@code data}. */
  public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(Algorithm.of(key).signature);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code sha256:<hex>} of the public key's DER (SubjectPublicKeyInfo) bytes. */
  public static String keyId(PublicKey key) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a new age X25519 key pair ({@link BundleEncryption}): {@code <name>.agekey}, an identity
   * file as age-keygen writes one (owner-only), and {@code <name>.agepub}; returns the recipient.
   */
  public static String generateAge(Path dir, String name) throws IOException {
    java.security.KeyPair pair;
    try {
      pair = new com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator().generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot generate an age key: " + e.getMessage(), e);
    }
    Files.createDirectories(dir);
    Path identity = dir.resolve(name + ".agekey");
    if (Files.exists(identity)) {
      throw new java.nio.file.FileAlreadyExistsException(identity.toString(), null, "exists already; not overwriting a key");
    }
    writeOwnerOnly(identity, "# public key: " + pair.getPublic() + "\n" + pair.getPrivate() + "\n");
    Files.writeString(dir.resolve(name + ".agepub"), pair.getPublic() + "\n");
    return pair.getPublic().toString();
  }

  /** Creates {@code file} readable by its owner only (where the file system has POSIX permissions), then writes {@code content}. */
  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (Files.getFileStore(dir).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
      // Created with its permissions, so there is no moment at which others may read it.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      // A file system without POSIX permissions (e.g. FAT on a USB stick): its own access rules apply.
      Files.createFile(file);
    }
    Files.writeString(file, content);
  }

  /** Writes a new key pair: {@code <name>.key} (PKCS#8, owner-only) and {@code <name>.pub}; returns the key id. */
  public static String generate(Algorithm algorithm, Path dir, String name) throws IOException {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyFactory);
      if (algorithm == Algorithm.ECDSA_P256) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    Files.createDirectories(dir);
    Path privateFile = dir.resolve(name + ".key");
    if (Files.exists(privateFile)) {
      throw new IOException(privateFile + " exists already; not overwriting a key");
    }
    writeOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(dir.resolve(name + ".pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    return keyId(pair.getPublic());
  }

  public static PublicKey publicKey(Path pem) throws IOException {
    byte[] der = der(pem, "PUBLIC KEY");
    for (Algorithm algorithm : Algorithm.values()) {
      try {
        return KeyFactory.getInstance(algorithm.keyFactory).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IOException(pem + ": not an Ed25519 or ECDSA P-256 public key (PEM 'PUBLIC KEY')");
  }

  /** A public key from the text of a PEM file (as embedded in a bundle). */
  public static PublicKey publicKey(String pemText, String where) throws IOException {
    Path temp = Files.createTempFile("stella-key", ".pub");
    try {
      Files.writeString(temp, pemText);
      return publicKey(temp);
    } catch (IOException e) {
      throw new IOException(where + ": " + e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip(), e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static PrivateKey privateKey(Path pem) throws IOException {
    byte[] der = der(pem, "PRIVATE KEY");
    for (Algorithm algorithm : Algorithm.values()) {
      try {
        return KeyFactory.getInstance(algorithm.keyFactory).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IOException(pem + ": not an Ed25519 or ECDSA P-256 private key (PEM 'PRIVATE KEY', PKCS#8)");
  }

  private static PublicKey publicFromPrivate(PrivateKey key, Algorithm algorithm, Path pem) throws IOException {
    Path pub = pem.resolveSibling(pem.getFileName().toString().replaceFirst("\\.key$", "") + ".pub");
    if (Files.exists(pub)) {
      return publicKey(pub);
    }
    if (algorithm == Algorithm.ED25519) {
      // The JDK cannot derive an Ed25519 public key from the private one; the .pub file must sit beside it.
      throw new IOException("the public key " + pub + " is missing beside " + pem + " (stella export keys generate writes both)");
    }
    throw new IOException("the public key " + pub + " is missing beside " + pem);
  }

  public static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(Path pem, String type) throws IOException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(pem + ": no '" + begin + "' block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(pem + ": the " + type + " block is not base64: " + e.getMessage());
    }
  }
}
