package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

/** Expected orders below were checked with RPM 4.18's {@code rpm.vercmp}. */
class RpmSchemeTest {

  private final VersionScheme rpm = new RpmScheme();

  @Test
  void ordersEpochVersionAndRelease() {
    assertStrictlyAscending(rpm, "1.0", "1.0-1", "1.0-1.el8", "1.0-2.el8", "1.1-1", "1:0.9-1", "2:0.1");
    assertStrictlyAscending(rpm, "2.28-151.el8", "2.28-164.el8", "2.28-164.el8_5.3", "2.28-164.el8_6.1");
  }

  @Test
  void sortsTildeBeforeAnythingAndCaretAfterTheEnd() {
    assertStrictlyAscending(rpm, "1.0~~", "1.0~rc1", "1.0~rc2", "1.0", "1.0^", "1.0^git1", "1.0^git2", "1.0.1");
    assertStrictlyAscending(rpm, "1.0-1~", "1.0-1", "1.0-1^1", "1.0-1.1");
  }

  @Test
  void ranksNumbersAboveLettersAndComparesThemNumerically() {
    assertStrictlyAscending(rpm, "1.A", "1.Z", "1.a", "1.b", "1.0", "1.9", "1.10", "1.0010a");
    assertAllEqual(rpm, "1.0", "1.00", "1_0", "1..0", "1+0", "01.0");
  }

  @Test
  void ranksAnyReleaseAboveNone() {
    assertStrictlyAscending(rpm, "1.0", "1.0-~", "1.0-0", "1.0-1");
  }

  @Test
  void treatsAMissingEpochAsZero() {
    assertAllEqual(rpm, "1.0-1", "0:1.0-1", "00:1.0-1");
    assertAllEqual(rpm, "1:1.0", "01:1.0");
  }

  /** rpm reads an epoch only from leading digits; otherwise ':' separates segments (rpm.vercmp in RPM 4.18). */
  @Test
  void comparesEpochsThatAreNotNumbersAsRpmDoes() {
    assertAllEqual(rpm, ":1.0-1", "0:1.0-1", "1.0-1");
    assertAllEqual(rpm, "a:1.0", "a.1.0");
    assertAllEqual(rpm, "1.0-1:2", "1.0-1.2");
    assertAllEqual(rpm, "1:1.0:2", "1:1.0.2");
    assertStrictlyAscending(rpm, "abc:1.0-1", "1.0-1", "1.0-1:2", "1.0:1-1", "1:0.1-1");
    assertStrictlyAscending(rpm, "a:2-1", "b:1-1");
  }

  @Test
  void rejectsMalformedEvrsWithReasons() {
    assertRejected(rpm, "", "empty version");
    assertRejected(rpm, "1:", "empty version after the epoch");
    assertRejected(rpm, "1:-1", "empty version after the epoch");
    assertRejected(rpm, "1.0-", "empty release after '-'");
    assertRejected(rpm, "1.0 -1", "character U+0020 is not allowed in the version '1.0 '");
    assertRejected(rpm, "1.0-1#2", "character U+0023 is not allowed in the release '1#2'");
  }

  @Test
  void namesTheScheme() {
    assertThat(rpm.name()).isEqualTo("RPM (rpmvercmp)");
  }
}
