package org.stellaops.streaming.rescan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.stellaops.connectors.notify.RescanDelta;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.Verdict;

/**
 * What changed between an image's earlier verdict and its new one: findings are the same when
 * advisory, package URL and status are; a finding is new when the earlier verdict lacks it and
 * fixed when the new one does.
 */
public final class VerdictDiff {
  private VerdictDiff() {}

  /**
   * A 64-bit hash (FNV-1a) of what makes two findings the same finding: advisory, package URL and
   * status. Two different findings of one image share a hash with a chance of about one in 10^16.
   */
  static long hash(Finding f) {
    return hash(f.advisoryId(), f.purl(), f.status().label());
  }

  /** {@link #hash(Finding)} of a finding read as rows (advisory id, package URL, status label). */
  static long hash(String advisoryId, String purl, String status) {
    long h = 0xcbf29ce484222325L;
    h = mix(h, advisoryId);
    h = mix(h ^ 0x0a, purl);
    return mix(h ^ 0x0a, status);
  }

  private static long mix(long h, String text) {
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The finding hashes of {@code verdict}, one per distinct finding. */
  static long[] hashes(Verdict verdict) {
    return verdict.findings().stream().mapToLong(VerdictDiff::hash).distinct().toArray();
  }

  /**
   * The {@code rescan.delta} event for {@code current} against {@code earlier} (none: the image's
   * first verdict, every finding new), or empty when nothing a user would be told changed.
   */
  public static Optional<RescanDelta> between(Optional<LastVerdict> earlier, Verdict current, String repository,
      long snapshot, long occurredAtMillis) {
    Set<Long> now = new HashSet<>();
    List<Finding> added = new ArrayList<>();
    for (Finding f : current.findings()) {
      long hash = hash(f);
      if (now.add(hash) && !(earlier.isPresent() && earlier.get().contains(hash))) {
        added.add(f);
      }
    }
    int fixed = 0;
    if (earlier.isPresent()) {
      for (long hash : earlier.get().findingHashes) {
        if (!now.contains(hash)) {
          fixed++;
        }
      }
    }
    String previousDecision = earlier.map(v -> v.decision).orElse("");
    boolean flipped = !previousDecision.isEmpty() && !previousDecision.equals(current.decision().name());
    if (added.isEmpty() && fixed == 0 && !flipped) {
      return Optional.empty();
    }
    int criticals = 0;
    SeverityLevel worst = null;
    TreeSet<String> advisories = new TreeSet<>();
    for (Finding f : added) {
      if (f.severity() == SeverityLevel.CRITICAL) {
        criticals++;
      }
      if (f.severity().compareTo(SeverityLevel.LOW) <= 0 && (worst == null || f.severity().compareTo(worst) < 0)) {
        worst = f.severity();
      }
      advisories.add(f.advisoryId());
    }
    String[] listed = advisories.stream().limit(RescanDelta.LISTED_ADVISORIES).toArray(String[]::new);
    String previousDigest = earlier.map(v -> v.verdictDigest).orElse("");
    return Optional.of(new RescanDelta(RescanDelta.eventId(current.imageDigest(), snapshot, previousDigest,
        current.verdictDigest()), RescanDelta.KIND, current.imageDigest(), repository, snapshot, occurredAtMillis,
        current.verdictDigest(), previousDigest, current.decision().name(), previousDecision, added.size(), criticals, fixed,
        worst == null ? "" : worst.name().toLowerCase(Locale.ROOT), listed));
  }
}
