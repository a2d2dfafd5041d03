package org.stellaops.engine.bomindex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.roaringbitmap.RoaringBitmap;

/**
 * RoaringBitmap bytes in one canonical form: the same set always serialises to the same bytes,
 * whatever additions and removals produced it, so stored indexes can be compared byte for byte.
 */
public final class CanonicalBitmaps {
  private CanonicalBitmaps() {}

  /** The portable serialisation of {@code bitmap}'s canonical form. */
  public static byte[] toBytes(RoaringBitmap bitmap) {
    RoaringBitmap canonical = BomIndex.canonical(bitmap);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(canonical.serializedSizeInBytes());
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      canonical.serialize(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  /** The bitmap in {@code bytes}. */
  public static RoaringBitmap fromBytes(byte[] bytes) {
    RoaringBitmap bitmap = new RoaringBitmap();
    try {
      bitmap.deserialize(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException("stored bitmap cannot be read", e);
    }
    return bitmap;
  }
}
