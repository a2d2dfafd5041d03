package org.stellaops.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.stellaops.jobs.cli.ExitCodes;
import org.stellaops.jobs.cli.StellaMain;

/** {@code stella version compare|satisfies}, run in this JVM without a database. */
class VersionCommandTest {

  private static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StellaMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  private static CliRun runWithInput(String input, String... args) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void comparePrintsTheOrder() {
    assertThat(run("version", "compare", "--ecosystem", "npm", "1.0.0-rc.1", "1.0.0").out()).isEqualTo("<\n");
    assertThat(run("version", "compare", "--ecosystem", "PyPI", "1.0", "1.0.0").out()).isEqualTo("=\n");
    CliRun maven = run("version", "compare", "--ecosystem", "Maven", "1.10", "1.9");
    assertThat(maven.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(maven.out()).isEqualTo(">\n");
  }

  @Test
  void compareRejectsAnUnparseableVersion() {
    CliRun result = run("version", "compare", "--ecosystem", "npm", "1.0", "1.0.0");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("stella: cannot parse version '1.0': ").endsWith("(npm (node-semver))\n");
  }

  @Test
  void compareReadsPairsFromStandardInput() {
    String input = "1.0.0\t1.0.0+build\n2.0.0-beta.1\t2.0.0\nnot a version\t1.0.0\nno-tab-here\n3.0.0\t2.9.9\n";
    CliRun result = runWithInput(input, "version", "compare", "--ecosystem", "npm", "--stdin");
    assertThat(result.out().split("\n", -1)).containsExactly(
        "=", "<", "error: cannot parse version 'not a version': " + npmReason("not a version"),
        "error: expected two versions separated by a tab", ">", "");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(result.err()).isEqualTo("stella: 2 of 5 lines could not be compared\n");
  }

  @Test
  void compareOnCleanInputExitsZero() {
    CliRun result = runWithInput("1.0.0\t1.0.1\r\n1.0.1\t1.0.1\r\n", "version", "compare", "--ecosystem", "npm", "--stdin");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).isEqualTo("<\n=\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void satisfiesUsesTheEcosystemsNotation() {
    assertThat(run("version", "satisfies", "--ecosystem", "Maven", "1.2.3", "[1.0,2.0)").out()).isEqualTo("true\n");
    assertThat(run("version", "satisfies", "--ecosystem", "Maven", "2.0", "[1.0,2.0)").out()).isEqualTo("false\n");
    assertThat(run("version", "satisfies", "--ecosystem", "npm", "1.9.0", "^1.2.3").out()).isEqualTo("true\n");
    assertThat(run("version", "satisfies", "--ecosystem", "npm", "1.9.0-beta", "^1.2.3").out()).isEqualTo("false\n");
    assertThat(run("version", "satisfies", "--ecosystem", "PyPI", "1.4.3", ">= 1.2.0, < 1.4.3").out()).isEqualTo("false\n");
    assertThat(run("version", "satisfies", "--ecosystem", "PyPI", "1.4", "[1.0,2.0)").out()).isEqualTo("true\n");
  }

  @Test
  void satisfiesRejectsAMalformedRange() {
    CliRun result = run("version", "satisfies", "--ecosystem", "Maven", "1.0", "[1.0,2.0");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).isEqualTo(
        "stella: cannot parse Maven range '[1.0,2.0' at index 0: interval opened here is not closed with ']' or ')'\n");
  }

  @Test
  void unknownEcosystemListsTheSupportedOnes() {
    CliRun result = run("version", "compare", "--ecosystem", "Photon OS", "1", "2");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).startsWith("stella: unknown ecosystem 'Photon OS'; supported: ")
        .contains("Alpine", "Debian", "Maven", "PyPI", "RubyGems", "crates.io", "npm");
    assertThat(run("version", "satisfies", "--ecosystem", "nuget", "1", "<2").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  private static String npmReason(String version) {
    try {
      org.stellaops.engine.version.VersionSchemes.forEcosystem("npm").orElseThrow().validate(version);
      throw new AssertionError(version + " parsed");
    } catch (org.stellaops.engine.version.UnparseableVersionException e) {
      return e.reason();
    }
  }
}
