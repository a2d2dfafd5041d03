package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Pep440SchemeTest {

  private static final VersionScheme PEP440 = new Pep440Scheme();

  @Test
  void ordersTheSpecExampleChain() {
    assertStrictlyAscending(PEP440,
        "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
        "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5",
        "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");
  }

  @Test
  void ordersDevPreAndPostReleases() {
    assertStrictlyAscending(PEP440,
        "1.0.dev0", "1.0.dev1", "1.0a0", "1.0a1.dev1", "1.0a1", "1.0a1.post1.dev1", "1.0a1.post1",
        "1.0b0", "1.0rc0", "1.0rc1", "1.0", "1.0.post0.dev0", "1.0.post0", "1.0.post1.dev1", "1.0.post1",
        "1.0.1.dev1", "1.0.1");
  }

  @Test
  void ordersEpochsBeforeEverythingElse() {
    assertStrictlyAscending(PEP440, "2013.10", "2014.1", "99999", "1!0.1", "1!1.0", "2!0.0.dev0");
  }

  @Test
  void ordersReleaseSegmentsNumericallyWithPadding() {
    assertStrictlyAscending(PEP440,
        "0", "0.0.0.1", "0.1", "0.9", "0.10", "1", "1.0.0.0.1", "1.1", "1.9", "1.10",
        "99999999999999999999", "100000000000000000000.0");
  }

  @Test
  void ordersLocalLabels() {
    assertStrictlyAscending(PEP440,
        "1.0", "1.0+A", "1.0+a.b", "1.0+a.0", "1.0+a.1", "1.0+a.2", "1.0+a.10", "1.0+abc", "1.0+b",
        "1.0+0", "1.0+1", "1.0+1.a", "1.0+1.0", "1.0+2", "1.0+10", "1.0.post1");
    assertStrictlyAscending(PEP440, "1.0+ubuntu", "1.0+ubuntu.1", "1.0+ubuntu.1.deb", "1.0+ubuntu.2");
  }

  @Test
  void treatsSpellingsAsEqual() {
    assertAllEqual(PEP440, "1.0", "1.0.0", "1", "1.00", "01.0", "v1.0", "V1.0.0", " 1.0\n", "\u00A01.0\u3000", "0!1.0");
    assertAllEqual(PEP440, "1.0a1", "1.0alpha1", "1.0.a.1", "1.0-a-1", "1.0_A_1", "1.0a01", "1.0ALPHA-1");
    assertAllEqual(PEP440, "1.0b2", "1.0beta2", "1.0-b.2", "1.0.BETA_2");
    assertAllEqual(PEP440, "1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-RC-1", "1.0.c.1");
    assertAllEqual(PEP440, "1.0a0", "1.0a", "1.0.alpha", "1.0a-");
    assertAllEqual(PEP440, "1.0.post1", "1.0-1", "1.0post1", "1.0.rev1", "1.0r1", "1.0-post-1", "1.0_POST1");
    assertAllEqual(PEP440, "1.0.post0", "1.0.post", "1.0-r", "1.0rev", "1.0post.");
    assertAllEqual(PEP440, "1.0.dev0", "1.0.dev", "1.0-dev", "1.0_DEV_0", "1.0dev00");
    assertAllEqual(PEP440, "1.0+abc.1", "1.0+ABC-1", "1.0+abc_1", "1.0+abc.01");
  }

  static Stream<Arguments> invalidVersions() {
    String tail = " (after the release only a/b/rc, post, dev and a +local label may follow)";
    return Stream.of(
        Arguments.of("", "empty version"),
        Arguments.of(" \t", "empty version"),
        Arguments.of("not.a.version", "expected a release number at index 0, found 'n'"),
        Arguments.of("v", "expected a release number at index 1, found the end"),
        Arguments.of("1!", "expected a release number at index 2, found the end"),
        Arguments.of("!1.0", "expected a release number at index 0, found '!'"),
        Arguments.of(".1", "expected a release number at index 0, found '.'"),
        Arguments.of("1.0-foo", "unexpected '-foo' at index 3" + tail),
        Arguments.of("2.0.0-final", "unexpected '-final' at index 5" + tail),
        Arguments.of("1..0", "unexpected '..0' at index 1" + tail),
        Arguments.of("1.0.", "unexpected '.' at index 3" + tail),
        Arguments.of("1.0-1-1", "unexpected '-1' at index 5" + tail),
        Arguments.of("1.0.post1.post2", "unexpected '.post2' at index 9" + tail),
        Arguments.of("1.0a1b1", "unexpected 'b1' at index 5" + tail),
        Arguments.of("1.0dev1a1", "unexpected 'a1' at index 7" + tail),
        Arguments.of("1.0 .post1", "unexpected ' .post1' at index 3" + tail),
        Arguments.of("1.0poſt1", "unexpected 'poſt1' at index 3" + tail),
        Arguments.of("1.0+", "empty local version segment at index 4, found the end"
            + " (allowed: [a-z0-9] separated by '.', '-' or '_')"),
        Arguments.of("1.0+abc.", "empty local version segment at index 8, found the end"
            + " (allowed: [a-z0-9] separated by '.', '-' or '_')"),
        Arguments.of("1.0+a..b", "empty local version segment at index 6, found '.'"
            + " (allowed: [a-z0-9] separated by '.', '-' or '_')"),
        Arguments.of("1.0+ubuntu+1", "unexpected '+1' at index 10" + tail),
        Arguments.of("1.0+ab c", "unexpected ' c' at index 6" + tail),
        Arguments.of("2013-01-21T20:33:09+0100", "unexpected '-21T20:33:09+0100' at index 7" + tail));
  }

  @ParameterizedTest
  @MethodSource("invalidVersions")
  void rejectsInvalidVersionsWithReasons(String version, String reason) {
    assertRejected(PEP440, version, reason);
  }

  @Test
  void rejectsNullWithAMessage() {
    assertThatNullPointerException().isThrownBy(() -> PEP440.compare(null, "1.0")).withMessage("version is null");
  }

  @Test
  void namesTheScheme() {
    assertThat(PEP440.name()).isEqualTo("PyPI (PEP 440)");
  }
}
