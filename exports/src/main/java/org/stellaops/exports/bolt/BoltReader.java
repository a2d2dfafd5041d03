package org.stellaops.exports.bolt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads a bbolt file back, for the tests of what {@link BoltWriter} writes and for checking a
 * file before it is published: {@link #check} walks every page and reports what bbolt (1.5, as
 * Trivy reads it) or its consistency check would reject: meta magic, version and checksum, page
 * ids, page kinds, key order within pages and across a bucket, branch keys, pages reached twice
 * or never, references past the high-water mark.
 */
public final class BoltReader {
  private final ByteBuffer file;
  private final Path path;
  private final int pageSize;
  private final long rootPage;
  private final long freelistPage;
  private final long highWaterMark;

  private BoltReader(Path path, ByteBuffer file, int pageSize, long rootPage, long freelistPage, long highWaterMark) {
    this.path = path;
    this.file = file;
    this.pageSize = pageSize;
    this.rootPage = rootPage;
    this.freelistPage = freelistPage;
    this.highWaterMark = highWaterMark;
  }

  /** Opens {@code file}, choosing the valid meta page with the higher transaction id. */
  public static BoltReader open(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.capacity() < 2 * BoltWriter.PAGE_SIZE) {
      throw new IOException(file + ": " + bytes.capacity() + " bytes, too short for two meta pages");
    }
    ByteBuffer best = null;
    long bestTxid = -1;
    List<String> problems = new ArrayList<>();
    for (int m = 0; m < 2; m++) {
      int pageSize = m == 0 ? BoltWriter.PAGE_SIZE : bytes.getInt(24);
      if (pageSize <= 0 || (long) pageSize * 2 > bytes.capacity()) {
        problems.add("meta page " + m + ": page size " + pageSize);
        continue;
      }
      ByteBuffer meta = bytes.slice(m * pageSize, pageSize).order(ByteOrder.LITTLE_ENDIAN);
      Optional<String> problem = metaProblem(meta);
      if (problem.isPresent()) {
        problems.add("meta page " + m + ": " + problem.get());
      } else if (meta.getLong(64) > bestTxid) {
        best = meta;
        bestTxid = meta.getLong(64);
      }
    }
    if (best == null) {
      throw new IOException(file + ": no valid meta page (" + String.join("; ", problems) + ")");
    }
    return new BoltReader(file, bytes, best.getInt(24), best.getLong(32), best.getLong(48), best.getLong(56));
  }

  private static Optional<String> metaProblem(ByteBuffer meta) {
    if (meta.getShort(8) != BoltWriter.META) {
      return Optional.of("flags " + meta.getShort(8) + ", not a meta page");
    }
    if (meta.getInt(16) != BoltWriter.MAGIC) {
      return Optional.of("magic " + Integer.toHexString(meta.getInt(16)));
    }
    if (meta.getInt(20) != BoltWriter.VERSION) {
      return Optional.of("version " + meta.getInt(20));
    }
    long expected = BoltWriter.fnv1a64(meta, 16, 72);
    if (meta.getLong(72) != expected) {
      return Optional.of("checksum " + Long.toHexString(meta.getLong(72)) + ", computed " + Long.toHexString(expected));
    }
    return Optional.empty();
  }

  public long highWaterMark() {
    return highWaterMark;
  }

  /** The top-level bucket tree. */
  public Bucket root() {
    return new Bucket(rootPage, null);
  }

  /** A bucket: its tree's root page, or its inline leaf image. */
  public final class Bucket {
    private final long root;
    private final ByteBuffer inline;

    private Bucket(long root, ByteBuffer inline) {
      this.root = root;
      this.inline = inline;
    }

    /** Every key of the bucket in order, with its value or nested bucket. */
    public List<Entry> entries() {
      List<Entry> entries = new ArrayList<>();
      if (inline != null) {
        leaf(inline, 0, entries);
      } else {
        collect(root, entries, null);
      }
      return entries;
    }

    /** The nested bucket {@code name}, if there is one. */
    public Optional<Bucket> bucket(String name) {
      return find(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).flatMap(e -> Optional.ofNullable(e.bucket()));
    }

    /** The value of {@code key}, if it holds one. */
    public Optional<byte[]> get(String key) {
      return find(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).flatMap(e -> Optional.ofNullable(e.value()));
    }

    private Optional<Entry> find(byte[] key) {
      return entries().stream().filter(e -> Arrays.equals(e.key(), key)).findFirst();
    }
  }

  /** A key with its value, or with its nested bucket. */
  public record Entry(byte[] key, byte[] value, Bucket bucket) {}

  private ByteBuffer page(long id) {
    if (id < 0 || id >= highWaterMark || (id + 1) * pageSize > file.capacity()) {
      throw new IllegalStateException(path + ": page " + id + " is past the high-water mark " + highWaterMark);
    }
    return file.slice((int) (id * pageSize), file.capacity() - (int) (id * pageSize)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void collect(long pageId, List<Entry> entries, BitSet seen) {
    ByteBuffer page = page(pageId);
    if (seen != null) {
      markPages(pageId, page.getInt(12), seen);
    }
    if (page.getShort(8) == BoltWriter.LEAF) {
      leaf(page, 0, entries);
    } else if (page.getShort(8) == BoltWriter.BRANCH) {
      int count = Short.toUnsignedInt(page.getShort(10));
      for (int i = 0; i < count; i++) {
        collect(page.getLong(BoltWriter.HEADER + BoltWriter.ELEMENT * i + 8), entries, seen);
      }
    } else {
      throw new IllegalStateException(path + ": page " + pageId + " has flags " + page.getShort(8)
          + " where a branch or leaf page belongs");
    }
  }

  private void leaf(ByteBuffer page, int at, List<Entry> entries) {
    int count = Short.toUnsignedInt(page.getShort(at + 10));
    for (int i = 0; i < count; i++) {
      int element = at + BoltWriter.HEADER + BoltWriter.ELEMENT * i;
      int flags = page.getInt(element);
      int pos = page.getInt(element + 4);
      byte[] key = new byte[page.getInt(element + 8)];
      byte[] value = new byte[page.getInt(element + 12)];
      page.get(element + pos, key);
      page.get(element + pos + key.length, value);
      if ((flags & BoltWriter.BUCKET_FLAG) != 0) {
        ByteBuffer header = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        long root = header.getLong(0);
        entries.add(new Entry(key, null, root == 0
            ? new Bucket(0, ByteBuffer.wrap(value, 16, value.length - 16).slice().order(ByteOrder.LITTLE_ENDIAN))
            : new Bucket(root, null)));
      } else {
        entries.add(new Entry(key, value, null));
      }
    }
  }

  private void markPages(long first, int overflow, BitSet seen) {
    for (long p = first; p <= first + overflow; p++) {
      if (p >= highWaterMark) {
        throw new IllegalStateException("page " + first + " runs past the high-water mark " + highWaterMark);
      }
      if (seen.get((int) p)) {
        throw new IllegalStateException("page " + p + " is reached twice");
      }
      seen.set((int) p);
    }
  }

  /** Every problem found with the file's pages and trees; empty when bbolt would accept it. */
  public List<String> check() {
    List<String> problems = new ArrayList<>();
    BitSet seen = new BitSet();
    seen.set(0);
    seen.set(1);
    try {
      if ((long) highWaterMark * pageSize > file.capacity()) {
        problems.add("the file has " + file.capacity() + " bytes, the high-water mark needs " + highWaterMark * pageSize);
      }
      ByteBuffer freelist = page(freelistPage);
      if (freelist.getShort(8) != BoltWriter.FREELIST) {
        problems.add("page " + freelistPage + " is named the freelist but has flags " + freelist.getShort(8));
      }
      markPages(freelistPage, freelist.getInt(12), seen);
      BitSet free = new BitSet();
      int freeCount = Short.toUnsignedInt(freelist.getShort(10));
      for (int i = 0; i < freeCount; i++) {
        free.set((int) freelist.getLong(BoltWriter.HEADER + 8 * i));
      }
      checkTree(rootPage, null, null, seen, problems, "root");
      for (long p = 0; p < highWaterMark; p++) {
        if (!seen.get((int) p) && !free.get((int) p)) {
          problems.add("page " + p + " is neither reachable nor free");
        }
        if (seen.get((int) p) && free.get((int) p)) {
          problems.add("page " + p + " is reachable and free");
        }
      }
    } catch (IllegalStateException e) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  /** Checks the tree at {@code pageId}, whose keys must lie in [low, high); returns its first key. */
  private byte[] checkTree(long pageId, byte[] low, byte[] high, BitSet seen, List<String> problems, String where) {
    ByteBuffer page = page(pageId);
    if (page.getLong(0) != pageId) {
      problems.add(where + ": page " + pageId + " says it is page " + page.getLong(0));
    }
    markPages(pageId, page.getInt(12), seen);
    short kind = page.getShort(8);
    int count = Short.toUnsignedInt(page.getShort(10));
    if (kind == BoltWriter.BRANCH) {
      if (count == 0) {
        problems.add(where + ": branch page " + pageId + " has no elements");
      }
      byte[] previous = null;
      byte[] first = null;
      for (int i = 0; i < count; i++) {
        int element = BoltWriter.HEADER + BoltWriter.ELEMENT * i;
        byte[] key = new byte[page.getInt(element + 4)];
        page.get(element + page.getInt(element), key);
        byte[] next = i + 1 < count ? branchKey(page, i + 1) : high;
        order(previous, key, problems, where + ": branch page " + pageId);
        byte[] childFirst = checkTree(page.getLong(element + 8), key, next, seen, problems, where);
        if (childFirst != null && !Arrays.equals(childFirst, key)) {
          problems.add(where + ": branch page " + pageId + " names child " + page.getLong(element + 8) + " by key '"
              + BoltBucket.text(key) + "', its first key is '" + BoltBucket.text(childFirst) + "'");
        }
        previous = key;
        first = first == null ? key : first;
      }
      return first;
    }
    if (kind != BoltWriter.LEAF) {
      problems.add(where + ": page " + pageId + " has flags " + kind + " where a branch or leaf page belongs");
      return null;
    }
    List<Entry> entries = new ArrayList<>();
    leaf(page, 0, entries);
    byte[] previous = null;
    for (Entry e : entries) {
      order(previous, e.key(), problems, where + ": leaf page " + pageId);
      if (low != null && Arrays.compareUnsigned(e.key(), low) < 0 || high != null && Arrays.compareUnsigned(e.key(), high) >= 0) {
        problems.add(where + ": leaf page " + pageId + " holds '" + BoltBucket.text(e.key()) + "' outside its branch range");
      }
      previous = e.key();
      if (e.bucket() != null) {
        String inner = where + "/" + BoltBucket.text(e.key());
        if (e.bucket().inline == null) {
          checkTree(e.bucket().root, null, null, seen, problems, inner);
        } else {
          for (Entry nested : e.bucket().entries()) {
            if (nested.bucket() != null) {
              problems.add(inner + ": an inline bucket holds bucket '" + BoltBucket.text(nested.key()) + "'");
            }
          }
        }
      }
    }
    return entries.isEmpty() ? null : entries.get(0).key();
  }

  private static byte[] branchKey(ByteBuffer page, int i) {
    int element = BoltWriter.HEADER + BoltWriter.ELEMENT * i;
    byte[] key = new byte[page.getInt(element + 4)];
    page.get(element + page.getInt(element), key);
    return key;
  }

  private static void order(byte[] previous, byte[] key, List<String> problems, String where) {
    if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
      problems.add(where + ": key '" + BoltBucket.text(key) + "' does not sort after '" + BoltBucket.text(previous) + "'");
    }
  }
}
