package org.stellaops.engine.bomindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The BOM-Index sidecar: content, byte-stable rebuilds, round trips and refusal of damaged files. */
class BomIndexTest {
  private static final String SBOM = "sha256:" + "ab".repeat(32);

  private static IndexedComponent c(String purl, Boolean used) {
    return new IndexedComponent(purl, Optional.empty(), Optional.ofNullable(used));
  }

  private static final List<IndexedComponent> IMAGE = List.of(
      c("pkg:npm/lodash@4.17.20", true),
      c("pkg:npm/lodash@4.17.21", false),
      c("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", null),
      c("pkg:generic/vendored@1.0", null),
      new IndexedComponent("pkg:deb/debian/libssl3@3.0.9-1?distro=debian-12", Optional.of("openssl@3.0.9-1"), Optional.of(true)),
      c("pkg:npm/lodash@4.17.20", null));

  @Test
  void indexesPurlsByProductKeyWithEntrypointUsage() {
    BomIndex index = BomIndex.of(SBOM, IMAGE);
    assertThat(index.purls()).containsExactly(
        "pkg:deb/debian/libssl3@3.0.9-1?distro=debian-12", "pkg:generic/vendored@1.0",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "pkg:npm/lodash@4.17.20", "pkg:npm/lodash@4.17.21");
    assertThat(index.productKeys()).containsExactly("Debian/openssl", "Maven/org.apache.logging.log4j:log4j-core", "npm/lodash");
    assertThat(index.purlsOf("npm/lodash").toArray()).containsExactly(3, 4);
    assertThat(index.purlsOf("PyPI/requests").isEmpty()).isTrue();
    assertThat(index.usage(3)).as("listed twice, used once: used").isEqualTo(EntrypointUsage.USED);
    assertThat(index.usage(4)).isEqualTo(EntrypointUsage.NOT_USED);
    assertThat(index.usage(2)).isEqualTo(EntrypointUsage.UNKNOWN);
    assertThat(index.usageOf("npm/lodash")).isEqualTo(EntrypointUsage.USED);
    assertThat(index.usageOf("Maven/org.apache.logging.log4j:log4j-core")).isEqualTo(EntrypointUsage.UNKNOWN);
    assertThat(index.usageOf("Debian/openssl")).isEqualTo(EntrypointUsage.USED);
  }

  @Test
  void roundTripsAndRebuildsToTheSameBytes() throws BomIndexFormatException {
    byte[] bytes = BomIndexWriter.write(BomIndex.of(SBOM, IMAGE));
    List<IndexedComponent> shuffled = new ArrayList<>(IMAGE);
    Collections.reverse(shuffled);
    assertThat(BomIndexWriter.write(BomIndex.of(SBOM, shuffled))).isEqualTo(bytes);
    BomIndex read = BomIndexReader.read(bytes);
    assertThat(read).isEqualTo(BomIndex.of(SBOM, IMAGE));
    assertThat(read.sbomDigest()).isEqualTo(SBOM);
    assertThat(new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("STELLABI");
  }

  @Test
  void refusesDamagedFilesWithOffsetAndReason() {
    byte[] bytes = BomIndexWriter.write(BomIndex.of(SBOM, IMAGE));
    assertThatThrownBy(() -> BomIndexReader.read(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(BomIndexFormatException.class).hasMessageContaining("checksum mismatch");
    byte[] flipped = bytes.clone();
    flipped[100] ^= 1;
    assertThatThrownBy(() -> BomIndexReader.read(flipped)).hasMessageContaining("checksum mismatch");
    byte[] notAnIndex = "{\"bomFormat\":\"CycloneDX\"}".repeat(5).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BomIndexReader.read(notAnIndex)).hasMessage("invalid BOM-Index at byte 0: magic is not STELLABI: not a BOM-Index file");
    assertThatThrownBy(() -> BomIndexReader.read(new byte[10])).hasMessageContaining("shorter than the 96 bytes");
    byte[] future = withChecksum(bytes, 9, (byte) 2);
    assertThatThrownBy(() -> BomIndexReader.read(future)).hasMessage("invalid BOM-Index at byte 8: format version 2 is not supported (this reader knows 1)");
    byte[] hugeCount = withChecksum(bytes, 12, (byte) 0x7f);
    assertThatThrownBy(() -> BomIndexReader.read(hugeCount)).isInstanceOf(BomIndexFormatException.class);
  }

  /** {@code bytes} with one byte changed and the checksum made right again, to reach the checks behind it. */
  private static byte[] withChecksum(byte[] bytes, int at, byte value) {
    byte[] changed = bytes.clone();
    changed[at] = value;
    byte[] sum = BomIndexWriter.sha256(Arrays.copyOf(changed, changed.length - 32));
    System.arraycopy(sum, 0, changed, changed.length - 32, 32);
    return changed;
  }

  @Property(tries = 200)
  void anyComponentListRoundTripsAndIsOrderIndependent(@ForAll @IntRange(min = 0, max = 60) int size,
      @ForAll long seed) throws BomIndexFormatException {
    java.util.Random random = new java.util.Random(seed);
    String[] types = {"npm", "pypi", "maven/org.example", "golang/github.com/acme", "generic", "cargo"};
    List<IndexedComponent> components = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String purl = "pkg:" + types[random.nextInt(types.length)] + "/p" + random.nextInt(15) + "@1." + random.nextInt(4);
      Boolean used = switch (random.nextInt(3)) {
        case 0 -> true;
        case 1 -> false;
        default -> null;
      };
      components.add(c(purl, used));
    }
    BomIndex index = BomIndex.of(SBOM, components);
    byte[] bytes = BomIndexWriter.write(index);
    assertThat(BomIndexReader.read(bytes)).isEqualTo(index);
    Collections.shuffle(components, random);
    assertThat(BomIndexWriter.write(BomIndex.of(SBOM, components))).isEqualTo(bytes);
    long keyed = index.productKeys().stream().mapToLong(k -> index.purlsOf(k).getCardinality()).sum();
    assertThat(keyed).as("every purl with an ecosystem is under exactly one key")
        .isEqualTo(index.purls().stream().filter(p -> !p.startsWith("pkg:generic/")).count());
  }
}
