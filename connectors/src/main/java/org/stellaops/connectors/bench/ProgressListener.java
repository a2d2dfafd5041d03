package org.stellaops.connectors.bench;

/** Hears how far corpus generation has got; called from the generating thread. */
@FunctionalInterface
public interface ProgressListener {

  /** {@code done} of {@code total} items of {@code phase} are written. */
  void advanced(String phase, long done, long total);

  /** A listener that ignores all progress. */
  static ProgressListener none() {
    return (phase, done, total) -> {};
  }
}
