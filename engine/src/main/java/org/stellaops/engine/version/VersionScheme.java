package org.stellaops.engine.version;

/**
 * The version order of one ecosystem. Implementations are stateless and thread-safe.
 *
 * <p>{@link #compare} throws {@link UnparseableVersionException} when either side is not a
 * version in this ecosystem; callers turn that into an explicit {@code unknown} result.
 */
public interface VersionScheme {

  /** A short name for messages, e.g. {@code npm (node-semver)}. */
  String name();

  /** Negative, zero or positive as {@code left} is lower than, equal to or higher than {@code right}. */
  int compare(String left, String right);

  /** Throws {@link UnparseableVersionException} when {@code version} is not valid in this scheme. */
  void validate(String version);
}
