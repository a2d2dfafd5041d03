package org.stellaops.engine.version;

/**
 * NuGet versions, read and ordered as NuGet.Versioning's {@code NuGetVersion} with the default
 * comparer: surrounding whitespace trimmed; one to four numeric parts (leading zeros allowed,
 * missing parts zero, so {@code 1.0 == 1.0.0.0}); SemVer 2.0.0 pre-release labels compared
 * case-insensitively, numeric labels as numbers and below alphanumeric ones; build metadata
 * checked but ignored. A leading {@code v} is not accepted, as NuGet does not accept it.
 */
public final class NuGetScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public NuGetScheme() {}

  @Override
  public String name() {
    return "NuGet (NuGet.Versioning)";
  }

  @Override
  public int compare(String left, String right) {
    return NuGetVersionText.parse(left).compareTo(NuGetVersionText.parse(right));
  }

  @Override
  public void validate(String version) {
    NuGetVersionText.parse(version);
  }

  @Override
  public String toString() {
    return name();
  }
}
