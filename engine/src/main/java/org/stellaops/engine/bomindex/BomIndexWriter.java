package org.stellaops.engine.bomindex;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes a {@link BomIndex} in the sidecar format of docs/formats/bom-index.md: a 64-byte header,
 * four length-prefixed sections (purl table, product-key table, purl bitmaps per product key,
 * entrypoint usage bitmaps) and a SHA-256 trailer. Written from scratch because the format is
 * ours; the bitmaps use RoaringBitmap's portable serialisation.
 */
public final class BomIndexWriter {
  static final byte[] MAGIC = "STELLABI".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 64;
  static final int TRAILER_BYTES = 32;
  static final int MAX_STRING_BYTES = 0xFFFF;

  private BomIndexWriter() {}

  /** The index as bytes; the same index always gives the same bytes. */
  public static byte[] write(BomIndex index) {
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(buffer);
      out.write(MAGIC);
      out.writeShort(VERSION);
      out.writeShort(0);
      out.writeInt(index.purls().size());
      out.writeInt(index.productKeys().size());
      out.write(BomIndex.sha256Bytes(index.sbomDigest()));
      out.write(new byte[HEADER_BYTES - 52]);
      section(out, strings(index.purls()));
      section(out, strings(index.productKeys()));
      section(out, bitmaps(index.purlsByProductKey()));
      section(out, bitmaps(List.of(index.usageKnown(), index.usedByEntrypoint())));
      out.flush();
      byte[] body = buffer.toByteArray();
      out.write(sha256(body));
      out.flush();
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  private static void section(DataOutputStream out, byte[] content) throws IOException {
    out.writeInt(content.length);
    out.write(content);
  }

  private static byte[] strings(List<String> values) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    for (String value : values) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > MAX_STRING_BYTES) {
        throw new IllegalArgumentException("a purl or product key longer than " + MAX_STRING_BYTES + " bytes: "
            + value.substring(0, 80) + "...");
      }
      out.writeShort(bytes.length);
      out.write(bytes);
    }
    return buffer.toByteArray();
  }

  private static byte[] bitmaps(List<RoaringBitmap> bitmaps) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    for (RoaringBitmap bitmap : bitmaps) {
      RoaringBitmap canonical = BomIndex.canonical(bitmap);
      out.writeInt(canonical.serializedSizeInBytes());
      canonical.serialize(out);
    }
    return buffer.toByteArray();
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
