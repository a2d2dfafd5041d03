package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares {@link SemVerScheme#npm()} with node's {@code semver} package on generated pairs. */
class NpmSemVerDifferentialTest {

  private static final long SEED = 20L;
  private static final int PAIRS = 5000;

  private static final String ORACLE = String.join("\n",
      "const semver = require('semver');",
      "const parse = (h) => {",
      "  try { return new semver.SemVer(Buffer.from(h, 'hex').toString('utf8')); } catch (e) { return null; }",
      "};",
      "const out = [];",
      "for (const line of require('fs').readFileSync(0, 'utf8').split('\\n')) {",
      "  if (line === '') continue;",
      "  const [a, b] = line.split('\\t');",
      "  const va = parse(a), vb = parse(b);",
      "  out.push(va === null || vb === null",
      "      ? `${va === null ? 0 : 1} ${vb === null ? 0 : 1} x`",
      "      : `1 1 ${semver.compare(va, vb)}`);",
      "}",
      "process.stdout.write(out.join('\\n') + '\\n');");

  @Test
  void agreesWithNodeSemverOnEveryPair(@TempDir Path workDir) throws Exception {
    ExternalRequirement.tool(ExternalOracle.works("node", "-e", "require('semver')"),
        "node with the 'semver' package is not available (node -e \"require('semver')\" failed)");
    List<String[]> pairs = new SemVerSamples(SEED).pairs(PAIRS);

    List<String> oracle = ExternalOracle.outcomes(List.of("node", "-e", ORACLE), pairs, workDir);

    System.out.println("npm vs node-semver: " + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(PAIRS);
    assertThat(ExternalOracle.disagreements(SemVerScheme.npm(), pairs, oracle)).isEmpty();
  }
}
