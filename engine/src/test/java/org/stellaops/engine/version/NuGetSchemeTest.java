package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

class NuGetSchemeTest {

  private final VersionScheme nuget = new NuGetScheme();

  @Test
  void ordersFourPartVersionsAndPrereleases() {
    assertStrictlyAscending(nuget,
        "0.9",
        "1.0.0--1",
        "1.0.0-0",
        "1.0.0-2",
        "1.0.0-10",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.0.1-beta",
        "1.0.0.1",
        "1.0.0.10",
        "1.0.1",
        "1.10",
        "2147483647");
  }

  @Test
  void padsMissingPartsIgnoresLeadingZerosCaseAndBuildMetadata() {
    assertAllEqual(nuget, "1", "1.0", "1.0.0", "1.0.0.0", "01.00.000", " 1.0.0 ", "1.0.0+build.7", "1.0+a-b");
    assertAllEqual(nuget, "1.0.0-RC.1", "1.0.0-rc.1", "1.0.0.0-Rc.1+sha.abc");
  }

  @Test
  void rejectsVersionsNuGetDoesNotParseWithReasons() {
    assertRejected(nuget, "", "empty version");
    assertRejected(nuget, "   ", "empty version");
    assertRejected(nuget, "v1.0.0", "numeric part 1 'v1' is not a non-negative integer");
    assertRejected(nuget, "1.0.0.0.0", "more than four numeric parts in '1.0.0.0.0'");
    assertRejected(nuget, "1..0", "numeric part 2 '' is not a non-negative integer");
    assertRejected(nuget, "2147483648.0", "numeric part 1 '2147483648' is larger than 2147483647");
    assertRejected(nuget, "1.0.0-", "empty pre-release label");
    assertRejected(nuget, "1.0.0-a..b", "empty pre-release label");
    assertRejected(nuget, "1.0.0-01", "leading zero in numeric pre-release label '01'");
    assertRejected(nuget, "1.0.0-a_b", "invalid character '_' in pre-release label 'a_b' (allowed: [0-9A-Za-z-])");
    assertRejected(nuget, "1.0.0+", "empty build metadata identifier");
  }

  @Test
  void refusesNumericPartsAboveInt32MaxValueEvenBeyond64Bits() {
    assertAllEqual(nuget, "2147483647.2147483647.2147483647.2147483647", "02147483647.2147483647.2147483647.2147483647");
    assertRejected(nuget, "1.2147483648", "numeric part 2 '2147483648' is larger than 2147483647");
    assertRejected(nuget, "1.0.0.9223372036854775808", "numeric part 4 '9223372036854775808' is larger than 2147483647");
    assertRejected(nuget, "18446744073709551616.0.0",
        "numeric part 1 '18446744073709551616' is larger than 2147483647");
    assertRejected(nuget, "1.0.99999999999999999999999-beta",
        "numeric part 3 '99999999999999999999999' is larger than 2147483647");
  }

  @Test
  void comparesPrereleaseLabelsBeyondInt32AsText() {
    // Int32.TryParse fails on them, so NuGet compares them as text: above every numeric label.
    assertStrictlyAscending(nuget,
        "1.0.0-2147483647",
        "1.0.0-18446744073709551616",
        "1.0.0-2147483648",
        "1.0.0-9223372036854775808",
        "1.0.0-a");
  }

  @Test
  void namesTheScheme() {
    assertThat(nuget.name()).isEqualTo("NuGet (NuGet.Versioning)");
  }
}
