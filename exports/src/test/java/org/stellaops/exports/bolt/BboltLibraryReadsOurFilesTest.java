package org.stellaops.exports.bolt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.TestData;

/**
 * Files from {@link BoltWriter} opened by the bbolt library itself (Debian's
 * golang-github-coreos-bbolt-dev, through {@code src/test/go/boltcheck}): it opens them read-only
 * as Trivy does, its consistency check ({@code tx.Check}) finds nothing, and it reads every bucket,
 * key and value our own reader reads. Needs Go and that package; {@code .ci/run} installs both.
 */
class BboltLibraryReadsOurFilesTest {
  @TempDir
  static Path dir;
  static Path boltcheck;

  @BeforeAll
  static void build() throws Exception {
    Path gopath = Path.of("/usr/share/gocode");
    boolean go = Files.isExecutable(Path.of("/usr/bin/go")) && Files.isDirectory(gopath.resolve("src/go.etcd.io/bbolt"));
    TestData.require(go, "Go with Debian's bbolt sources is not installed: apt-get install golang-go golang-github-coreos-bbolt-dev");
    boltcheck = dir.resolve("boltcheck");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/go", "build", "-o", boltcheck.toString(), ".")
        .directory(Path.of("src/test/go/boltcheck").toAbsolutePath().toFile()).redirectErrorStream(true);
    pb.environment().put("GOPATH", gopath.toString());
    pb.environment().put("GO111MODULE", "off");
    pb.environment().put("GOFLAGS", "");
    pb.environment().put("GOCACHE", dir.resolve("gocache").toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("go build: " + output).isZero();
  }

  private static String bbolt(Path file) throws Exception {
    Process p = new ProcessBuilder(boltcheck.toString(), file.toString()).redirectError(dir.resolve("boltcheck.err").toFile()).start();
    String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("bbolt: " + Files.readString(dir.resolve("boltcheck.err"))).isZero();
    return listing;
  }

  /** The listing boltcheck prints, from our reader. */
  private static String ours(Path file) throws Exception {
    StringBuilder out = new StringBuilder();
    walk("", BoltReader.open(file).root(), out);
    return out.toString();
  }

  private static void walk(String path, BoltReader.Bucket bucket, StringBuilder out) throws Exception {
    HexFormat hex = HexFormat.of();
    for (BoltReader.Entry e : bucket.entries()) {
      String key = hex.formatHex(e.key());
      if (e.bucket() != null) {
        out.append(path).append('\t').append(key).append("\tbucket\n");
        walk(path.isEmpty() ? key : path + "/" + key, e.bucket(), out);
      } else {
        out.append(path).append('\t').append(key).append('\t')
            .append(hex.formatHex(MessageDigest.getInstance("SHA-256").digest(e.value()))).append('\n');
      }
    }
  }

  private static void bothRead(BoltBucket root, String name) throws Exception {
    Path file = dir.resolve(name + ".db");
    BoltWriter.write(root, file);
    String expected = ours(file);
    assertThat(bbolt(file)).as(name).isEqualTo(expected);
  }

  @Test
  void bboltReadsATrivyShapedFileWithBranchAndOverflowPages() throws Exception {
    bothRead(BoltRoundTripTest.trivyShaped(6_000, new Random(3)), "trivy-shaped");
  }

  @Test
  void bboltReadsAnEmptyFileAndOneWithHugeKeys() throws Exception {
    bothRead(new BoltBucket(), "empty");
    BoltBucket root = new BoltBucket();
    Random random = new Random(5);
    for (int i = 0; i < 40; i++) {
      byte[] key = new byte[3_000 + random.nextInt(2_000)];
      random.nextBytes(key);
      root.bucket("big keys").put(key, new byte[random.nextInt(5_000)]);
    }
    bothRead(root, "huge-keys");
  }

  @Test
  void bboltReadsRandomTrees() throws Exception {
    List<String> failures = new ArrayList<>();
    for (int seed = 0; seed < 25; seed++) {
      Random random = new Random(seed);
      BoltBucket root = new BoltBucket();
      int top = 1 + random.nextInt(4);
      for (int t = 0; t < top; t++) {
        BoltRoundTripTest.fill(root.bucket(BoltRoundTripTest.randomKey(random)), random, 0);
      }
      try {
        bothRead(root, "random-" + seed);
      } catch (AssertionError e) {
        failures.add("seed " + seed + ": " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    assertThat(failures).isEmpty();
  }
}
