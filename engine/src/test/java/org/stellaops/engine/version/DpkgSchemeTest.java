package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

/** Expected orders below were checked with dpkg 1.21.22's {@code --compare-versions}. */
class DpkgSchemeTest {

  private final VersionScheme dpkg = new DpkgScheme();

  @Test
  void ordersEpochUpstreamAndRevision() {
    // A binNMU (+b1) sorts after a new revision (-1): the upstream "1.0+b1" beats "1.0".
    assertStrictlyAscending(dpkg, "1.0~rc1", "1.0", "1.0-1", "1.0+b1", "1:0.9");
    assertStrictlyAscending(dpkg, "1.0-1~deb12u1", "1.0-1", "1.0-1+b1", "1.0-1+deb12u1", "1.0-2");
    assertStrictlyAscending(dpkg, "1.0-1~bpo11+1", "1.0-1", "2.30-1ubuntu0.1", "2.30-1ubuntu1");
  }

  @Test
  void sortsTildeFirstThenEndThenLettersThenSymbols() {
    assertStrictlyAscending(dpkg, "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a", "1.0z", "1.0+", "1.0.", "1.0.1");
    assertStrictlyAscending(dpkg, "1.0~1", "1.0A", "1.0Z", "1.0a");
  }

  @Test
  void comparesDigitRunsNumerically() {
    assertStrictlyAscending(dpkg, "1.2", "1.9", "1.10", "1.100", "1.99999999999999999999999");
    assertAllEqual(dpkg, "1.0", "1.00", "1.000", "01.0");
  }

  @Test
  void splitsTheRevisionAtTheLastHyphen() {
    assertStrictlyAscending(dpkg, "1.2-3", "1.2-4", "1.2-3-4", "1.2-3-5");
    assertStrictlyAscending(dpkg, "1:1", "1:1:1", "1:1:2");
  }

  @Test
  void treatsMissingEpochAndRevisionAsZero() {
    assertAllEqual(dpkg, "1.0", "0:1.0", "1.0-0", "0:1.0-0", "00:1.0", "+0:1.0", "-0:1.0");
    assertAllEqual(dpkg, "2:1.0", "+2:1.0", "02:1.0");
  }

  @Test
  void ignoresBlanksAroundTheVersion() {
    assertAllEqual(dpkg, "1.0-1", " 1.0-1", "1.0-1\t", " \t1.0-1 ");
  }

  @Test
  void acceptsWhatDpkgOnlyWarnsAbout() {
    assertThatCode(() -> dpkg.validate("abc")).doesNotThrowAnyException();
    assertThatCode(() -> dpkg.validate("1:a")).doesNotThrowAnyException();
    assertThatCode(() -> dpkg.validate("1.0_1")).doesNotThrowAnyException();
    assertThatCode(() -> dpkg.validate("1.0-\u00E9")).doesNotThrowAnyException();
    assertStrictlyAscending(dpkg, "abc", "abd");
    assertStrictlyAscending(dpkg, "1.0+1", "1.0_1");
    // dpkg compares bytes: UTF-8 sorts after ASCII letters, before ASCII symbols.
    assertStrictlyAscending(dpkg, "1.0z", "1.0\u00E9", "1.0\u20AC", "1.0\uD83D\uDE00", "1.0+");
  }

  @Test
  void readsTheEpochAsStrtolDoes() {
    // strtol skips any C white space before the number; dpkg only strips spaces and tabs.
    assertAllEqual(dpkg, "1:1", "\n1:1", "+1:1");
    assertStrictlyAscending(dpkg, "1.0", "1.0\r", "1:1", "\u000B+2:1");
  }

  @Test
  void rejectsWhatDpkgRejectsWithItsReasons() {
    assertRejected(dpkg, "", "version string is empty");
    assertRejected(dpkg, " \t", "version string is empty");
    assertRejected(dpkg, "1.0 1", "version string has embedded spaces");
    assertRejected(dpkg, "1.0-a\tb", "version string has embedded spaces");
    assertRejected(dpkg, ":1", "epoch in version is empty");
    assertRejected(dpkg, "a:1", "epoch in version is empty");
    assertRejected(dpkg, "1.0-1:", "epoch in version is not number");
    assertRejected(dpkg, "0x1:1", "epoch in version is not number");
    assertRejected(dpkg, "-1:1", "epoch in version is negative");
    assertRejected(dpkg, "2147483648:1", "epoch in version is too big");
    assertRejected(dpkg, "1:", "nothing after colon in version number");
    assertRejected(dpkg, "1:-1", "version number is empty");
    assertRejected(dpkg, "-1", "version number is empty");
    assertRejected(dpkg, "1.0-", "revision number is empty");
    assertRejected(dpkg, "1.0--", "revision number is empty");
  }

  @Test
  void acceptsTheLargestEpoch() {
    assertStrictlyAscending(dpkg, "2147483646:1", "2147483647:0");
  }

  @Test
  void namesTheScheme() {
    assertThat(dpkg.name()).isEqualTo("Debian (dpkg)");
  }
}
