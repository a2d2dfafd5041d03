package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

class RubyGemsSchemeTest {

  private final VersionScheme rubygems = new RubyGemsScheme();

  @Test
  void ordersPrereleasesBelowReleasesAndNumbersNumerically() {
    assertStrictlyAscending(rubygems,
        "0.a",
        "0.1",
        "1.0.a",
        "1.0.a.1",
        "1.0.b1",
        "1.0.pre",
        "1.0.rc1",
        "1.0",
        "1.0.1",
        "1.2",
        "1.9.3",
        "1.10",
        "2-a",
        "2",
        "18446744073709551616");
  }

  @Test
  void ignoresTrailingZerosAndReadsDashAsPre() {
    assertAllEqual(rubygems, "1", "1.0", "1.0.0", " 1.0 ", "01");
    assertAllEqual(rubygems, "1.0-rc1", "1.0.pre.rc1", "1.pre.rc.1", "1.0.0.pre.rc1.0");
    assertAllEqual(rubygems, "1.a", "1.0.a", "1.0a");
    assertRejected(rubygems, "1a", "expected '.', '-' or the end at index 1, found 'a'"
        + " (RubyGems versions are like 1.2.3, 1.2.3.pre1 or 1.2.3-rc.1)");
    assertAllEqual(rubygems, "", "  ", "0", "0.0");
  }

  @Test
  void comparesLetterSegmentsByCharacterCode() {
    assertStrictlyAscending(rubygems, "1.A", "1.Z", "1.a", "1.alpha", "1.b", "1.beta", "1.pre", "1.rc");
  }

  @Test
  void rejectsVersionsOutsideTheGrammarWithReasons() {
    String hint = " (RubyGems versions are like 1.2.3, 1.2.3.pre1 or 1.2.3-rc.1)";
    assertRejected(rubygems, "v1.0", "expected a digit at the start at index 0, found 'v'" + hint);
    assertRejected(rubygems, "a.1", "expected a digit at the start at index 0, found 'a'" + hint);
    assertRejected(rubygems, "1.", "expected a letter or digit at index 2, found the end" + hint);
    assertRejected(rubygems, "1..0", "expected a letter or digit at index 2, found '.'" + hint);
    assertRejected(rubygems, "1.0-", "expected a letter, digit or '-' at index 4, found the end" + hint);
    assertRejected(rubygems, "1.0+build", "expected '.', '-' or the end at index 3, found '+'" + hint);
    assertRejected(rubygems, "1.0-a_b", "expected '.' or the end at index 5, found '_'" + hint);
    assertRejected(rubygems, "1.0\u00A0", "expected '.', '-' or the end at index 3, found '\u00A0'" + hint);
  }

  @Test
  void readsRealWorldOddFormsAsGemVersionDoes() {
    // Each result checked with Ruby 3.1 (RubyGems 3.3.15): Gem::Version.new(a) <=> Gem::Version.new(b).
    assertAllEqual(rubygems, "1.0.0.beta-2", "1.0.0.beta.pre.2", "1.beta.pre.2");
    assertAllEqual(rubygems, " 1.0 ", "1", "\t1.0\n", "1.0\n\n");
    assertAllEqual(rubygems, "1.0.0-rc1", "1.0.0.pre.rc1", "1.pre.rc.1", "1.0.0-rc1.0");
    assertAllEqual(rubygems, "1.0--1", "1.pre.pre.1");
    assertStrictlyAscending(rubygems, "1.0.0.RC1", "1.0.0.beta-2", "1.0.0beta", "1.0.0.beta.2", "1.0-a-", "1.0.0-rc1",
        "1.0.0rc1", "1.0", "1.0.1");
  }

  @Test
  void refusesANumberDirectlyFollowedByLettersAsGemVersionDoes() {
    // Gem::Version.correct?("1beta") is false and Gem::Version.new("1beta") raises "Malformed version number string".
    String hint = " (RubyGems versions are like 1.2.3, 1.2.3.pre1 or 1.2.3-rc.1)";
    assertRejected(rubygems, "1beta", "expected '.', '-' or the end at index 1, found 'b'" + hint);
    assertRejected(rubygems, "10rc1", "expected '.', '-' or the end at index 2, found 'r'" + hint);
    assertRejected(rubygems, "1.0-.1", "expected a letter, digit or '-' at index 4, found '.'" + hint);
    assertRejected(rubygems, "1_0", "expected '.', '-' or the end at index 1, found '_'" + hint);
    assertRejected(rubygems, "1.0\u0000", "expected '.', '-' or the end at index 3, found '\u0000'" + hint);
  }

  @Test
  void namesTheScheme() {
    assertThat(rubygems.name()).isEqualTo("RubyGems (Gem::Version)");
  }
}
