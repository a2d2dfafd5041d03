package org.stellaops.engine.bomindex;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads and checks a BOM-Index file: magic, version, checksum, section bounds, strictly sorted
 * valid UTF-8 tables, bitmaps that point inside the purl table, each purl under at most one
 * product key, and used-by-entrypoint only where usage is known. Anything else is refused with
 * the byte offset and the reason.
 */
public final class BomIndexReader {
  private BomIndexReader() {}

  /** The index in {@code bytes}. */
  public static BomIndex read(byte[] bytes) throws BomIndexFormatException {
    int minimum = BomIndexWriter.HEADER_BYTES + BomIndexWriter.TRAILER_BYTES;
    if (bytes.length < minimum) {
      throw new BomIndexFormatException(bytes.length, "file of " + bytes.length + " bytes is shorter than the "
          + minimum + " bytes of header and checksum");
    }
    if (!Arrays.equals(bytes, 0, 8, BomIndexWriter.MAGIC, 0, 8)) {
      throw new BomIndexFormatException(0, "magic is not STELLABI: not a BOM-Index file");
    }
    int bodyLength = bytes.length - BomIndexWriter.TRAILER_BYTES;
    byte[] expected = BomIndexWriter.sha256(Arrays.copyOf(bytes, bodyLength));
    if (!Arrays.equals(expected, 0, 32, bytes, bodyLength, bytes.length)) {
      throw new BomIndexFormatException(bodyLength, "checksum mismatch: the file is truncated or altered");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, bodyLength);
    in.position(8);
    int version = Short.toUnsignedInt(in.getShort());
    if (version != BomIndexWriter.VERSION) {
      throw new BomIndexFormatException(8, "format version " + version + " is not supported (this reader knows 1)");
    }
    int flags = Short.toUnsignedInt(in.getShort());
    if (flags != 0) {
      throw new BomIndexFormatException(10, "unknown flags " + flags);
    }
    int purlCount = count(in, "purl count");
    int keyCount = count(in, "product key count");
    byte[] sbom = new byte[32];
    in.get(sbom);
    in.position(BomIndexWriter.HEADER_BYTES);
    List<String> purls = strings(section(in, "purl table"), purlCount, "purl table");
    List<String> keys = strings(section(in, "product key table"), keyCount, "product key table");
    List<RoaringBitmap> byKey = bitmaps(section(in, "product key bitmaps"), keyCount, purlCount);
    List<RoaringBitmap> usage = bitmaps(section(in, "entrypoint usage"), 2, purlCount);
    if (in.hasRemaining()) {
      throw new BomIndexFormatException(in.position(), in.remaining() + " bytes after the last section");
    }
    checkDisjoint(byKey);
    if (!usage.get(0).contains(usage.get(1))) {
      throw new BomIndexFormatException(in.position(), "a purl is marked used by the entrypoint although its usage is unknown");
    }
    return new BomIndex("sha256:" + HexFormat.of().formatHex(sbom), purls, keys, byKey, usage.get(0), usage.get(1));
  }

  private static int count(ByteBuffer in, String what) throws BomIndexFormatException {
    int at = in.position();
    int value = in.getInt();
    if (value < 0) {
      throw new BomIndexFormatException(at, what + " " + Integer.toUnsignedString(value) + " is out of range");
    }
    return value;
  }

  private static ByteBuffer section(ByteBuffer in, String name) throws BomIndexFormatException {
    int at = in.position();
    if (in.remaining() < 4) {
      throw new BomIndexFormatException(at, "the " + name + " section is missing");
    }
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new BomIndexFormatException(at, "the " + name + " section claims " + Integer.toUnsignedString(length)
          + " bytes but " + in.remaining() + " remain");
    }
    ByteBuffer content = in.slice(in.position(), length);
    in.position(in.position() + length);
    return content;
  }

  private static List<String> strings(ByteBuffer in, int count, String table) throws BomIndexFormatException {
    List<String> values = new ArrayList<>(Math.min(count, 1 << 16));
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 2) {
        throw new BomIndexFormatException(in.position(), table + " ends after " + i + " of " + count + " entries");
      }
      int length = Short.toUnsignedInt(in.getShort());
      if (length > in.remaining()) {
        throw new BomIndexFormatException(in.position(), table + " entry " + i + " runs past its section");
      }
      String value;
      try {
        value = decoder.decode(in.slice(in.position(), length)).toString();
      } catch (CharacterCodingException e) {
        throw new BomIndexFormatException(in.position(), table + " entry " + i + " is not valid UTF-8");
      }
      if (!values.isEmpty() && BomIndex.UTF8_ORDER.compare(values.get(values.size() - 1), value) >= 0) {
        throw new BomIndexFormatException(in.position(), table + " entry " + i + " is not after the one before it");
      }
      in.position(in.position() + length);
      values.add(value);
    }
    if (in.hasRemaining()) {
      throw new BomIndexFormatException(in.position(), table + " has bytes after its " + count + " entries");
    }
    return values;
  }

  private static List<RoaringBitmap> bitmaps(ByteBuffer in, int count, int purlCount) throws BomIndexFormatException {
    List<RoaringBitmap> bitmaps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ByteBuffer content = section(in, "bitmap " + i);
      int at = in.position();
      RoaringBitmap bitmap = new RoaringBitmap();
      try {
        bitmap.deserialize(new DataInputStream(new ByteArrayInputStream(content.array(),
            content.arrayOffset() + content.position(), content.remaining())));
      } catch (IOException | RuntimeException e) {
        throw new BomIndexFormatException(at, "bitmap " + i + " cannot be read: " + e.getMessage());
      }
      if (!bitmap.isEmpty() && Integer.toUnsignedLong(bitmap.last()) >= purlCount) {
        throw new BomIndexFormatException(at, "bitmap " + i + " names purl " + Integer.toUnsignedString(bitmap.last())
            + " of " + purlCount);
      }
      bitmaps.add(bitmap);
    }
    if (in.hasRemaining()) {
      throw new BomIndexFormatException(in.position(), "bytes after the last bitmap of a section");
    }
    return bitmaps;
  }

  private static void checkDisjoint(List<RoaringBitmap> byKey) throws BomIndexFormatException {
    RoaringBitmap seen = new RoaringBitmap();
    for (int i = 0; i < byKey.size(); i++) {
      if (RoaringBitmap.intersects(seen, byKey.get(i))) {
        throw new BomIndexFormatException(BomIndexWriter.HEADER_BYTES, "product key " + i
            + " shares a purl with an earlier one");
      }
      seen.or(byKey.get(i));
    }
  }
}
