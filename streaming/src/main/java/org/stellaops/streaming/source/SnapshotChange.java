package org.stellaops.streaming.source;

/**
 * Product keys a sealed snapshot changed (its export deltas), in parts of at most
 * {@link SealedSnapshotSource#KEYS_PER_PART} keys. A Flink POJO: public fields, no-argument
 * constructor.
 */
public class SnapshotChange {
  /** The snapshot number ({@code vuln.snapshot.seal_seq}). */
  public long snapshot;
  /** When it was sealed, epoch milliseconds: the event time of everything it changed. */
  public long sealedAtMillis;
  public int part;
  public int parts;
  public String[] productKeys;

  public SnapshotChange() {}

  public SnapshotChange(long snapshot, long sealedAtMillis, int part, int parts, String[] productKeys) {
    this.snapshot = snapshot;
    this.sealedAtMillis = sealedAtMillis;
    this.part = part;
    this.parts = parts;
    this.productKeys = productKeys;
  }

  @Override
  public String toString() {
    return "snapshot " + snapshot + " part " + (part + 1) + "/" + parts + " (" + productKeys.length + " product keys)";
  }
}
