package org.stellaops.streaming.rescan;

import java.util.Arrays;

/**
 * What the rescan keeps per image in keyed state: its last verdict's digest, decision and the
 * 64-bit hashes of its finding keys ({@link VerdictDiff#hash}), so the next re-evaluation diffs
 * against it without reading the verdict back from PostgreSQL. Hashes rather than the keys keep a
 * fleet's state, and each checkpoint of it, small. A Flink POJO.
 */
public class LastVerdict {
  public String verdictDigest;
  public String decision;
  /** Finding key hashes, sorted. */
  public long[] findingHashes;

  public LastVerdict() {}

  public LastVerdict(String verdictDigest, String decision, long[] findingHashes) {
    this.verdictDigest = verdictDigest;
    this.decision = decision;
    this.findingHashes = findingHashes.clone();
    Arrays.sort(this.findingHashes);
  }

  boolean contains(long hash) {
    return Arrays.binarySearch(findingHashes, hash) >= 0;
  }
}
