package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares {@link Pep440Scheme} with Python's {@code packaging.version.Version} on generated pairs. */
class Pep440DifferentialTest {

  private static final long SEED = 440L;
  private static final int PAIRS = 5000;

  private static final String ORACLE = String.join("\n",
      "import sys",
      "from packaging.version import Version, InvalidVersion",
      "def parse(h):",
      "    try:",
      "        return Version(bytes.fromhex(h).decode('utf-8'))",
      "    except InvalidVersion:",
      "        return None",
      "out = []",
      "for line in sys.stdin:",
      "    a, b = line.rstrip('\\n').split('\\t')",
      "    va, vb = parse(a), parse(b)",
      "    if va is None or vb is None:",
      "        out.append('%d %d x' % (va is not None, vb is not None))",
      "    else:",
      "        out.append('1 1 %d' % ((va > vb) - (va < vb)))",
      "sys.stdout.write('\\n'.join(out) + '\\n')");

  @Test
  void agreesWithPythonPackagingOnEveryPair(@TempDir Path workDir) throws Exception {
    ExternalRequirement.tool(ExternalOracle.works("python3", "-c", "import packaging.version"),
        "python3 with the 'packaging' library is not available (python3 -c 'import packaging' failed)");
    List<String[]> pairs = new Pep440Samples(SEED).pairs(PAIRS);

    List<String> oracle = ExternalOracle.outcomes(List.of("python3", "-c", ORACLE), pairs, workDir);

    System.out.println("PEP 440 vs packaging: " + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(PAIRS);
    assertThat(ExternalOracle.disagreements(new Pep440Scheme(), pairs, oracle)).isEmpty();
    assertThat(oracle.stream().filter(line -> line.endsWith("x")).count())
        .as("some generated pairs are invalid, some valid")
        .isBetween(PAIRS / 20L, PAIRS / 2L);
  }
}
