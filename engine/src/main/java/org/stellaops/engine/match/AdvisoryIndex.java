package org.stellaops.engine.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stellaops.engine.ecosystem.DistroReleases;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;

/**
 * Advisories indexed by (base ecosystem, normalised package name), the key components are looked
 * up by. Withdrawn advisories are left out. Immutable once built; safe to share across threads.
 */
public final class AdvisoryIndex {
  private final Map<String, List<Entry>> byPackage;
  private final int advisoryCount;

  /** One affected-package entry together with its advisory, prepared for matching. */
  public static final class Entry {
    private final Advisory advisory;
    private final AffectedPackage affected;
    private final PreparedPackage prepared;
    private final Optional<String> release;
    private volatile String evaluationDigest;

    Entry(Advisory advisory, AffectedPackage affected) {
      this.advisory = Objects.requireNonNull(advisory, "advisory is null");
      this.affected = Objects.requireNonNull(affected, "affected is null");
      this.prepared = PreparedPackage.of(affected);
      this.release = DistroReleases.fromOsvEcosystem(affected.ecosystem());
    }

    /** The distribution release the entry is for ({@code Debian:12} → {@code 12}), when it names one. */
    public Optional<String> release() {
      return release;
    }

    /** The advisory. */
    public Advisory advisory() {
      return advisory;
    }

    /** The affected package of the advisory this entry is for. */
    public AffectedPackage affected() {
      return affected;
    }

    PreparedPackage prepared() {
      return prepared;
    }

    /** {@link EvaluationDigests#ofEntry} of this entry, computed on first use. */
    public String evaluationDigest() {
      String digest = evaluationDigest;
      if (digest == null) {
        digest = EvaluationDigests.ofEntry(advisory, affected);
        evaluationDigest = digest;
      }
      return digest;
    }
  }

  private AdvisoryIndex(Map<String, List<Entry>> byPackage, int advisoryCount) {
    this.byPackage = byPackage;
    this.advisoryCount = advisoryCount;
  }

  /** Indexes {@code advisories}. */
  public static AdvisoryIndex of(Iterable<Advisory> advisories) {
    Map<String, List<Entry>> byPackage = new HashMap<>();
    int count = 0;
    for (Advisory advisory : advisories) {
      if (advisory.hasBeenWithdrawn()) {
        continue;
      }
      count++;
      for (AffectedPackage affected : advisory.affected()) {
        String key = key(affected.ecosystem(), affected.name());
        byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(new Entry(advisory, affected));
      }
    }
    byPackage.replaceAll((k, v) -> List.copyOf(v));
    return new AdvisoryIndex(Map.copyOf(byPackage), count);
  }

  /** The entries for a package, in the order advisories were given; empty when none. */
  public List<Entry> lookup(String ecosystem, String name) {
    return byPackage.getOrDefault(key(ecosystem, name), List.of());
  }

  /** How many (non-withdrawn) advisories the index holds. */
  public int advisoryCount() {
    return advisoryCount;
  }

  private static String key(String ecosystem, String name) {
    String base = Ecosystems.baseEcosystem(ecosystem);
    return base + '\u0000' + Ecosystems.normaliseName(base, name);
  }
}
