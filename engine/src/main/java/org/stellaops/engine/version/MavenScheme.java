package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven versions, ordered by Maven's own {@link ComparableVersion} from maven-artifact 3.9.9, used
 * as it is: {@code .} and {@code -} separate, {@code _} and whitespace are characters of a
 * qualifier. {@code ComparableVersion} gives every string an order (a blank one reads as
 * {@code 0}); only a blank version is rejected, because Maven itself refuses a POM whose
 * {@code <version>} is blank, so a blank version names no artifact.
 *
 * <p>Parsing dominates a comparison, and fleets repeat the same few thousand version strings, so
 * parsed versions are kept in a bounded cache (cleared when full; results never depend on it).
 */
public final class MavenScheme implements VersionScheme {
  private static final int CACHE_LIMIT = 200_000;
  private final ConcurrentHashMap<String, ComparableVersion> parsed = new ConcurrentHashMap<>();

  /** Creates the scheme; share one instance so the cache is shared too. */
  public MavenScheme() {}

  @Override
  public String name() {
    return "Maven (ComparableVersion)";
  }

  @Override
  public int compare(String left, String right) {
    validate(left);
    validate(right);
    return parse(left).compareTo(parse(right));
  }

  private ComparableVersion parse(String version) {
    ComparableVersion cached = parsed.get(version);
    if (cached == null) {
      if (parsed.size() >= CACHE_LIMIT) {
        parsed.clear();
      }
      cached = new ComparableVersion(version);
      parsed.put(version, cached);
    }
    return cached;
  }

  @Override
  public void validate(String version) {
    requireNonNull(version, "version is null");
    if (version.isBlank()) {
      throw new UnparseableVersionException(
          version, "blank version; Maven refuses a POM whose <version> is blank, so no Maven artifact has one");
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
