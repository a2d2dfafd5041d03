package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The dpkg, RPM and apk orders are total orders on generated versions. */
class DistroVersionOrderProperties {

  private static final VersionScheme DPKG = new DpkgScheme();
  private static final VersionScheme RPM = new RpmScheme();
  private static final VersionScheme APK = new ApkScheme();

  @Provide
  Arbitrary<String> dpkg() {
    return Arbitraries.randomValue(random -> new DpkgSamples(random.nextLong()).version())
        .filter(version -> isValid(DPKG, version));
  }

  @Provide
  Arbitrary<String> rpm() {
    return Arbitraries.randomValue(random -> new RpmSamples(random.nextLong()).version());
  }

  /** Numbers, a letter, suffixes and a release in apk's grammar, with leading zeros. */
  @Provide
  Arbitrary<String> apk() {
    Arbitrary<String> number = Arbitraries.of("0", "1", "2", "10", "00", "01", "007");
    Arbitrary<String> numbers = number.list().ofMinSize(1).ofMaxSize(4).map(list -> String.join(".", list));
    Arbitrary<String> letter = Arbitraries.of("", "", "a", "b", "z");
    Arbitrary<String> suffixes = Arbitraries.of("_alpha", "_beta", "_pre", "_rc", "_cvs", "_svn", "_git", "_hg", "_p",
            "_rc1", "_p2", "_git20230101", "_alpha0")
        .list().ofMaxSize(2).map(list -> String.join("", list));
    Arbitrary<String> release = Arbitraries.of("", "", "-r0", "-r1", "-r10", "-r00");
    return Combinators.combine(numbers, letter, suffixes, release).as((n, l, s, r) -> n + l + s + r);
  }

  @Property
  void dpkgIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("dpkg") String> versions) {
    assertTotalOrder(DPKG, versions);
  }

  @Property
  void rpmIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("rpm") String> versions) {
    assertTotalOrder(RPM, versions);
  }

  @Property
  void apkIsATotalOrder(@ForAll @Size(min = 2, max = 25) List<@From("apk") String> versions) {
    assertTotalOrder(APK, versions);
  }

  /** Antisymmetry on every pair; transitivity by sorting and then checking every pair of the result. */
  private static void assertTotalOrder(VersionScheme scheme, List<String> versions) {
    for (String left : versions) {
      for (String right : versions) {
        assertThat(Integer.signum(scheme.compare(left, right)))
            .as("compare(%s, %s) = -compare(%s, %s)", left, right, right, left)
            .isEqualTo(-Integer.signum(scheme.compare(right, left)));
      }
    }
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

  private static boolean isValid(VersionScheme scheme, String version) {
    try {
      scheme.validate(version);
      return true;
    } catch (UnparseableVersionException e) {
      return false;
    }
  }
}
