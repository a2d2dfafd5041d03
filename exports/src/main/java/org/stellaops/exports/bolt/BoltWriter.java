package org.stellaops.exports.bolt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of {@link BoltBucket}s as a bbolt (BoltDB) file, in one pass, the layout of
 * docs/exports/trivy-db.md and ../shared/specs/trivy-db.md §7: meta pages 0 and 1, an empty
 * freelist at page 2, then every bucket's pages in post-order (a bucket's sub-buckets before the
 * bucket), leaves packed full, branch levels above them, and a bucket without sub-buckets whose
 * leaf fits a quarter page stored inline in its parent, as bbolt stores it.
 *
 * <p>No Java library writes bbolt, hence this writer. The same tree always gives the same bytes:
 * there is no clock, no random value and no map order in the file.
 */
public final class BoltWriter {
  public static final int PAGE_SIZE = 4096;
  static final int HEADER = 16;
  static final int ELEMENT = 16;
  static final short BRANCH = 0x01;
  static final short LEAF = 0x02;
  static final short META = 0x04;
  static final short FREELIST = 0x10;
  static final int BUCKET_FLAG = 0x01;
  static final int MAGIC = 0xED0CDAED;
  static final int VERSION = 2;
  static final long FIRST_TREE_PAGE = 3;
  static final int MIN_PER_NODE = 2;

  private final FileChannel out;
  private long nextPage = FIRST_TREE_PAGE;

  private BoltWriter(FileChannel out) {
    this.out = out;
  }

  /** What the writer wrote: pages in use and the size of the file. */
  public record Written(long pages, long bytes) {}

  /**
   * Writes {@code root} (its entries are the top-level buckets; bbolt allows no plain values
   * there) to {@code file}, through a temporary file moved into place when complete.
   */
  public static Written write(BoltBucket root, Path file) throws IOException {
    for (Map.Entry<byte[], Object> e : root.entries().entrySet()) {
      if (!(e.getValue() instanceof BoltBucket)) {
        throw new IllegalArgumentException("the top level of a bbolt file holds buckets only; '"
            + BoltBucket.text(e.getKey()) + "' is a value");
      }
    }
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    long pages;
    try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      BoltWriter writer = new BoltWriter(channel);
      long rootPage = writer.tree(writer.elements(root), LEAF);
      pages = writer.nextPage;
      writer.put(2, freelist());
      writer.put(0, meta(0, rootPage, pages, 1));
      writer.put(1, meta(1, rootPage, pages, 0));
      channel.truncate(pages * PAGE_SIZE);
      if (channel.size() < pages * PAGE_SIZE) {
        channel.write(ByteBuffer.allocate(1), pages * PAGE_SIZE - 1); // the file holds every page below the mark
      }
      channel.force(true);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Written(pages, pages * PAGE_SIZE);
  }

  /** A key with its value bytes and leaf flags, or (in a branch) the first key of a child page. */
  private record Element(byte[] key, byte[] value, int flags, long child) {
    int dataSize() {
      return key.length + (value == null ? 0 : value.length);
    }
  }

  /** The leaf elements of {@code bucket}; sub-buckets are written first, so their values are known. */
  private List<Element> elements(BoltBucket bucket) throws IOException {
    List<Element> elements = new ArrayList<>(bucket.size());
    for (Map.Entry<byte[], Object> e : bucket.entries().entrySet()) {
      if (e.getValue() instanceof BoltBucket child) {
        elements.add(new Element(e.getKey(), bucketValue(child), BUCKET_FLAG, 0));
      } else {
        elements.add(new Element(e.getKey(), (byte[]) e.getValue(), 0, 0));
      }
    }
    return elements;
  }

  /** A bucket's value in its parent: header (root page, sequence 0) and, inline, its leaf image. */
  private byte[] bucketValue(BoltBucket bucket) throws IOException {
    List<Element> elements = elements(bucket);
    int leafSize = nodeSize(elements);
    if (!bucket.hasBuckets() && leafSize <= PAGE_SIZE / 4) {
      ByteBuffer value = ByteBuffer.allocate(16 + leafSize).order(ByteOrder.LITTLE_ENDIAN);
      value.putLong(0).putLong(0);
      writeNode(value, 16, 0, LEAF, elements, 0);
      return value.array();
    }
    long root = tree(elements, LEAF);
    return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(root).putLong(0).array();
  }

  /** Writes {@code elements} as a tree of pages (leaves, then branch levels); returns the root page. */
  private long tree(List<Element> elements, short kind) throws IOException {
    List<Element> level = new ArrayList<>();
    for (List<Element> node : pack(elements)) {
      long page = node(kind, node);
      level.add(new Element(node.isEmpty() ? new byte[0] : node.get(0).key(), null, 0, page));
    }
    while (level.size() > 1) {
      List<Element> above = new ArrayList<>();
      for (List<Element> node : pack(level)) {
        above.add(new Element(node.get(0).key(), null, 0, node(BRANCH, node)));
      }
      level = above;
    }
    return level.get(0).child();
  }

  /**
   * Cuts elements into nodes that fill a page. A node takes at least {@value #MIN_PER_NODE}
   * elements (bbolt's minimum per page) and grows onto overflow pages if they do not fit, so each
   * branch level has at most half the nodes of the level below and the tree always ends in one root.
   */
  private static List<List<Element>> pack(List<Element> elements) {
    List<List<Element>> nodes = new ArrayList<>();
    List<Element> current = new ArrayList<>();
    int size = HEADER;
    for (Element e : elements) {
      int add = ELEMENT + e.dataSize();
      if (current.size() >= MIN_PER_NODE && size + add > PAGE_SIZE) {
        nodes.add(current);
        current = new ArrayList<>();
        size = HEADER;
      }
      current.add(e);
      size += add;
    }
    nodes.add(current); // a bucket without keys is one empty leaf
    return nodes;
  }

  private static int nodeSize(List<Element> elements) {
    int size = HEADER;
    for (Element e : elements) {
      size += ELEMENT + e.dataSize();
    }
    return size;
  }

  /** Writes one node on newly allocated pages; returns its first page id. */
  private long node(short kind, List<Element> elements) throws IOException {
    int size = nodeSize(elements);
    int pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
    long id = nextPage;
    nextPage += pages;
    ByteBuffer buffer = ByteBuffer.allocate(pages * PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    writeNode(buffer, 0, id, kind, elements, pages - 1);
    buffer.rewind();
    put(id, buffer);
    return id;
  }

  /** A node (page header, elements, then keys and values in element order) at {@code at} in {@code buffer}. */
  private static void writeNode(ByteBuffer buffer, int at, long id, short kind, List<Element> elements, int overflow) {
    if (elements.size() >= 0xFFFF) {
      throw new IllegalStateException("a bbolt page holds fewer than 65535 elements");
    }
    buffer.putLong(at, id);
    buffer.putShort(at + 8, kind);
    buffer.putShort(at + 10, (short) elements.size());
    buffer.putInt(at + 12, overflow);
    int data = at + HEADER + ELEMENT * elements.size();
    for (int i = 0; i < elements.size(); i++) {
      Element e = elements.get(i);
      int element = at + HEADER + ELEMENT * i;
      if (kind == BRANCH) {
        buffer.putInt(element, data - element);
        buffer.putInt(element + 4, e.key().length);
        buffer.putLong(element + 8, e.child());
      } else {
        buffer.putInt(element, e.flags());
        buffer.putInt(element + 4, data - element);
        buffer.putInt(element + 8, e.key().length);
        buffer.putInt(element + 12, e.value().length);
      }
      buffer.put(data, e.key());
      data += e.key().length;
      if (kind != BRANCH) {
        buffer.put(data, e.value());
        data += e.value().length;
      }
    }
  }

  private static ByteBuffer freelist() {
    ByteBuffer page = ByteBuffer.allocate(PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    page.putLong(0, 2).putShort(8, FREELIST).putShort(10, (short) 0).putInt(12, 0);
    return page;
  }

  static ByteBuffer meta(long id, long rootPage, long highWaterMark, long txid) {
    ByteBuffer page = ByteBuffer.allocate(PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    page.putLong(0, id).putShort(8, META);
    page.putInt(16, MAGIC).putInt(20, VERSION).putInt(24, PAGE_SIZE).putInt(28, 0);
    page.putLong(32, rootPage).putLong(40, 0).putLong(48, 2).putLong(56, highWaterMark).putLong(64, txid);
    page.putLong(72, fnv1a64(page, 16, 72));
    return page;
  }

  /** 64-bit FNV-1a over {@code [from, to)} of {@code page}: the meta page's checksum. */
  static long fnv1a64(ByteBuffer page, int from, int to) {
    long hash = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      hash ^= page.get(i) & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private void put(long page, ByteBuffer bytes) throws IOException {
    bytes.rewind();
    long position = page * PAGE_SIZE;
    while (bytes.hasRemaining()) {
      position += out.write(bytes, position);
    }
  }
}
