package org.stellaops.engine.bomindex;

/** Whether an image's entrypoint uses a component, as the SBOM states it; never guessed. */
public enum EntrypointUsage {
  USED,
  NOT_USED,
  /** The SBOM does not say. */
  UNKNOWN
}
