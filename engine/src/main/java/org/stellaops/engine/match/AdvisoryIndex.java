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
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;

/**
 * Advisories indexed by (base ecosystem, normalised package name), the key components are looked
 * up by. Withdrawn advisories are left out. Immutable once built; safe to share across threads.
 */
public final class AdvisoryIndex {
  private final Map<String, PackageEntries> byPackage;
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

  /**
   * One package's entries, with what matching derives from them on first use and then shares:
   * the {@link PackageIntervals}, and per distro release the compatible entries and their
   * combined evaluation digest.
   */
  static final class PackageEntries {
    static final PackageEntries NONE = new PackageEntries(List.of());
    static final int MAX_REMEMBERED_VERSIONS = 64;

    private final List<Entry> all;
    private final boolean anyRelease;
    private final ReleaseGroup unreleased;
    private volatile PackageIntervals intervals;
    private final java.util.concurrent.ConcurrentHashMap<String, ReleaseGroup> byRelease = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, List<AdvisoryMatcher.Decided>> decided =
        new java.util.concurrent.ConcurrentHashMap<>();

    private PackageEntries(List<Entry> all) {
      this.all = all;
      this.anyRelease = all.stream().anyMatch(e -> e.release().isPresent());
      this.unreleased = new ReleaseGroup(all);
    }

    List<Entry> all() {
      return all;
    }

    PackageIntervals intervals() {
      PackageIntervals built = intervals;
      if (built == null) {
        built = PackageIntervals.of(all);
        intervals = built;
      }
      return built;
    }

    /** What {@link AdvisoryMatcher} decided for a version before, or null. */
    List<AdvisoryMatcher.Decided> decisions(String version) {
      return decided.get(version);
    }

    /**
     * Keeps what was decided for {@code version}, for the first {@value #MAX_REMEMBERED_VERSIONS}
     * versions of the package: memory stays bounded per package however varied a fleet is, and a
     * version past the bound is decided again (cheaply, through the intervals) each time.
     */
    void remember(String version, List<AdvisoryMatcher.Decided> decisions) {
      if (decided.size() < MAX_REMEMBERED_VERSIONS) {
        decided.putIfAbsent(version, decisions);
      }
    }

    /** The entries a component of {@code release} is evaluated against ({@link DistroReleases#compatible}). */
    ReleaseGroup forRelease(Optional<String> release) {
      if (release.isEmpty() || !anyRelease) {
        return unreleased;
      }
      return byRelease.computeIfAbsent(release.get(), r -> new ReleaseGroup(filter(all, release)));
    }

    private static List<Entry> filter(List<Entry> entries, Optional<String> release) {
      return entries.stream().filter(e -> DistroReleases.compatible(release, e.release())).toList();
    }
  }

  /** The entries of one package that apply to one release, and their combined evaluation digest. */
  static final class ReleaseGroup {
    private final List<Entry> entries;
    private volatile String digest;

    private ReleaseGroup(List<Entry> entries) {
      this.entries = entries;
    }

    List<Entry> entries() {
      return entries;
    }

    /** {@link EvaluationDigests#combine} of the entries' digests; null when there are no entries. */
    String digest() {
      if (entries.isEmpty()) {
        return null;
      }
      String combined = digest;
      if (combined == null) {
        combined = EvaluationDigests.combine(entries.stream().map(Entry::evaluationDigest).toList());
        digest = combined;
      }
      return combined;
    }
  }

  private AdvisoryIndex(Map<String, PackageEntries> byPackage, int advisoryCount) {
    this.byPackage = byPackage;
    this.advisoryCount = advisoryCount;
  }

  /** Indexes {@code advisories}. */
  public static AdvisoryIndex of(Iterable<Advisory> advisories) {
    Builder builder = builder();
    advisories.forEach(builder::add);
    return builder.build();
  }

  /** A builder that takes advisories one at a time, so a caller can stream them from storage. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects advisories into an index. Each advisory is kept only with what matching, findings and
   * evaluation digests read (id, aliases, severity, affected entries); its summary, timestamps and
   * purls are dropped, and equal strings and severities are shared, so that a million advisories
   * fit a default heap. Not thread-safe; {@link #build} once.
   */
  public static final class Builder {
    private final Map<String, List<Entry>> byPackage = new HashMap<>();
    private final Map<Object, Object> shared = new HashMap<>();
    private int count;

    private Builder() {}

    /** Adds one advisory; withdrawn ones are left out. */
    public Builder add(Advisory advisory) {
      if (advisory.hasBeenWithdrawn()) {
        return this;
      }
      count++;
      List<AffectedPackage> affected = new ArrayList<>(advisory.affected().size());
      for (AffectedPackage entry : advisory.affected()) {
        affected.add(slim(entry));
      }
      Advisory slim = new Advisory(advisory.id(), share(advisory.aliases()), "", share(advisory.severity()),
          Optional.empty(), Optional.empty(), Optional.empty(), affected);
      for (AffectedPackage entry : slim.affected()) {
        String key = share(key(entry.ecosystem(), entry.name()));
        byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(new Entry(slim, entry));
      }
      return this;
    }

    /** How many advisories were added and kept so far. */
    public int count() {
      return count;
    }

    /** The index; the builder must not be used afterwards. */
    public AdvisoryIndex build() {
      Map<String, PackageEntries> packages = new HashMap<>(byPackage.size() * 2);
      byPackage.forEach((k, v) -> packages.put(k, new PackageEntries(List.copyOf(v))));
      byPackage.clear();
      shared.clear();
      return new AdvisoryIndex(packages, count);
    }

    private AffectedPackage slim(AffectedPackage entry) {
      List<AffectedRange> ranges = new ArrayList<>(entry.ranges().size());
      for (AffectedRange range : entry.ranges()) {
        List<RangeEvent> events = new ArrayList<>(range.events().size());
        range.events().forEach(e -> events.add(share(new RangeEvent(e.kind(), share(e.version())))));
        ranges.add(new AffectedRange(range.type(), range.repo().map(this::share), events));
      }
      List<String> versions = new ArrayList<>(entry.versions().size());
      entry.versions().forEach(v -> versions.add(share(v)));
      return new AffectedPackage(share(entry.ecosystem()), share(entry.name()), Optional.empty(), ranges, versions,
          entry.severity().map(this::share));
    }

    @SuppressWarnings("unchecked")
    private <T> T share(T value) {
      return (T) shared.computeIfAbsent(value, v -> v);
    }
  }

  /**
   * This index with advisories {@code changedIds} replaced by {@code current}, their revisions now
   * (a withdrawn revision, or a changed id absent from {@code current}, removes the advisory): the
   * lookups a full build from the new set would answer, without reading the advisories that did not
   * change. Packages that no changed advisory names are shared with this index, with what they
   * derived and remembered. Within a package, entries are ordered by advisory id; matching does not
   * depend on that order.
   */
  public AdvisoryIndex withChanges(java.util.Collection<String> changedIds, Iterable<Advisory> current) {
    java.util.Set<String> changed = new java.util.HashSet<>(changedIds);
    Builder added = builder();
    for (Advisory advisory : current) {
      if (!changed.contains(advisory.id())) {
        throw new IllegalArgumentException("advisory " + advisory.id() + " is given but not among the changed ids");
      }
      added.add(advisory);
    }
    Map<String, PackageEntries> packages = new HashMap<>(byPackage);
    java.util.Set<String> removed = new java.util.HashSet<>();
    Map<String, List<Entry>> touched = new HashMap<>();
    byPackage.forEach((key, entries) -> {
      boolean hit = false;
      for (Entry entry : entries.all()) {
        if (changed.contains(entry.advisory().id())) {
          hit = true;
          removed.add(entry.advisory().id());
        }
      }
      if (hit) {
        List<Entry> kept = new ArrayList<>();
        entries.all().stream().filter(e -> !changed.contains(e.advisory().id())).forEach(kept::add);
        touched.put(key, kept);
      }
    });
    added.byPackage.forEach((key, entries) -> touched.computeIfAbsent(key,
        k -> new ArrayList<>(packages.getOrDefault(k, PackageEntries.NONE).all())).addAll(entries));
    touched.forEach((key, entries) -> {
      if (entries.isEmpty()) {
        packages.remove(key);
      } else {
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(java.util.Comparator.comparing(e -> e.advisory().id())); // stable: an advisory's own entries keep their order
        packages.put(key, new PackageEntries(List.copyOf(ordered)));
      }
    });
    return new AdvisoryIndex(packages, advisoryCount - removed.size() + added.count());
  }

  /** The entries for a package, in the order advisories were given; empty when none. */
  public List<Entry> lookup(String ecosystem, String name) {
    return entries(ecosystem, name).all();
  }

  /** The {@link PackageIntervals} of a package's entries, built on first use. */
  PackageIntervals intervals(String ecosystem, String name) {
    return entries(ecosystem, name).intervals();
  }

  /** A package's entries and what is derived from them. */
  PackageEntries entries(String ecosystem, String name) {
    return byPackage.getOrDefault(key(ecosystem, name), PackageEntries.NONE);
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
