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
   * The {@code rescan.delta} event for {@code current} against {@code earlier} (none: the image's
   * first verdict, every finding new), or empty when nothing a user would be told changed.
   */
  public static Optional<RescanDelta> between(Optional<Verdict> earlier, Verdict current, String repository, long snapshot,
      long occurredAtMillis) {
    Set<String> before = new HashSet<>();
    earlier.ifPresent(v -> v.findings().forEach(f -> before.add(key(f))));
    Set<String> now = new HashSet<>();
    List<Finding> added = new ArrayList<>();
    for (Finding f : current.findings()) {
      String key = key(f);
      if (now.add(key) && !before.contains(key)) {
        added.add(f);
      }
    }
    int fixed = 0;
    for (String key : before) {
      if (!now.contains(key)) {
        fixed++;
      }
    }
    String previousDecision = earlier.map(v -> v.decision().name()).orElse("");
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
    String previousDigest = earlier.map(Verdict::verdictDigest).orElse("");
    return Optional.of(new RescanDelta(RescanDelta.eventId(current.imageDigest(), snapshot, previousDigest,
        current.verdictDigest()), RescanDelta.KIND, current.imageDigest(), repository, snapshot, occurredAtMillis,
        current.verdictDigest(), previousDigest, current.decision().name(), previousDecision, added.size(), criticals, fixed,
        worst == null ? "" : worst.name().toLowerCase(Locale.ROOT), listed));
  }

  private static String key(Finding f) {
    return f.advisoryId() + "\n" + f.purl() + "\n" + f.status().label();
  }
}
