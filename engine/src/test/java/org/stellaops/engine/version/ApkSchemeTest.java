package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

class ApkSchemeTest {

  private final VersionScheme apk = new ApkScheme();

  @Test
  void ordersSuffixesAroundTheRelease() {
    assertStrictlyAscending(apk,
        "1.2.3_alpha", "1.2.3_alpha1", "1.2.3_alpha2", "1.2.3_beta1", "1.2.3_pre1", "1.2.3_rc1", "1.2.3_rc1-r0",
        "1.2.3_rc2", "1.2.3", "1.2.3-r0", "1.2.3-r5", "1.2.3-r10", "1.2.3_cvs1", "1.2.3_svn1", "1.2.3_git20230101",
        "1.2.3_git20230101-r1", "1.2.3_hg1", "1.2.3_p1", "1.2.3_p2", "1.2.4_rc1", "1.2.4");
  }

  @Test
  void ordersNumbersLettersAndFurtherComponents() {
    assertStrictlyAscending(apk, "1.2", "1.2-r0", "1.2a", "1.2b", "1.2.1", "1.2.10", "1.10", "2");
    assertStrictlyAscending(apk, "2.4.0_git20230101-r1", "2.4.0_p1", "2.4.0a", "2.4.1_rc1", "2.4.1");
  }

  @Test
  void comparesNumbersNumericallyExceptLeadingZerosAfterADotWhichCompareAsText() {
    assertStrictlyAscending(apk, "9", "10", "100", "99999999999999999999999");
    assertAllEqual(apk, "1.2", "01.2", "001.2");
    assertStrictlyAscending(apk, "1.001", "1.01", "1.012", "1.02", "1.1");
    assertStrictlyAscending(apk, "1.0", "1.00", "1.05", "1.5");
  }

  @Test
  void isEqualOnlyForTheSameTokens() {
    assertAllEqual(apk, "1.2.3_rc1-r0", "1.2.3_rc01-r00");
    assertStrictlyAscending(apk, "1.2.3", "1.2.3.0");
  }

  @Test
  void ordersCommitHashesBetweenSuffixesAndTheRelease() {
    assertStrictlyAscending(apk, "1.2_git20240101", "1.2_git20240101~0a1b", "1.2_git20240101~0a1c",
        "1.2_git20240101~0a1c-r1", "1.2_git20240102");
  }

  /** apk-tools 3 calls these invalid (apk_version_validate) yet orders them: the walk stops and sorts lowest. */
  @Test
  void ordersVersionsApkToolsCallsInvalidAsApkToolsDoes() {
    assertThat(ApkScheme.isStrictlyValid("1.2a1")).isFalse();
    assertThat(ApkScheme.isStrictlyValid("1.2a")).isTrue();
    assertStrictlyAscending(apk, "1.2", "1.2a1", "1.2a", "1.2b1", "1.2b", "1.2.1");
    assertAllEqual(apk, "1.2a1", "1.2a2", "1.2a99");
    assertStrictlyAscending(apk, "1.2-1", "1.2", "1.2-r0");
    assertStrictlyAscending(apk, "1.2_alpha", "1.2_foo1", "1.2");
    assertStrictlyAscending(apk, "1.2 ", "1.2", "1.2-r1");
    assertAllEqual(apk, "1.2A", "1.2 ", "1.2-", "1.2_", "1.2~", "1.2.");
  }

  @Test
  void refusesOnlyTextThatDoesNotStartWithANumber() {
    assertRejected(apk, "", "empty version");
    assertRejected(apk, "v1.2", "expected a number at index 0, found 'v' (apk versions start with a number, like 1.2.3-r0)");
    assertRejected(apk, "_1", "expected a number at index 0, found '_' (apk versions start with a number, like 1.2.3-r0)");
  }

  @Test
  void namesTheScheme() {
    assertThat(apk.name()).isEqualTo("Alpine (apk)");
  }
}
