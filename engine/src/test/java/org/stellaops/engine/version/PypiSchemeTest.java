package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stellaops.engine.version.OrderingAssertions.assertAllEqual;
import static org.stellaops.engine.version.OrderingAssertions.assertRejected;
import static org.stellaops.engine.version.OrderingAssertions.assertStrictlyAscending;

import org.junit.jupiter.api.Test;

/**
 * PyPI as OSV orders it: PEP 440, with pre-PEP 440 strings from real PyPI advisories ordered as
 * {@code packaging} 21.3's {@code LegacyVersion} (expected orders taken from that release).
 */
class PypiSchemeTest {

  private final VersionScheme pypi = new PypiScheme();

  @Test
  void ordersLegacyStringsFromRealAdvisoriesBelowEveryPep440Version() {
    assertStrictlyAscending(pypi, "a3", "0.1-bulbasaur", "0.1-charmander", "0.3.1-p1", "0.7.1.fix1",
        "0.7.4.svn.r2010", "0.9-eevee", "2.0.0-final", "2.0.1rc2-git", "4.11-final", "5.0-final",
        "2013-01-21T20:33:09+0100", "2013-09-11T19-27-10", "0.0", "0.10", "2.0.0");
  }

  @Test
  void dropsTrailingZerosAndDashesAsSetuptoolsDid() {
    assertAllEqual(pypi, "2.0-final", "2.0.0-final", "2-final");
    assertAllEqual(pypi, "0.9-EEVEE", "0.9-eevee");
  }

  @Test
  void ordersPep440VersionsAsPep440() {
    assertStrictlyAscending(pypi, "1.0.dev1", "1.0a1", "1.0rc1", "1.0", "1.0.post1", "1!0.1");
    assertAllEqual(pypi, "1.0", "1.0.0", "v1.0", " 1.0 ");
  }

  @Test
  void refusesOnlyBlankText() {
    assertRejected(pypi, "", "empty version");
    assertRejected(pypi, "  ", "empty version");
    assertThat(pypi.name()).isEqualTo("PyPI (PEP 440, legacy fallback)");
  }
}
