package org.stellaops.engine.version;

/**
 * Packagist versions, ordered as Composer orders them: each side is normalised as
 * {@code composer/semver}'s {@code VersionParser::normalize} does ({@code v1.2} becomes
 * {@code 1.2.0.0}, {@code 1.0RC1} becomes {@code 1.0.0.0-RC1}, {@code 2.x-dev} becomes
 * {@code 2.9999999.9999999.9999999-dev}, build metadata is dropped), then compared with PHP's
 * {@code version_compare}: dev &lt; alpha &lt; beta &lt; RC &lt; release &lt; patch. Branch names
 * such as {@code dev-main} are rejected: Composer gives them no order against versions.
 */
public final class ComposerScheme implements VersionScheme {

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public ComposerScheme() {}

  @Override
  public String name() {
    return "Packagist (Composer)";
  }

  @Override
  public int compare(String left, String right) {
    return PhpVersionCompare.compare(ComposerVersionNormalizer.normalize(left), ComposerVersionNormalizer.normalize(right));
  }

  @Override
  public void validate(String version) {
    ComposerVersionNormalizer.normalize(version);
  }

  @Override
  public String toString() {
    return name();
  }
}
