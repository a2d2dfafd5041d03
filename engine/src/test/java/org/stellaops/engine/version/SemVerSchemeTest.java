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

class SemVerSchemeTest {

  private static final VersionScheme NPM = SemVerScheme.npm();
  private static final VersionScheme CRATES = SemVerScheme.cratesIo();

  static Stream<VersionScheme> bothFlavours() {
    return Stream.of(NPM, CRATES);
  }

  @ParameterizedTest
  @MethodSource("bothFlavours")
  void ordersTheSpecExampleChain(VersionScheme scheme) {
    assertStrictlyAscending(scheme,
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
  }

  @ParameterizedTest
  @MethodSource("bothFlavours")
  void ordersCoreNumbersNumerically(VersionScheme scheme) {
    assertStrictlyAscending(scheme,
        "0.0.0", "0.0.1", "0.0.9", "0.0.10", "0.1.0", "0.9.99", "0.10.0", "1.0.0", "1.9.0", "1.10.0",
        "9.0.0", "10.0.0", "9007199254740990.0.0", "9007199254740991.0.0");
  }

  @Test
  void cratesIoOrdersCoreNumbersOfAnyLength() {
    assertStrictlyAscending(CRATES, "9007199254740991.0.0", "99999999999999999999.0.0", "100000000000000000000.0.0");
  }

  @ParameterizedTest
  @MethodSource("bothFlavours")
  void ordersPrereleaseIdentifiers(VersionScheme scheme) {
    assertStrictlyAscending(scheme,
        "1.0.0-0", "1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-9007199254740991",
        "1.0.0-9223372036854775808", "1.0.0-99999999999999999999999",
        "1.0.0--", "1.0.0-0A", "1.0.0-0a", "1.0.0-A", "1.0.0-Z", "1.0.0-a", "1.0.0-a.0", "1.0.0-a.0.0",
        "1.0.0-a.1", "1.0.0-a.a", "1.0.0-a-b", "1.0.0-aa", "1.0.0-b", "1.0.0-z", "1.0.0");
  }

  @ParameterizedTest
  @MethodSource("bothFlavours")
  void ignoresBuildMetadata(VersionScheme scheme) {
    assertAllEqual(scheme, "1.0.0", "1.0.0+build1", "1.0.0+build2", "1.0.0+001", "1.0.0+a.b-c.0");
    assertAllEqual(scheme, "1.0.0-rc.1", "1.0.0-rc.1+x", "1.0.0-rc.1+20240101");
    assertThat(scheme.compare("1.0.0-rc.1+zzz", "1.0.0+aaa")).isNegative();
  }

  @Test
  void npmAcceptsOneLeadingVAndSurroundingWhitespace() {
    assertAllEqual(NPM, "1.2.3", "v1.2.3", " 1.2.3", "1.2.3 ", "\t v1.2.3 \n", "\u00A01.2.3\uFEFF", "1.2.3+b");
    assertThat(NPM.compare("v1.2.3-beta", "1.2.3")).isNegative();
  }

  static Stream<Arguments> invalidInBothFlavours() {
    return Stream.of(
        Arguments.of("", "empty version"),
        Arguments.of("1", "expected '.' before the minor version at index 1, found the end"),
        Arguments.of("1.2", "expected '.' before the patch version at index 3, found the end"),
        Arguments.of("1.2-3", "expected '.' before the patch version at index 3, found '-'"),
        Arguments.of("1.2.3.4", "unexpected '.' at index 5, expected '-' (pre-release), '+' (build metadata) or the end"),
        Arguments.of("01.2.3", "leading zero in the major version '01'"),
        Arguments.of("1.02.3", "leading zero in the minor version '02'"),
        Arguments.of("1.2.00", "leading zero in the patch version '00'"),
        Arguments.of("a.b.c", "expected digits for the major version at index 0"),
        Arguments.of("-1.2.3", "expected digits for the major version at index 0"),
        Arguments.of("1..3", "expected digits for the minor version at index 2"),
        Arguments.of("1.2.3-", "empty pre-release identifier at index 6"),
        Arguments.of("1.2.3-+b", "empty pre-release identifier at index 6"),
        Arguments.of("1.2.3-a..b", "empty pre-release identifier at index 8"),
        Arguments.of("1.2.3-a.", "empty pre-release identifier at index 8"),
        Arguments.of("1.2.3-01", "leading zero in numeric pre-release identifier '01'"),
        Arguments.of("1.2.3-alpha.007", "leading zero in numeric pre-release identifier '007'"),
        Arguments.of("1.2.3-a_b", "invalid character '_' in pre-release at index 7 (allowed: [0-9A-Za-z-] and '.')"),
        Arguments.of("1.2.3-ä", "invalid character 'ä' in pre-release at index 6 (allowed: [0-9A-Za-z-] and '.')"),
        Arguments.of("1.2.3+", "empty build metadata identifier at index 6"),
        Arguments.of("1.2.3+a..b", "empty build metadata identifier at index 8"),
        Arguments.of("1.2.3-a+b+c", "invalid character '+' in build metadata at index 9 (allowed: [0-9A-Za-z-] and '.')"),
        Arguments.of("1.2.3 beta", "unexpected ' ' at index 5, expected '-' (pre-release), '+' (build metadata) or the end"),
        Arguments.of("V1.2.3", "expected digits for the major version at index 0"),
        Arguments.of("=1.2.3", "expected digits for the major version at index 0"));
  }

  @ParameterizedTest
  @MethodSource("invalidInBothFlavours")
  void npmRejects(String version, String reason) {
    assertRejected(NPM, version, reason);
  }

  @ParameterizedTest
  @MethodSource("invalidInBothFlavours")
  void cratesIoRejects(String version, String reason) {
    assertRejected(CRATES, version, reason);
  }

  @Test
  void npmRejectsWhatNodeSemverRejects() {
    assertRejected(NPM, "   ", "empty version");
    assertRejected(NPM, "vv1.2.3", "expected digits for the major version at index 1");
    assertRejected(NPM, "v 1.2.3", "expected digits for the major version at index 1");
    assertRejected(NPM, "v", "expected digits for the major version at index 1");
  }

  @Test
  void npmRefusesWhatNodeSemverRefusesAsUnsafeJavaScriptNumbers() {
    NPM.validate("9007199254740991.9007199254740991.9007199254740991");
    String unsafe = " is above 9007199254740991 (JavaScript's Number.MAX_SAFE_INTEGER), which node-semver refuses";
    assertRejected(NPM, "9007199254740992.0.0", "the major version 9007199254740992" + unsafe);
    assertRejected(NPM, "1.9007199254740992.0", "the minor version 9007199254740992" + unsafe);
    assertRejected(NPM, "1.0.18446744073709551616", "the patch version 18446744073709551616" + unsafe);
    assertRejected(NPM, "v99999999999999999999.0.0", "the major version 99999999999999999999" + unsafe);
    // crates.io has no such limit here.
    CRATES.validate("18446744073709551616.0.0");
  }

  @Test
  void npmRefusesVersionsLongerThan256CharactersBeforeTrimming() {
    String longest = "1.0.0-" + "1".repeat(250);
    NPM.validate(longest);
    assertRejected(NPM, longest + "1",
        "version is 257 characters long; node-semver refuses versions longer than 256 characters");
    NPM.validate(" ".repeat(251) + "1.0.0");
    assertRejected(NPM, " ".repeat(252) + "1.0.0",
        "version is 257 characters long; node-semver refuses versions longer than 256 characters");
  }

  @Test
  void npmComparesLargeNumericPrereleaseIdentifiersAsDoublesAsNodeSemverDoes() {
    // Checked with node semver 7.8.6: semver.compare gives 0, 0, 0, -1, 1.
    assertThat(NPM.compare("1.0.0-9007199254740993", "1.0.0-9007199254740992")).isZero();
    assertThat(NPM.compare("1.0.0-9007199254740993.1", "1.0.0-9007199254740992.2")).isZero();
    assertThat(NPM.compare("1.0.0-18446744073709551616", "1.0.0-18446744073709551617")).isZero();
    assertThat(NPM.compare("1.0.0-18446744073709551616", "1.0.0-18446744073709551618000")).isNegative();
    assertThat(NPM.compare("1.0.0-9007199254740991", "1.0.0-9007199254740990")).isPositive();
    assertThat(NPM.compare("1.0.0-9007199254740992.a", "1.0.0-9007199254740992.b")).isNegative();
    assertThat(NPM.compare("1.0.0-9223372036854775807", "1.0.0-9223372036854775808")).isZero();
    // Other dialects compare the same identifiers exactly.
    assertThat(CRATES.compare("1.0.0-9007199254740993", "1.0.0-9007199254740992")).isPositive();
    assertThat(CRATES.compare("1.0.0-9223372036854775807", "1.0.0-9223372036854775808")).isNegative();
  }

  @Test
  void cratesIoRejectsPrefixAndWhitespace() {
    assertRejected(CRATES, "v1.2.3", "expected digits for the major version at index 0");
    assertRejected(CRATES, " 1.2.3", "expected digits for the major version at index 0");
    assertRejected(CRATES, "1.2.3\n", "unexpected '\n' at index 5, expected '-' (pre-release), '+' (build metadata) or the end");
  }

  @Test
  void acceptsLeadingZerosInBuildMetadataAndHyphenIdentifiers() {
    CRATES.validate("1.0.0+001.0002");
    CRATES.validate("1.0.0-x-y-z.--.0a");
    CRATES.validate("1.0.0-alpha+001");
  }

  @Test
  void rejectsNullWithAMessage() {
    assertThatNullPointerException().isThrownBy(() -> NPM.validate(null)).withMessage("version is null");
    assertThatNullPointerException().isThrownBy(() -> CRATES.compare("1.0.0", null)).withMessage("version is null");
  }

  @Test
  void namesTheFlavour() {
    assertThat(NPM.name()).isEqualTo("npm (node-semver)");
    assertThat(CRATES.name()).isEqualTo("crates.io (semver)");
    assertThat(SemVerScheme.npm()).isSameAs(NPM);
  }
}
