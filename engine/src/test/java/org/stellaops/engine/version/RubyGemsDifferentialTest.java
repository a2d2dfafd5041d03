package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares {@link RubyGemsScheme} with Ruby's own {@code Gem::Version} on generated and real pairs. */
class RubyGemsDifferentialTest {

  private static final long SEED = 1993L;
  private static final int PAIRS = 5000;

  private static final String ORACLE = String.join("\n",
      "require 'rubygems'",
      "def parse(h)",
      "  s = [h].pack('H*').force_encoding('UTF-8')",
      "  Gem::Version.correct?(s) ? Gem::Version.new(s) : nil",
      "end",
      "out = []",
      "STDIN.each_line do |line|",
      "  a, b = line.chomp.split(\"\\t\", -1)",
      "  va, vb = parse(a), parse(b)",
      "  if va.nil? || vb.nil?",
      "    out << \"#{va.nil? ? 0 : 1} #{vb.nil? ? 0 : 1} x\"",
      "  else",
      "    out << \"1 1 #{va <=> vb}\"",
      "  end",
      "end",
      "STDOUT.write(out.join(\"\\n\") + \"\\n\")");

  private final VersionScheme rubygems = new RubyGemsScheme();

  @Test
  void agreesWithGemVersionOnGeneratedPairs(@TempDir Path workDir) throws Exception {
    assumeRuby();
    List<String[]> pairs = new RubyGemsSamples(SEED).pairs(PAIRS);

    List<String> oracle = ExternalOracle.outcomes(List.of("ruby", "-e", ORACLE), pairs, workDir);

    System.out.println("RubyGems vs Gem::Version: " + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(PAIRS);
    assertThat(ExternalOracle.disagreements(rubygems, pairs, oracle)).isEmpty();
    long invalid = oracle.stream().filter(line -> line.endsWith("x")).count();
    long equal = oracle.stream().filter(line -> line.equals("1 1 0")).count();
    assertThat(invalid).as("some generated pairs are invalid, most valid").isBetween(PAIRS / 50L, PAIRS / 2L);
    assertThat(equal).as("many generated pairs are equal").isGreaterThan(PAIRS / 10L);
  }

  @Test
  void agreesWithGemVersionOnFixtureVersions(@TempDir Path workDir) throws Exception {
    assumeRuby();
    List<String> versions = new ArrayList<>(OsvFixtureVersions.samplesOf("RubyGems"));
    versions.addAll(OsvFixtureVersions.of("RubyGems"));
    List<String[]> pairs = new ArrayList<>();
    for (String left : versions) {
      for (String right : versions) {
        pairs.add(new String[] {left, right});
      }
    }

    List<String> oracle = ExternalOracle.outcomes(List.of("ruby", "-e", ORACLE), pairs, workDir);

    System.out.println("RubyGems fixtures vs Gem::Version: " + versions.size() + " versions, "
        + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(pairs.size());
    assertThat(ExternalOracle.disagreements(rubygems, pairs, oracle)).isEmpty();
  }

  private static void assumeRuby() {
    ExternalRequirement.tool(ExternalOracle.works("ruby", "-e", "require 'rubygems'; Gem::Version.new('1.0')"),
        "ruby is not available (ruby -e \"Gem::Version.new('1.0')\" failed); install the 'ruby' package");
  }
}
