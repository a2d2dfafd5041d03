package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Bitnami versions: dot-separated numbers (missing ones zero, {@code 1.2 == 1.2.0}) and an
 * optional package revision after a dash, which sorts after the bare version
 * ({@code 1.2.3 < 1.2.3-1 < 1.2.3-2 < 1.2.4}); a missing revision counts as zero.
 */
public final class BitnamiScheme implements VersionScheme {

  private static final String GRAMMAR = "Bitnami versions are numbers separated by dots and an optional "
      + "revision, like 1.2.3 or 1.2.3-4";

  private static final NumberSequence NO_REVISION = new NumberSequence(List.of("0"));

  /** Creates the scheme; it holds no state, so one instance can be shared. */
  public BitnamiScheme() {}

  @Override
  public String name() {
    return "Bitnami (version-revision)";
  }

  @Override
  public int compare(String left, String right) {
    BitnamiVersion l = parse(left);
    BitnamiVersion r = parse(right);
    int order = NumberSequence.compareZeroPadded(l.core(), r.core());
    return order != 0 ? order : NumberSequence.compareZeroPadded(l.revision(), r.revision());
  }

  @Override
  public void validate(String version) {
    parse(version);
  }

  /** The version numbers and the revision (a single number, zero when absent). */
  private record BitnamiVersion(NumberSequence core, NumberSequence revision) {}

  private static BitnamiVersion parse(String version) {
    requireNonNull(version, "version is null");
    if (version.isEmpty()) {
      throw new UnparseableVersionException(version, "empty version");
    }
    int dash = version.indexOf('-');
    int coreEnd = dash < 0 ? version.length() : dash;
    NumberSequence core = NumberSequence.parse(version, 0, coreEnd, ".", 1, GRAMMAR);
    NumberSequence revision = dash < 0
        ? NO_REVISION
        : NumberSequence.parse(version, dash + 1, version.length(), "", 1, GRAMMAR);
    return new BitnamiVersion(core, revision);
  }

  @Override
  public String toString() {
    return name();
  }
}
