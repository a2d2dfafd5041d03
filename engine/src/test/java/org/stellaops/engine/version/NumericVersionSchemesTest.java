package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

/** Hackage, CRAN and Bitnami: the ecosystems whose versions are sequences of numbers. */
class NumericVersionSchemesTest {

  private final VersionScheme hackage = new HackageScheme();
  private final VersionScheme cran = new CranScheme();
  private final VersionScheme bitnami = new BitnamiScheme();

  @Test
  void hackageOrdersAsHaskellListsSoExtensionsAreHigher() {
    assertStrictlyAscending(hackage, "0", "0.0", "0.1", "1", "1.0", "1.0.0", "1.0.0.1", "1.2", "1.10",
        "2.0.0.0.0.1", "123456789012345678901234567890");
    assertRejected(hackage, "", "empty version");
    assertRejected(hackage, "1.01", "leading zero in '01' (Hackage versions are numbers separated by dots, like 1.2.0.3)");
    assertRejected(hackage, "1.2-3",
        "unexpected '-' at index 3 (Hackage versions are numbers separated by dots, like 1.2.0.3)");
    assertRejected(hackage, "1.",
        "expected a digit at index 2, found the end (Hackage versions are numbers separated by dots, like 1.2.0.3)");
    assertRejected(hackage, "v1",
        "expected a digit at index 0, found 'v' (Hackage versions are numbers separated by dots, like 1.2.0.3)");
    assertThat(hackage.name()).isEqualTo("Hackage (PVP)");
  }

  @Test
  void cranReadsDotsAndDashesAlikeAndNeedsTwoNumbers() {
    String grammar = " (CRAN versions are at least two numbers separated by '.' or '-', like 1.2-3)";
    assertStrictlyAscending(cran, "0.1", "0.9-1", "1.0", "1.0-1", "1.0.2", "1.2-10", "1.10-0", "10.0", "2147483647.0");
    assertAllEqual(cran, "1.2-3", "1.2.3", "1-2-3", "01.02.03");
    // R's comparison operators pad the shorter version with zeros: package_version("1.0") == "1.0-0".
    assertAllEqual(cran, "1.0", "1.0-0", "1.0.0.0", "01-00");
    assertRejected(cran, "1.2147483648",
        "number 2147483648 is larger than R's largest integer 2147483647 (R reads it as NA)");
    assertRejected(cran, "1", "needs at least 2 numbers" + grammar);
    assertRejected(cran, "1..2", "expected a digit at index 2, found '.'" + grammar);
    assertRejected(cran, "1.2a", "unexpected 'a' at index 3" + grammar);
    assertRejected(cran, "", "empty version");
    assertThat(cran.name()).isEqualTo("CRAN (package_version)");
  }

  @Test
  void bitnamiSortsRevisionsAfterTheVersion() {
    String grammar = " (Bitnami versions are numbers separated by dots and an optional revision, like 1.2.3 or 1.2.3-4)";
    assertStrictlyAscending(bitnami, "1.2.2-9", "1.2.3", "1.2.3-1", "1.2.3-2", "1.2.3-10", "1.2.4", "1.10.0", "2023.1.1");
    assertAllEqual(bitnami, "1.2", "1.2.0", "1.2.0-0", "1.2.0.0");
    assertRejected(bitnami, "1.2.3-rc1", "expected a digit at index 6, found 'r'" + grammar);
    assertRejected(bitnami, "1.2.3-4-5", "unexpected '-' at index 7" + grammar);
    assertRejected(bitnami, "1.2.3-", "expected a digit at index 6, found the end" + grammar);
    assertRejected(bitnami, "-1", "expected a digit at index 0, found '-'" + grammar);
    assertRejected(bitnami, "", "empty version");
    assertThat(bitnami.name()).isEqualTo("Bitnami (version-revision)");
  }
}
