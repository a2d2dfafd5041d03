package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares {@link DpkgScheme} with {@code dpkg --compare-versions} on generated and real pairs. */
class DpkgDifferentialTest {

  private static final long SEED = 5612L;
  private static final int PAIRS = 2000;
  private static final String VALIDITY = "dpkg --compare-versions 0 lt \"$1\"";
  private static final String COMPARE = "if dpkg --compare-versions -- \"$1\" lt \"$2\" 2>/dev/null; then echo -1;"
      + " elif dpkg --compare-versions -- \"$1\" eq \"$2\" 2>/dev/null; then echo 0; else echo 1; fi";

  private final DpkgScheme dpkg = new DpkgScheme();

  @Test
  void agreesWithDpkgOnGeneratedPairs(@TempDir Path workDir) throws Exception {
    assumeDpkg();
    List<String[]> pairs = new DpkgSamples(SEED).pairs(PAIRS);

    List<String> oracle = ShellOracle.run(ShellOracle.pairScript(pairs, VALIDITY, COMPARE), workDir);

    System.out.println("dpkg generated: " + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(PAIRS);
    assertThat(ShellOracle.firstDisagreements(dpkg, pairs, oracle, 20)).isEmpty();
    long invalid = oracle.stream().filter(line -> line.endsWith("x")).count();
    assertThat(invalid).as("some generated pairs are invalid, most valid").isBetween(PAIRS / 50L, PAIRS / 3L);
  }

  @Test
  void agreesWithDpkgOnFixtureVersions(@TempDir Path workDir) throws Exception {
    assumeDpkg();
    List<String> versions = new ArrayList<>();
    versions.addAll(OsvFixtureVersions.samplesOf("Debian"));
    versions.addAll(OsvFixtureVersions.of("Debian"));
    versions.addAll(OsvFixtureVersions.of("Ubuntu"));
    List<String[]> pairs = OsvFixtureVersions.neighbourPairs(versions);

    List<String> oracle = ShellOracle.run(ShellOracle.pairScript(pairs, VALIDITY, COMPARE), workDir);

    System.out.println("dpkg fixtures (" + versions.size() + " versions): " + ExternalOracle.summary(oracle));
    assertThat(ShellOracle.firstDisagreements(dpkg, pairs, oracle, 20)).isEmpty();
    assertThat(oracle).allMatch(line -> !line.endsWith("x"), "every fixture version is valid");
  }

  private static void assumeDpkg() {
    ExternalRequirement.tool(ExternalOracle.works("dpkg", "--compare-versions", "1", "lt", "2"),
        "dpkg is not installed (dpkg --compare-versions failed; on Debian: apt-get install dpkg)");
    ExternalRequirement.tool(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to batch dpkg calls");
  }
}
