package org.stellaops.engine.version;

/**
 * PyPI versions under PEP 440, ordered exactly as Python's {@code packaging.version.Version}:
 * epoch, release with zero padding, then dev-only &lt; a &lt; b &lt; rc &lt; final, post releases,
 * dev releases, and local labels. Alternative spellings, separators, case, a leading {@code v}
 * and surrounding whitespace are accepted as {@code packaging} accepts them.
 */
public final class Pep440Scheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public Pep440Scheme() {}

  @Override
  public String name() {
    return "PyPI (PEP 440)";
  }

  @Override
  public int compare(String left, String right) {
    return Pep440Text.compare(Pep440Parser.parse(left), Pep440Parser.parse(right));
  }

  @Override
  public void validate(String version) {
    Pep440Parser.parse(version);
  }

  @Override
  public String toString() {
    return name();
  }
}
