package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Assertions over a whole chain of versions, checking every pair in both directions. */
final class OrderingAssertions {

  private OrderingAssertions() {}

  /** Each version is strictly lower than every later one, and equal to itself. */
  static void assertStrictlyAscending(VersionScheme scheme, String... chain) {
    for (int i = 0; i < chain.length; i++) {
      assertThat(scheme.compare(chain[i], chain[i])).as("%s == %s", chain[i], chain[i]).isZero();
      for (int j = i + 1; j < chain.length; j++) {
        assertThat(scheme.compare(chain[i], chain[j])).as("%s < %s", chain[i], chain[j]).isNegative();
        assertThat(scheme.compare(chain[j], chain[i])).as("%s > %s", chain[j], chain[i]).isPositive();
      }
    }
  }

  /** All versions are equal to each other in both directions. */
  static void assertAllEqual(VersionScheme scheme, String... versions) {
    for (String left : versions) {
      for (String right : versions) {
        assertThat(scheme.compare(left, right)).as("%s == %s", left, right).isZero();
      }
    }
  }

  /** validate and compare (on either side) reject the version with exactly this reason. */
  static void assertRejected(VersionScheme scheme, String version, String expectedReason) {
    UnparseableVersionException thrown =
        catchThrowableOfType(UnparseableVersionException.class, () -> scheme.validate(version));
    assertThat(thrown).as("validate(%s) throws", version).isNotNull();
    assertThat(thrown.version()).isEqualTo(version);
    assertThat(thrown.reason()).isEqualTo(expectedReason);
    assertThat(thrown).hasMessage("cannot parse version '" + version + "': " + expectedReason);
    assertThat(catchThrowableOfType(UnparseableVersionException.class, () -> scheme.compare(version, "1.0.0")))
        .as("compare(%s, 1.0.0) throws", version)
        .hasMessageContaining(expectedReason);
    assertThat(catchThrowableOfType(UnparseableVersionException.class, () -> scheme.compare("1.0.0", version)))
        .as("compare(1.0.0, %s) throws", version)
        .hasMessageContaining(expectedReason);
  }
}
