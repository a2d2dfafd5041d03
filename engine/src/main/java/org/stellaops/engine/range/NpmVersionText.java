package org.stellaops.engine.range;

import java.util.Optional;

/** Reads the parts of an already valid node-semver version that the pre-release rule needs. */
final class NpmVersionText {
  private NpmVersionText() {}

  /**
   * The {@code major.minor.patch} of a version that has a pre-release tag, or empty when it has
   * none. Expects text that {@code SemVerScheme.npm()} accepts; build metadata is ignored.
   */
  static Optional<String> prereleaseTuple(String version) {
    String text = version.strip();
    int start = text.startsWith("v") ? 1 : 0;
    int plus = text.indexOf('+', start);
    int end = plus < 0 ? text.length() : plus;
    int dash = text.indexOf('-', start);
    if (dash < 0 || dash >= end) {
      return Optional.empty();
    }
    return Optional.of(text.substring(start, dash));
  }
}
