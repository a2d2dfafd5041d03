package org.stellaops.exports.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed JSON bundles: sharded zstd JSON lines that read back, byte-identical re-exports, and
 * offline verification that names the file of any single changed byte, a wrong key, an unlisted
 * file; a failed export never leaves a bundle that verifies.
 */
class JsonBundleTest {
  @TempDir
  static Path dir;
  static ExportSigner signer;

  @BeforeAll
  static void keys() throws IOException {
    ExportKeys.generate(ExportKeys.Algorithm.ED25519, dir.resolve("keys"), "signer");
    ExportKeys.generate(ExportKeys.Algorithm.ED25519, dir.resolve("keys"), "other");
    signer = ExportKeys.signer(dir.resolve("keys/signer.key"));
  }

  private static List<String> lines(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("{\"id\":\"GHSA-" + i + "\",\"summary\":\"record " + i + " \\u00e9\"}");
    }
    return lines;
  }

  private static JsonBundle.Written write(Path out, List<String> lines, ExportSigner by) throws IOException {
    return JsonBundle.write(out, new JsonBundle.Description("json:raw", 7, "2026-11-01T06:00:00Z", Map.of("include", List.of("advisories"))),
        List.of(new JsonBundle.Content("advisories", "stella.advisory/v1", sink -> lines.forEach(sink))), by, 1_000);
  }

  private static List<String> readLines(Path file) throws IOException {
    try (InputStream in = new ZstdInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void aBundleHoldsShardedLinesThatReadBackAndVerifies() throws IOException {
    List<String> lines = lines(2_500);
    JsonBundle.Written written = write(dir.resolve("a"), lines, signer);

    assertThat(written.files()).extracting(BundleFile::path).containsExactly("advisories/normalized-00000.jsonl.zst",
        "advisories/normalized-00001.jsonl.zst", "advisories/normalized-00002.jsonl.zst");
    assertThat(written.files()).extracting(BundleFile::records).containsExactly(1_000L, 1_000L, 500L);
    List<String> back = new ArrayList<>();
    for (BundleFile f : written.files()) {
      back.addAll(readLines(dir.resolve("a").resolve(f.path())));
    }
    assertThat(back).isEqualTo(lines);

    BundleVerifier.Result result = BundleVerifier.verify(dir.resolve("a"), Optional.of(ExportKeys.publicKey(dir.resolve("keys/signer.pub"))));
    assertThat(result.problems()).isEmpty();
    assertThat(result.keyId()).isEqualTo(signer.keyId());
    assertThat(BundleVerifier.verify(dir.resolve("a"), Optional.empty()).ok()).as("against the bundle's own key").isTrue();
  }

  @Test
  void theSameInputsGiveAByteIdenticalBundle() throws IOException {
    write(dir.resolve("one"), lines(1_200), signer);
    write(dir.resolve("two"), lines(1_200), signer);
    assertThat(files(dir.resolve("one"))).isEqualTo(files(dir.resolve("two")));
    for (Path f : files(dir.resolve("one"))) {
      assertThat(Files.readAllBytes(dir.resolve("two").resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(f)));
    }
  }

  @Test
  void anySingleChangedByteFailsVerificationNamingTheFile() throws IOException {
    Path original = dir.resolve("tamper-original");
    write(original, lines(1_500), signer);
    Optional<java.security.PublicKey> key = Optional.of(ExportKeys.publicKey(dir.resolve("keys/signer.pub")));
    for (Path file : files(original)) {
      if (file.toString().equals(JsonBundle.SIGNING_KEY)) {
        continue; // with --key the embedded key is not trusted; changing it changes nothing checked
      }
      long size = Files.size(original.resolve(file));
      for (long at : new long[] {0, size / 2, size - 1}) {
        Path copy = dir.resolve("tamper");
        JsonBundle.deleteTree(copy);
        copyTree(original, copy);
        byte[] bytes = Files.readAllBytes(copy.resolve(file));
        bytes[(int) at] ^= 0x01;
        Files.write(copy.resolve(file), bytes);
        BundleVerifier.Result result = BundleVerifier.verify(copy, key);
        assertThat(result.ok()).as("byte " + at + " of " + file).isFalse();
        String name = file.toString().replace('\\', '/');
        assertThat(result.problems()).as("byte " + at + " of " + file).anyMatch(p -> p.file().equals(name)
            || (name.equals(JsonBundle.MANIFEST_SIGNATURE) && p.file().equals(JsonBundle.MANIFEST)));
      }
    }
    // A changed data file is named with the expected and the actual digest.
    Path copy = dir.resolve("tamper");
    JsonBundle.deleteTree(copy);
    copyTree(original, copy);
    Path shard = copy.resolve("advisories/normalized-00001.jsonl.zst");
    String expected = BundleVerifier.sha256(shard);
    byte[] bytes = Files.readAllBytes(shard);
    bytes[10] ^= 0x40;
    Files.write(shard, bytes);
    assertThat(BundleVerifier.verify(copy, key).problems()).extracting(Object::toString)
        .contains("advisories/normalized-00001.jsonl.zst: expected " + expected + ", found " + BundleVerifier.sha256(shard));
  }

  @Test
  void aWrongKeyAnUnlistedFileAndAMissingFileAreProblems() throws IOException {
    Path bundle = dir.resolve("checks");
    write(bundle, lines(100), signer);
    BundleVerifier.Result wrongKey = BundleVerifier.verify(bundle, Optional.of(ExportKeys.publicKey(dir.resolve("keys/other.pub"))));
    assertThat(wrongKey.problems()).extracting(BundleVerifier.Problem::file)
        .contains(JsonBundle.MANIFEST, JsonBundle.PROVENANCE_ENVELOPE);

    Files.writeString(bundle.resolve("advisories/extra.jsonl"), "{}\n");
    assertThat(BundleVerifier.verify(bundle, Optional.empty()).problems()).extracting(Object::toString)
        .contains("advisories/extra.jsonl: expected no file the manifest does not list, found an unlisted file");
    Files.delete(bundle.resolve("advisories/extra.jsonl"));
    Files.delete(bundle.resolve("advisories/normalized-00000.jsonl.zst"));
    assertThat(BundleVerifier.verify(bundle, Optional.empty()).problems()).extracting(BundleVerifier.Problem::file, BundleVerifier.Problem::actual)
        .contains(org.assertj.core.groups.Tuple.tuple("advisories/normalized-00000.jsonl.zst", "no such file"));
  }

  @Test
  void anEcdsaKeySignsAndVerifiesToo() throws IOException {
    ExportKeys.generate(ExportKeys.Algorithm.ECDSA_P256, dir.resolve("keys"), "p256");
    ExportSigner ecdsa = ExportKeys.signer(dir.resolve("keys/p256.key"));
    assertThat(ecdsa.algorithm()).isEqualTo("ecdsa-p256");
    write(dir.resolve("ecdsa"), lines(10), ecdsa);
    assertThat(BundleVerifier.verify(dir.resolve("ecdsa"), Optional.of(ExportKeys.publicKey(dir.resolve("keys/p256.pub")))).problems()).isEmpty();
  }

  @Test
  void anExportThatFailsMidwayLeavesThePreviousBundleAndNoPartialOneAtItsPlace() throws IOException {
    Path bundle = dir.resolve("interrupted");
    write(bundle, lines(50), signer);
    byte[] manifest = Files.readAllBytes(bundle.resolve(JsonBundle.MANIFEST));
    assertThatThrownBy(() -> JsonBundle.write(bundle, new JsonBundle.Description("json:raw", 8, "2026-11-02T06:00:00Z", Map.of()),
        List.of(new JsonBundle.Content("advisories", "stella.advisory/v1", sink -> {
          lines(2_000).forEach(sink);
          throw new IllegalStateException("the database went away");
        })), signer, 1_000)).hasMessage("the database went away");
    assertThat(Files.readAllBytes(bundle.resolve(JsonBundle.MANIFEST))).isEqualTo(manifest);
    assertThat(BundleVerifier.verify(bundle, Optional.empty()).ok()).isTrue();
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".interrupted.partial-"));
    }
  }

  @Test
  void aFolderThatIsNotABundleIsNeverReplaced() throws IOException {
    Path home = Files.createDirectories(dir.resolve("someones-home"));
    Files.writeString(home.resolve("notes.txt"), "keep me");
    assertThatThrownBy(() -> write(home, lines(10), signer)).isInstanceOf(IOException.class)
        .hasMessageContaining("exists and is not an export bundle (no export.json)");
    assertThat(Files.readString(home.resolve("notes.txt"))).isEqualTo("keep me");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    write(empty, lines(10), signer);
    assertThat(BundleVerifier.verify(empty, Optional.empty()).ok()).isTrue();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    for (Path f : files(from)) {
      Files.createDirectories(to.resolve(f).getParent());
      Files.copy(from.resolve(f), to.resolve(f));
    }
  }
}
