package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link PypiScheme} with {@code packaging.version.parse} of {@code packaging} 21.3, the
 * last release with the {@code LegacyVersion} fallback that OSV's PyPI order relies on. Debian's
 * {@code python3-pip-whl} ships it inside pip's wheel ({@code pip._vendor.packaging}).
 */
class PypiDifferentialTest {

  private static final long SEED = 2130L;
  private static final int PAIRS = 3000;
  private static final Path WHEELS = Path.of("/usr/share/python-wheels");

  private static final String ORACLE = String.join("\n",
      "import sys",
      "from pip._vendor.packaging import version as v",
      "out = []",
      "for line in sys.stdin:",
      "    a, b = line.rstrip('\\n').split('\\t')",
      "    va, vb = (v.parse(bytes.fromhex(h).decode('utf-8')) for h in (a, b))",
      "    out.append('1 1 %d' % ((va > vb) - (va < vb)))",
      "sys.stdout.write('\\n'.join(out) + '\\n')");

  private final VersionScheme pypi = new PypiScheme();

  @Test
  void agreesWithPackagingLegacyParseOnGeneratedPairs(@TempDir Path workDir) throws Exception {
    List<String> command = oracleCommand();
    List<String[]> pairs = new ArrayList<>(new PypiLegacySamples(SEED).pairs(PAIRS));
    pairs.addAll(new Pep440Samples(SEED).pairs(PAIRS));
    // packaging orders blank text as a legacy version; the scheme refuses it (it names no release).
    pairs.removeIf(pair -> pair[0].isBlank() || pair[1].isBlank());

    List<String> oracle = ExternalOracle.outcomes(command, pairs, workDir);

    System.out.println("PyPI vs packaging 21.3 parse: " + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(pairs.size());
    assertThat(ExternalOracle.disagreements(pypi, pairs, oracle)).isEmpty();
  }

  @Test
  void agreesWithPackagingLegacyParseOnFixtureVersions(@TempDir Path workDir) throws Exception {
    List<String> command = oracleCommand();
    Path osv = OsvFixtureRecordVersions.osvDirectory();
    ExternalRequirement.fixtures(osv != null, "../shared/fixtures/osv (system property stella.shared.dir)");
    List<String> versions = OsvFixtureRecordVersions.all(osv).stream()
        .filter(occurrence -> occurrence.ecosystem().startsWith("PyPI"))
        .map(OsvFixtureRecordVersions.Occurrence::version).distinct().toList();
    List<String[]> pairs = OsvFixtureVersions.neighbourPairs(versions);

    List<String> oracle = ExternalOracle.outcomes(command, pairs, workDir);

    System.out.println("PyPI fixtures (" + versions.size() + " versions) vs packaging 21.3: "
        + ExternalOracle.summary(oracle));
    assertThat(ExternalOracle.disagreements(pypi, pairs, oracle)).isEmpty();
  }

  /** {@code python3} with pip's wheel on the path, or a skip (a failure in CI) naming the package. */
  private static List<String> oracleCommand() throws IOException {
    String wheel = null;
    if (Files.isDirectory(WHEELS)) {
      try (Stream<Path> files = Files.list(WHEELS)) {
        wheel = files.map(Path::toString).filter(name -> name.matches(".*/pip-[0-9.]+-py3-none-any\\.whl"))
            .sorted().findFirst().orElse(null);
      }
    }
    boolean works = wheel != null && ExternalOracle.works("env", "PYTHONPATH=" + wheel, "python3", "-c",
        "from pip._vendor.packaging import version, __version__; assert hasattr(version, 'LegacyVersion')");
    ExternalRequirement.tool(works, "packaging 21.3 with LegacyVersion (Debian package python3-pip-whl, "
        + "pip's wheel in " + WHEELS + ")");
    return List.of("env", "PYTHONPATH=" + wheel, "python3", "-c", ORACLE);
  }
}
