package org.stellaops.exports.bundle;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes records of one type as zstd-compressed JSON lines, {@code <dir>/<name>-00000.jsonl.zst},
 * starting a new shard every {@code recordsPerShard} records. Level and framing are fixed and
 * the compressor single-threaded, so the same lines give the same bytes. Each shard's size, digest
 * (of the compressed bytes, as they are verified) and record count are kept for the manifest.
 */
public final class JsonlShards implements AutoCloseable {
  static final int LEVEL = 3;

  private final Path root;
  private final String relativeDir;
  private final String name;
  private final int recordsPerShard;
  private final List<BundleFile> written = new ArrayList<>();
  private OutputStream out;
  private DigestOutputStream digest;
  private CountingStream counting;
  private Path current;
  private long records;
  private long total;

  public JsonlShards(Path root, String relativeDir, String name, int recordsPerShard) {
    if (recordsPerShard < 1) {
      throw new IllegalArgumentException("recordsPerShard must be 1 or more");
    }
    this.root = root;
    this.relativeDir = relativeDir;
    this.name = name;
    this.recordsPerShard = recordsPerShard;
  }

  /** Appends one record; {@code json} must be one line (canonical JSON is). */
  public void add(String json) {
    if (json.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a JSON line must not contain a line break");
    }
    try {
      if (out == null || records == recordsPerShard) {
        finishShard();
        startShard();
      }
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      records++;
      total++;
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + current, e);
    }
  }

  public long records() {
    return total;
  }

  /** The shards written, in order. */
  public List<BundleFile> files() {
    return List.copyOf(written);
  }

  private void startShard() throws IOException {
    String file = String.format(java.util.Locale.ROOT, "%s/%s-%05d.jsonl.zst", relativeDir, name, written.size());
    current = root.resolve(file);
    Files.createDirectories(current.getParent());
    counting = new CountingStream(Files.newOutputStream(current));
    digest = new DigestOutputStream(counting, sha256());
    ZstdOutputStream zstd = new ZstdOutputStream(new java.io.BufferedOutputStream(digest, 1 << 16), LEVEL);
    zstd.setChecksum(true);
    out = new java.io.BufferedOutputStream(zstd, 1 << 16);
    records = 0;
  }

  private void finishShard() throws IOException {
    if (out == null) {
      return;
    }
    out.close();
    String relative = root.relativize(current).toString().replace('\\', '/');
    written.add(new BundleFile(relative, counting.count, "sha256:" + HexFormat.of().formatHex(digest.getMessageDigest().digest()), records));
    out = null;
  }

  @Override
  public void close() {
    try {
      finishShard();
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + current, e);
    }
  }

  /**
   * Hands every line of the shards {@code files} (paths relative to {@code root}, in order) to
   * {@code consumer}, decompressing as it goes.
   */
  public static void read(Path root, List<String> files, java.util.function.Consumer<String> consumer) throws IOException {
    read(root, files, Opener.PLAIN, consumer);
  }

  /** Opens a bundle file's compressed bytes: as they are, or decrypted ({@link BundleEncryption}). */
  public interface Opener {
    Opener PLAIN = Files::newInputStream;

    java.io.InputStream open(Path file) throws IOException;

    /** Plain files as they are; {@code .age} files decrypted with {@code identities}. */
    static Opener decrypting(List<String> identities) {
      return file -> file.getFileName().toString().endsWith(BundleEncryption.SUFFIX) ? BundleEncryption.decrypting(file, identities)
          : Files.newInputStream(file);
    }
  }

  /** {@link #read(Path, List, java.util.function.Consumer)}, each file opened by {@code opener}. */
  public static void read(Path root, List<String> files, Opener opener, java.util.function.Consumer<String> consumer) throws IOException {
    for (String file : files) {
      if (file.endsWith(BundleEncryption.SUFFIX) && opener == Opener.PLAIN) {
        throw new IOException(file + " is encrypted (age): an identity is needed to read it");
      }
      try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
          new com.github.luben.zstd.ZstdInputStream(opener.open(root.resolve(file))), StandardCharsets.UTF_8), 1 << 16)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          consumer.accept(line);
        }
      }
    }
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
