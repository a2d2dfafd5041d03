package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The RubyGems, NuGet, Composer, Hex, Pub, SwiftURL, Bitnami, Hackage and CRAN schemes are total
 * orders (reflexive, antisymmetric, transitive) on generated versions, and never throw on
 * versions they validate.
 */
class EcosystemOrderProperties {

  private static final VersionScheme RUBYGEMS = new RubyGemsScheme();
  private static final VersionScheme NUGET = new NuGetScheme();
  private static final VersionScheme COMPOSER = new ComposerScheme();
  private static final VersionScheme HEX = new HexScheme();
  private static final VersionScheme PUB = new PubScheme();
  private static final VersionScheme SWIFT = new SwiftUrlScheme();
  private static final VersionScheme BITNAMI = new BitnamiScheme();
  private static final VersionScheme HACKAGE = new HackageScheme();
  private static final VersionScheme CRAN = new CranScheme();

  @Provide
  Arbitrary<String> rubygems() {
    return Arbitraries.randomValue(random -> new RubyGemsSamples(random.nextLong()).version())
        .filter(version -> isValid(RUBYGEMS, version));
  }

  /** Strings of version-ish tokens; each property keeps those its scheme accepts. */
  @Provide
  Arbitrary<String> jumble() {
    Arbitrary<String> tokens = Arbitraries.of("0", "1", "2", "10", "01", ".", ".", ".", "-", "-", "+", "alpha", "a",
            "beta", "b", "RC", "rc", "p", "pl", "patch", "dev", "x", "stable", "A", "0x1", "-1");
    return Arbitraries.integers().between(0, 12).flatMap(first -> tokens.list().ofMaxSize(7)
        .map(rest -> first + String.join("", rest)));
  }

  @Provide
  Arbitrary<String> semver() {
    return Arbitraries.randomValue(random -> {
      String version = new SemVerSamples(random.nextLong()).version();
      return random.nextBoolean() ? version : "v" + version;
    });
  }

  /** Numbers of 0 to 2 digits joined by dots and dashes, as Hackage, CRAN and Bitnami spell them. */
  @Provide
  Arbitrary<String> numeric() {
    Arbitrary<String> number = Arbitraries.of("0", "1", "2", "10", "00", "01", "99");
    Arbitrary<String> separator = Arbitraries.of(".", ".", "-");
    return number.list().ofMinSize(1).ofMaxSize(5).flatMap(numbers -> separator.list().ofSize(numbers.size())
        .map(separators -> {
          StringBuilder version = new StringBuilder(numbers.get(0));
          for (int i = 1; i < numbers.size(); i++) {
            version.append(separators.get(i)).append(numbers.get(i));
          }
          return version.toString();
        }));
  }

  @Property
  void rubyGemsIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("rubygems") String> versions) {
    assertTotalOrder(RUBYGEMS, versions);
  }

  @Property
  void nuGetIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("jumble") String> versions) {
    assertTotalOrder(NUGET, valid(NUGET, versions));
  }

  @Property
  void nuGetIsATotalOrderOnSemVer(@ForAll @Size(min = 2, max = 25) List<@From("semver") String> versions) {
    assertTotalOrder(NUGET, valid(NUGET, versions));
  }

  @Property
  void composerIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("jumble") String> versions) {
    assertTotalOrder(COMPOSER, valid(COMPOSER, versions));
  }

  @Property
  void semVerVariantsAreTotalOrders(@ForAll @Size(min = 2, max = 25) List<@From("semver") String> versions) {
    assertTotalOrder(HEX, valid(HEX, versions));
    assertTotalOrder(PUB, valid(PUB, versions));
    assertTotalOrder(SWIFT, valid(SWIFT, versions));
  }

  @Property
  void numericSchemesAreTotalOrders(@ForAll @Size(min = 2, max = 25) List<@From("numeric") String> versions) {
    assertTotalOrder(BITNAMI, valid(BITNAMI, versions));
    assertTotalOrder(HACKAGE, valid(HACKAGE, versions));
    assertTotalOrder(CRAN, valid(CRAN, versions));
  }

  private static List<String> valid(VersionScheme scheme, List<String> versions) {
    return versions.stream().filter(version -> isValid(scheme, version)).toList();
  }

  private static void assertTotalOrder(VersionScheme scheme, List<String> versions) {
    for (String left : versions) {
      assertThat(scheme.compare(left, left)).as("%s == itself", left).isZero();
      for (String right : versions) {
        assertThat(Integer.signum(scheme.compare(left, right)))
            .as("%s: compare(%s, %s) = -compare(%s, %s)", scheme, left, right, right, left)
            .isEqualTo(-Integer.signum(scheme.compare(right, left)));
      }
    }
    List<String> sorted = new ArrayList<>(versions);
    sorted.sort(scheme::compare);
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        assertThat(scheme.compare(sorted.get(i), sorted.get(j)))
            .as("%s: %s <= %s after sorting %s", scheme, sorted.get(i), sorted.get(j), sorted)
            .isNotPositive();
      }
    }
  }

  private static boolean isValid(VersionScheme scheme, String version) {
    try {
      scheme.validate(version);
      return true;
    } catch (UnparseableVersionException e) {
      return false;
    }
  }
}
