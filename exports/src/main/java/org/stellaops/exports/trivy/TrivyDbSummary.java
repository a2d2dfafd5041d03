package org.stellaops.exports.trivy;

import java.util.SortedMap;

/**
 * What a Trivy DB export holds and what it left out.
 *
 * @param advisoriesRead every advisory offered to the export
 * @param advisoriesExported those with at least one entry written
 * @param entries advisory values written (one per advisory, bucket and package)
 * @param buckets per advisory bucket: package buckets and advisory values
 * @param skipped per reason: affected packages not written (or written widened), with a first example
 * @param dbBytes size of {@code trivy.db}
 */
public record TrivyDbSummary(long advisoriesRead, long advisoriesExported, long entries,
    SortedMap<String, BucketCount> buckets, SortedMap<String, Reason> skipped, long dbBytes) {

  public TrivyDbSummary {
    buckets = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(buckets));
    skipped = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(skipped));
  }

  /** One advisory bucket's size. */
  public record BucketCount(long packages, long entries) {}

  /** How often a reason occurred, the first occurrence, and whether the entries were written widened rather than left out. */
  public record Reason(long count, String example, boolean widened) {}

  /** Advisories with no entry written at all. */
  public long advisoriesNotExported() {
    return advisoriesRead - advisoriesExported;
  }
}
