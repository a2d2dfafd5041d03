package org.stellaops.engine;

/**
 * The version of the evaluation semantics. It is part of every verdict's input manifest: change
 * it whenever matching, ordering or policy evaluation would give a different result.
 */
public final class EngineVersion {
  /** The current engine version. */
  public static final String CURRENT = "stella-engine/0.5.0";

  private EngineVersion() {}
}
