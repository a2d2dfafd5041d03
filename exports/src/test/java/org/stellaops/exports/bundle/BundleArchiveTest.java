package org.stellaops.exports.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles as one .tar.zst: the same bundle gives the same bytes, an unpacked archive verifies,
 * and hostile archives (paths out of the folder, links, several top folders, too large, cut
 * short) are refused with the entry named, writing nothing outside the folder they unpack into.
 */
class BundleArchiveTest {
  @TempDir
  static Path dir;
  static ExportSigner signer;
  static Path bundle;

  @BeforeAll
  static void bundle() throws IOException {
    ExportKeys.generate(ExportKeys.Algorithm.ED25519, dir.resolve("keys"), "signer");
    signer = ExportKeys.signer(dir.resolve("keys/signer.key"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add("{\"id\":\"GHSA-" + i + "\"}");
    }
    bundle = dir.resolve("bundle");
    JsonBundle.write(bundle, new JsonBundle.Description("json:raw", 3, "2026-11-05T06:00:00Z", Map.of("include", List.of("advisories"))),
        List.of(new JsonBundle.Content("advisories", "stella.advisory/v1", sink -> lines.forEach(sink))), signer, 100);
  }

  @Test
  void theSameBundleGivesTheSameArchiveAndItUnpacksToABundleThatVerifies() throws IOException {
    String first = BundleArchive.write(bundle, dir.resolve("a/one.tar.zst"));
    String second = BundleArchive.write(bundle, dir.resolve("b/two.tar.zst"));
    assertThat(second).isEqualTo(first);
    assertThat(Files.readAllBytes(dir.resolve("b/two.tar.zst"))).isEqualTo(Files.readAllBytes(dir.resolve("a/one.tar.zst")));
    assertThat(BundleArchive.isArchive(dir.resolve("a/one.tar.zst"))).isTrue();

    Path unpacked = BundleArchive.extract(dir.resolve("a/one.tar.zst"), dir.resolve("unpacked"), 1 << 20);
    assertThat(unpacked.getFileName().toString()).startsWith("stella-export-").hasSize("stella-export-".length() + 12);
    assertThat(BundleVerifier.verify(unpacked, Optional.of(signer.publicKey())).problems()).isEmpty();
    assertThat(Files.readAllBytes(unpacked.resolve("export.json"))).isEqualTo(Files.readAllBytes(bundle.resolve("export.json")));
  }

  interface Entries {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  static Path tar(String name, Entries entries) throws IOException {
    Path archive = dir.resolve(name + ".tar.zst");
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(archive)); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      entries.write(tar);
      tar.finish();
    }
    return archive;
  }

  static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  @Test
  void hostileArchivesAreRefusedWithTheEntryNamed() throws IOException {
    Path escape = tar("escape", t -> {
      file(t, "b/export.json", "{}");
      file(t, "b/../../evil.txt", "owned");
    });
    assertThatThrownBy(() -> BundleArchive.extract(escape, dir.resolve("x1"), 1 << 20)).isInstanceOf(BundleArchive.Refused.class)
        .hasMessageContaining("entry b/../../evil.txt: a path outside the bundle folder");
    assertThat(dir.resolve("evil.txt")).doesNotExist();

    Path link = tar("link", t -> {
      TarArchiveEntry entry = new TarArchiveEntry("b/export.json", TarArchiveEntry.LF_SYMLINK);
      entry.setLinkName("/etc/passwd");
      t.putArchiveEntry(entry);
      t.closeArchiveEntry();
    });
    assertThatThrownBy(() -> BundleArchive.extract(link, dir.resolve("x2"), 1 << 20))
        .hasMessageContaining("entry b/export.json: only folders and regular files");

    Path twoTops = tar("two", t -> {
      file(t, "b/export.json", "{}");
      file(t, "c/export.json", "{}");
    });
    assertThatThrownBy(() -> BundleArchive.extract(twoTops, dir.resolve("x3"), 1 << 20))
        .hasMessageContaining("entry c/export.json: outside the archive's one top folder b/");

    Path big = tar("big", t -> file(t, "b/export.json", "x".repeat(5_000)));
    assertThatThrownBy(() -> BundleArchive.extract(big, dir.resolve("x4"), 4_096))
        .hasMessageContaining("entry b/export.json: the archive unpacks to more than 4096 bytes");

    Path absolute = tar("absolute", t -> {
      TarArchiveEntry entry = new TarArchiveEntry("/tmp/export.json", true); // kept absolute, as a hostile tool would write it
      entry.setSize(2);
      t.putArchiveEntry(entry);
      t.write("{}".getBytes(StandardCharsets.UTF_8));
      t.closeArchiveEntry();
    });
    assertThatThrownBy(() -> BundleArchive.extract(absolute, dir.resolve("x5"), 1 << 20)).hasMessageContaining("a path outside");

    BundleArchive.write(bundle, dir.resolve("whole.tar.zst"));
    byte[] whole = Files.readAllBytes(dir.resolve("whole.tar.zst"));
    Path cut = dir.resolve("cut.tar.zst");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> BundleArchive.extract(cut, dir.resolve("x6"), 1 << 20)).isInstanceOf(BundleArchive.Refused.class)
        .hasMessageContaining(cut.toString());

    Path notZstd = dir.resolve("plain.tar.zst");
    Files.writeString(notZstd, "this is not an archive");
    assertThatThrownBy(() -> BundleArchive.extract(notZstd, dir.resolve("x7"), 1 << 20))
        .hasMessageContaining("not a readable .tar.zst");
  }
}
