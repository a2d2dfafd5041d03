package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

/**
 * PyPI versions as OSV compares them ({@code packaging.version.parse} of {@code packaging} 21.3):
 * a PEP 440 version is ordered by {@link Pep440Scheme}; any other text is a legacy version,
 * ordered as {@link PypiLegacyVersion} describes and below every PEP 440 version. Only empty or
 * blank text is refused: it names no release.
 */
public final class PypiScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public PypiScheme() {}

  @Override
  public String name() {
    return "PyPI (PEP 440, legacy fallback)";
  }

  @Override
  public int compare(String left, String right) {
    validate(left);
    validate(right);
    Pep440Text l = pep440OrNull(left);
    Pep440Text r = pep440OrNull(right);
    if (l != null && r != null) {
      return Pep440Text.compare(l, r);
    }
    if (l != null || r != null) {
      return l == null ? -1 : 1;
    }
    return PypiLegacyVersion.compare(PypiLegacyVersion.key(left), PypiLegacyVersion.key(right));
  }

  @Override
  public void validate(String version) {
    requireNonNull(version, "version is null");
    if (version.isBlank()) {
      throw new UnparseableVersionException(version, "empty version");
    }
  }

  private static Pep440Text pep440OrNull(String version) {
    try {
      return Pep440Parser.parse(version);
    } catch (UnparseableVersionException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
