package org.stellaops.exports.bolt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link BoltWriter} writes, read back by {@link BoltReader}: the spec's worked example byte
 * for byte, round trips of small, large (overflow values, thousands of buckets, branch pages) and
 * empty files with every page-level check passing, the same bytes every time, and a checker that
 * does find damage.
 */
class BoltRoundTripTest {
  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theSpecsWorkedExampleIsWrittenByteForByte() throws IOException {
    BoltBucket root = new BoltBucket();
    root.bucket("vulnerability").put("CVE-1", utf8("{}"));
    Path file = dir.resolve("example.db");

    BoltWriter.Written written = BoltWriter.write(root, file);

    byte[] bytes = Files.readAllBytes(file);
    assertThat(written.pages()).isEqualTo(4);
    assertThat(bytes).hasSize(16_384);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    // meta page 0: id 0, meta, magic, version 2, page size 4096, root 3, freelist 2, high-water mark 4, txid 1
    assertThat(b.getLong(0)).isZero();
    assertThat(b.getShort(8)).isEqualTo((short) 0x04);
    assertThat(Arrays.copyOfRange(bytes, 16, 20)).containsExactly(0xED, 0xDA, 0x0C, 0xED);
    assertThat(b.getInt(20)).isEqualTo(2);
    assertThat(b.getInt(24)).isEqualTo(4096);
    assertThat(b.getLong(32)).isEqualTo(3);
    assertThat(b.getLong(48)).isEqualTo(2);
    assertThat(b.getLong(56)).isEqualTo(4);
    assertThat(b.getLong(64)).isEqualTo(1);
    assertThat(b.getLong(4096 + 64)).isZero();
    assertThat(b.getLong(4096)).isEqualTo(1);
    // the checksum of the example's meta body, computed independently of the writer's own function
    long fnv = 0xcbf29ce484222325L;
    for (int i = 16; i < 72; i++) {
      fnv = (fnv ^ (bytes[i] & 0xff)) * 0x100000001b3L;
    }
    assertThat(b.getLong(72)).isEqualTo(fnv);
    // page 2: empty freelist
    assertThat(b.getLong(8192)).isEqualTo(2);
    assertThat(b.getShort(8192 + 8)).isEqualTo((short) 0x10);
    assertThat(b.getShort(8192 + 10)).isZero();
    // page 3: the root leaf with the inline bucket, as the spec dumps it
    ByteBuffer expected = ByteBuffer.allocate(0x6E).order(ByteOrder.LITTLE_ENDIAN);
    expected.putLong(3).putShort((short) 2).putShort((short) 1).putInt(0);
    expected.putInt(1).putInt(16).putInt(13).putInt(55).put(utf8("vulnerability"));
    expected.putLong(0).putLong(0);
    expected.putLong(0).putShort((short) 2).putShort((short) 1).putInt(0);
    expected.putInt(0).putInt(16).putInt(5).putInt(2).put(utf8("CVE-1")).put(utf8("{}"));
    assertThat(Arrays.copyOfRange(bytes, 0x3000, 0x3000 + expected.position()))
        .containsExactly(Arrays.copyOf(expected.array(), expected.position()));
    assertThat(Arrays.copyOfRange(bytes, 0x3000 + expected.position(), 0x4000)).containsOnly(0);

    BoltReader reader = BoltReader.open(file);
    assertThat(reader.check()).isEmpty();
    assertThat(reader.root().bucket("vulnerability").orElseThrow().get("CVE-1")).contains(utf8("{}"));
  }

  /** A tree shaped like Trivy's: source buckets, package buckets, advisories; plus large values. */
  static BoltBucket trivyShaped(int packages, Random random) {
    BoltBucket root = new BoltBucket();
    for (int p = 0; p < packages; p++) {
      BoltBucket pkg = root.bucket(p % 2 == 0 ? "npm::GitHub Security Advisory npm" : "debian 12")
          .bucket("package-" + p);
      int advisories = 1 + random.nextInt(p % 50 == 0 ? 40 : 3); // some too large to inline
      for (int a = 0; a < advisories; a++) {
        pkg.put("CVE-2026-" + (10_000 + random.nextInt(90_000)), utf8("{\"FixedVersion\":\"1." + a + ".0\",\"Status\":3}"));
      }
    }
    BoltBucket vulnerabilities = root.bucket("vulnerability");
    for (int v = 0; v < packages * 2; v++) {
      vulnerabilities.put("CVE-2026-" + v, utf8("{\"Title\":\"title " + v + "\",\"Severity\":\"HIGH\"}"));
    }
    byte[] big = new byte[100_000];
    random.nextBytes(big);
    vulnerabilities.put("CVE-BIG-100K", big);
    vulnerabilities.put("CVE-BIG-10K", Arrays.copyOf(big, 10_000));
    root.bucket("data-source").put("debian 12", utf8("{\"ID\":\"debian\",\"Name\":\"Debian Security Tracker\"}"));
    return root;
  }

  @Test
  void aLargeTrivyShapedFileReadsBackWhole() throws IOException {
    BoltBucket root = trivyShaped(6_000, new Random(3));
    Path file = dir.resolve("large.db");

    BoltWriter.Written written = BoltWriter.write(root, file);

    BoltReader reader = BoltReader.open(file);
    assertThat(reader.check()).isEmpty();
    assertThat(written.pages()).as("branch pages and overflow pages were needed").isGreaterThan(50);
    assertSame(root, reader.root());
  }

  @Test
  void keysLargerThanHalfAPageStillMakeATree() throws IOException {
    // Two such keys do not fit one page: nodes then take two elements on overflow pages, and every
    // branch level halves (a writer that put one element per node would never reach a root).
    BoltBucket root = new BoltBucket();
    BoltBucket bucket = root.bucket("big-keys");
    for (int i = 0; i < 300; i++) {
      byte[] key = new byte[3_000];
      Arrays.fill(key, (byte) ('a' + i % 26));
      key[0] = (byte) (i / 26);
      key[1] = (byte) i;
      bucket.put(key, utf8("v" + i));
    }
    Path file = dir.resolve("big-keys.db");
    BoltWriter.Written written = BoltWriter.write(root, file);
    assertThat(written.pages()).isLessThan(1_000);
    BoltReader reader = BoltReader.open(file);
    assertThat(reader.check()).isEmpty();
    assertSame(root, reader.root());
  }

  @Test
  void anEmptyFileHasOneEmptyRootLeaf() throws IOException {
    Path file = dir.resolve("empty.db");
    BoltWriter.Written written = BoltWriter.write(new BoltBucket(), file);
    assertThat(written.pages()).isEqualTo(4);
    BoltReader reader = BoltReader.open(file);
    assertThat(reader.check()).isEmpty();
    assertThat(reader.root().entries()).isEmpty();
  }

  @Test
  void theSameTreeGivesTheSameBytes() throws IOException {
    Path first = dir.resolve("first.db");
    Path second = dir.resolve("second.db");
    BoltWriter.write(trivyShaped(500, new Random(9)), first);
    BoltWriter.write(trivyShaped(500, new Random(9)), second);
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
  }

  @Test
  void theCheckerFindsDamage() throws IOException {
    Path file = dir.resolve("damaged.db");
    BoltBucket root = new BoltBucket();
    BoltBucket bucket = root.bucket("vulnerability");
    for (int i = 0; i < 400; i++) {
      bucket.put(String.format("CVE-%04d", i), utf8("{\"n\":" + i + "}"));
    }
    BoltWriter.write(root, file);
    byte[] good = Files.readAllBytes(file);

    // a wrong page id in the header of the first tree page
    byte[] wrongId = good.clone();
    wrongId[3 * 4096] = 9;
    Files.write(file, wrongId);
    assertThat(BoltReader.open(file).check()).anySatisfy(p -> assertThat(p).contains("page 3 says it is page 9"));

    // two keys of one leaf swapped: 'CVE-0000' and 'CVE-0001' have the same length, so swap their bytes
    byte[] swapped = good.clone();
    int at = indexOf(swapped, utf8("CVE-0000"));
    int next = indexOf(swapped, utf8("CVE-0001"));
    swapped[at + 7] = '1';
    swapped[next + 7] = '0';
    Files.write(file, swapped);
    assertThat(BoltReader.open(file).check()).anySatisfy(p -> assertThat(p).contains("does not sort after"));

    // a damaged meta page: the other one is used; both damaged: no database
    byte[] oneMeta = good.clone();
    oneMeta[72] ^= 1;
    Files.write(file, oneMeta);
    assertThat(BoltReader.open(file).check()).isEmpty();
    byte[] noMeta = oneMeta.clone();
    noMeta[4096 + 72] ^= 1;
    Files.write(file, noMeta);
    assertThatThrownBy(() -> BoltReader.open(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("no valid meta page").hasMessageContaining("checksum");
  }

  @Test
  void aValueAtTheTopLevelOrAKeyUsedTwiceIsRefused() {
    BoltBucket root = new BoltBucket();
    root.put("stray", utf8("x"));
    assertThatThrownBy(() -> BoltWriter.write(root, dir.resolve("x.db"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the top level of a bbolt file holds buckets only; 'stray' is a value");
    BoltBucket bucket = new BoltBucket();
    bucket.put("name", utf8("v"));
    assertThatThrownBy(() -> bucket.bucket("name")).hasMessage("'name' is a value in this bucket, not a bucket");
    assertThatThrownBy(() -> bucket.put(new byte[0], utf8("v"))).hasMessage("a bbolt key is 1 to 32768 bytes, got 0");
  }

  @Property(tries = 40)
  void randomTreesRoundTrip(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) throws IOException {
    Random random = new Random(seed);
    BoltBucket root = new BoltBucket();
    int top = random.nextInt(4);
    for (int t = 0; t < top; t++) {
      fill(root.bucket(randomKey(random)), random, 0);
    }
    Path file = Files.createTempFile("bolt-property", ".db");
    try {
      BoltWriter.write(root, file);
      BoltReader reader = BoltReader.open(file);
      assertThat(reader.check()).isEmpty();
      assertSame(root, reader.root());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static void fill(BoltBucket bucket, Random random, int depth) {
    int keys = random.nextInt(random.nextInt(10) == 0 ? 600 : 12);
    for (int k = 0; k < keys; k++) {
      byte[] key = randomKey(random);
      if (depth < 2 && random.nextInt(6) == 0) {
        try {
          fill(bucket.bucket(key), random, depth + 1);
        } catch (IllegalArgumentException alreadyAValue) {
          // the random key was used for a value already
        }
      } else if (!(bucket.entries().get(key) instanceof BoltBucket)) {
        byte[] value = new byte[random.nextInt(random.nextInt(30) == 0 ? 20_000 : 120)];
        random.nextBytes(value);
        bucket.put(key, value);
      }
    }
  }

  static byte[] randomKey(Random random) {
    byte[] key = new byte[1 + random.nextInt(random.nextInt(50) == 0 ? 3_000 : 12)];
    random.nextBytes(key); // bytes above 0x7f check the unsigned order
    return key;
  }

  private static void assertSame(BoltBucket expected, BoltReader.Bucket actual) {
    List<BoltReader.Entry> entries = actual.entries();
    assertThat(entries).hasSize(expected.size());
    int i = 0;
    for (Map.Entry<byte[], Object> e : expected.entries().entrySet()) {
      BoltReader.Entry read = entries.get(i++);
      assertThat(read.key()).isEqualTo(e.getKey());
      if (e.getValue() instanceof BoltBucket child) {
        assertThat(read.bucket()).as(BoltBucket.text(e.getKey())).isNotNull();
        assertSame(child, read.bucket());
      } else {
        assertThat(read.value()).isEqualTo((byte[]) e.getValue());
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
