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
 * Every scheme is a total order on generated versions (reflexive, antisymmetric, transitive),
 * except Maven's, which is not always transitive; see {@link MavenSchemeTest}.
 */
class VersionOrderProperties {

  private static final VersionScheme NPM = SemVerScheme.npm();
  private static final VersionScheme CRATES = SemVerScheme.cratesIo();
  private static final VersionScheme GO = new GoScheme();
  private static final VersionScheme PEP440 = new Pep440Scheme();
  private static final VersionScheme MAVEN = new MavenScheme();

  @Provide
  Arbitrary<String> pep440() {
    return Arbitraries.randomValue(random -> new Pep440Samples(random.nextLong()).version())
        .filter(version -> isValid(PEP440, version));
  }

  @Provide
  Arbitrary<String> semver() {
    return Arbitraries.randomValue(random -> new SemVerSamples(random.nextLong()).version());
  }

  @Provide
  Arbitrary<String> go() {
    return semver().map(version -> version.endsWith(".0") && version.indexOf('-') < 0
        ? "v" + version.substring(0, version.length() - 2)
        : "v" + version);
  }

  /** Maven versions that start with a number, as real ones do, followed by a jumble of tokens. */
  @Provide
  Arbitrary<String> maven() {
    Arbitrary<String> tokens = Arbitraries.of("1", "0", "2", "10", "alpha", "beta", "rc", "cr", "sp", "snapshot",
            "ga", "final", "foo", "a", "b", "m", "-", ".", "-", ".")
        .list().ofMaxSize(6)
        .map(list -> String.join("", list));
    return Arbitraries.integers().between(0, 11).flatMap(first -> tokens.map(rest -> first + rest));
  }

  @Property
  void pep440IsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("pep440") String> versions) {
    assertTotalOrder(PEP440, versions);
  }

  @Property
  void npmIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("semver") String> versions) {
    assertTotalOrder(NPM, versions);
  }

  @Property
  void cratesIoIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("semver") String> versions) {
    assertTotalOrder(CRATES, versions);
  }

  @Property
  void goIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("go") String> versions) {
    assertTotalOrder(GO, versions);
  }

  /** ComparableVersion breaks transitivity (1-rc &lt; 1.0 &lt; 1.jre-a &lt; 1-rc), so only this much holds. */
  @Property
  void mavenIsReflexiveAndAntisymmetric(@ForAll @Size(min = 2, max = 25) List<@From("maven") String> versions) {
    assertAntisymmetric(MAVEN, versions);
  }

  @Property
  void semverFlavoursAgreeOnStrictVersions(@ForAll("semver") String left, @ForAll("semver") String right) {
    assertThat(Integer.signum(NPM.compare(left, right))).isEqualTo(Integer.signum(CRATES.compare(left, right)));
    assertThat(Integer.signum(GO.compare(left, right))).isEqualTo(Integer.signum(CRATES.compare(left, right)));
  }

  /**
   * Antisymmetry and reflexivity on every pair; transitivity by sorting and then checking every
   * pair of the result, which fails for any comparator that is not transitive on these values.
   */
  private static void assertTotalOrder(VersionScheme scheme, List<String> versions) {
    assertAntisymmetric(scheme, versions);
    List<String> sorted = new ArrayList<>(versions);
    sorted.sort(scheme::compare);
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        assertThat(scheme.compare(sorted.get(i), sorted.get(j)))
            .as("%s <= %s after sorting %s", sorted.get(i), sorted.get(j), sorted)
            .isNotPositive();
      }
    }
  }

  private static void assertAntisymmetric(VersionScheme scheme, List<String> versions) {
    for (String left : versions) {
      assertThat(scheme.compare(left, left)).as("%s == itself", left).isZero();
      for (String right : versions) {
        assertThat(Integer.signum(scheme.compare(left, right)))
            .as("compare(%s, %s) = -compare(%s, %s)", left, right, right, left)
            .isEqualTo(-Integer.signum(scheme.compare(right, left)));
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
