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
  void comparesNumbersNumericallyExceptLeadingZerosAfterADot() {
    assertStrictlyAscending(apk, "9", "10", "100", "99999999999999999999999");
    assertAllEqual(apk, "1.2", "01.2", "001.2");
    assertStrictlyAscending(apk, "1.001", "1.01", "1.1");
    assertStrictlyAscending(apk, "1.00", "1.0", "1.05", "1.5");
  }

  @Test
  void isEqualOnlyForTheSameTokens() {
    assertAllEqual(apk, "1.2.3_rc1-r0", "1.2.3_rc01-r00");
    assertStrictlyAscending(apk, "1.2.3", "1.2.3.0");
  }

  @Test
  void rejectsMalformedVersionsWithReasons() {
    assertRejected(apk, "", "empty version");
    assertRejected(apk, "v1.2", "expected a number at index 0, found 'v'");
    assertRejected(apk, "1..2", "expected a number after '.' at index 2, found '.'");
    assertRejected(apk, "1.2.", "expected a number after '.' at index 4, found the end");
    assertRejected(apk, "1.2_foo1", "unknown suffix '_foo' at index 3, expected one of _alpha, _beta, _pre, _rc, _cvs,"
        + " _svn, _git, _hg, _p");
    assertRejected(apk, "1.2-1", "expected 'r' after '-' (release such as -r0) at index 4, found '1'");
    assertRejected(apk, "1.2-r", "expected the release number after '-r' at index 5, found the end");
    assertRejected(apk, "1.2-r1-r2", "expected '_' (suffix), '-r' (release) or the end at index 6, found '-'");
    assertRejected(apk, "1.2ab", "expected '_' (suffix), '-r' (release) or the end at index 4, found 'b'");
    assertRejected(apk, "1.2A", "expected '_' (suffix), '-r' (release) or the end at index 3, found 'A'");
    assertRejected(apk, "1.2a.3", "expected '_' (suffix), '-r' (release) or the end at index 4, found '.'");
    assertRejected(apk, "1.2 ", "expected '_' (suffix), '-r' (release) or the end at index 3, found ' '");
    assertRejected(apk, "1.2~abc", "expected '_' (suffix), '-r' (release) or the end at index 3, found '~'");
  }

  @Test
  void namesTheScheme() {
    assertThat(apk.name()).isEqualTo("Alpine (apk)");
  }
}
