package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link RpmScheme} with RPM's own {@code rpm.vercmp} (RPM 4.16 or later), run once
 * over all pairs in one Lua chunk. RPM compares any string, so only pairs that pass
 * {@link RpmScheme#validate} are sent.
 */
class RpmDifferentialTest {

  private static final long SEED = 4018L;
  private static final int PAIRS = 5000;

  private final RpmScheme rpm = new RpmScheme();

  @Test
  void agreesWithRpmOnGeneratedPairs(@TempDir Path workDir) throws Exception {
    assumeRpm();
    List<String[]> pairs = new RpmSamples(SEED).pairs(PAIRS);

    List<String> oracle = vercmp(pairs, workDir);

    System.out.println("rpm generated: " + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(PAIRS);
    assertThat(ShellOracle.firstDisagreements(rpm, pairs, oracle, 20)).isEmpty();
  }

  @Test
  void agreesWithRpmOnFixtureVersions(@TempDir Path workDir) throws Exception {
    assumeRpm();
    List<String> versions = new ArrayList<>();
    versions.addAll(OsvFixtureVersions.of("AlmaLinux"));
    versions.addAll(OsvFixtureVersions.of("Rocky_Linux"));
    Assumptions.assumeFalse(versions.isEmpty(), "skipped: no AlmaLinux or Rocky Linux OSV fixtures (stella.shared.dir)");
    versions.forEach(rpm::validate);
    List<String[]> pairs = OsvFixtureVersions.neighbourPairs(versions);

    List<String> oracle = vercmp(pairs, workDir);

    System.out.println("rpm fixtures (" + versions.size() + " versions): " + ExternalOracle.summary(oracle));
    assertThat(ShellOracle.firstDisagreements(rpm, pairs, oracle, 20)).isEmpty();
  }

  /** One outcome line per pair; pairs with an invalid side are not sent to RPM. */
  private List<String> vercmp(List<String[]> pairs, Path workDir) throws IOException, InterruptedException {
    StringBuilder lua = new StringBuilder("local out = {}\n"
        + "local function c(a, b) out[#out + 1] = '1 1 ' .. rpm.vercmp(a, b) end\n");
    for (String[] pair : pairs) {
      String outcome = ExternalOracle.outcome(rpm, pair[0], pair[1]);
      if (outcome.endsWith("x")) {
        lua.append("out[#out + 1] = '").append(outcome).append("'\n");
      } else {
        lua.append("c([==[").append(pair[0]).append("]==], [==[").append(pair[1]).append("]==])\n");
      }
    }
    lua.append("print(table.concat(out, '\\n'))\n");
    Path script = workDir.resolve("pairs.lua");
    Files.writeString(script, lua, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder("rpm", "--eval", "%{lua: dofile('" + script + "')}")
        .redirectError(workDir.resolve("stderr.txt").toFile())
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("rpm failed: " + Files.readString(workDir.resolve("stderr.txt")));
    }
    return output.lines().filter(line -> !line.isEmpty()).toList();
  }

  private static void assumeRpm() {
    Assumptions.assumeTrue(ExternalOracle.works("rpm", "--eval", "%{lua: print(rpm.vercmp('1.0', '1.1'))}"),
        "skipped: rpm 4.16 or later is not installed (rpm --eval with rpm.vercmp failed; on Debian: apt-get install rpm)");
  }
}
