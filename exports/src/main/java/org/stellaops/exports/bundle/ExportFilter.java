package org.stellaops.exports.bundle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.Advisory;

/**
 * Which advisories an export holds (its scope): those naming a package of one of
 * {@code ecosystems}, or one of {@code packages} (product keys, {@code ecosystem/name}), and
 * modified in [{@code modifiedFrom}, {@code modifiedTo}). Empty selectors select everything. The
 * filter is written into the manifest and the provenance as given, so a delta can check it uses
 * its base's scope.
 */
public record ExportFilter(Set<String> ecosystems, Set<String> packages, Optional<Instant> modifiedFrom, Optional<Instant> modifiedTo) {
  public static final ExportFilter ALL = new ExportFilter(Set.of(), Set.of(), Optional.empty(), Optional.empty());

  public ExportFilter {
    ecosystems = Set.copyOf(new TreeSet<>(ecosystems.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList()));
    packages = Set.copyOf(packages);
  }

  /** Parses {@code 2025-01-31} (midnight UTC) or an RFC 3339 time. */
  public static Instant time(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException("'" + text + "' is neither a date (2025-01-31) nor an RFC 3339 time");
      }
    }
  }

  /** A product key as given ({@code npm/lodash}, {@code PyPI/Django_Rest}), normalised as the store keys packages. */
  public static String productKey(String given) {
    int slash = given.indexOf('/');
    if (slash <= 0 || slash == given.length() - 1) {
      throw new IllegalArgumentException("'" + given + "' is not ECOSYSTEM/NAME (e.g. npm/lodash)");
    }
    return Ecosystems.productKey(given.substring(0, slash), given.substring(slash + 1));
  }

  public boolean selectsAll() {
    return ecosystems.isEmpty() && packages.isEmpty() && modifiedFrom.isEmpty() && modifiedTo.isEmpty();
  }

  public boolean matches(Advisory advisory) {
    if (modifiedFrom.isPresent() || modifiedTo.isPresent()) {
      Optional<Instant> modified = advisory.modified().flatMap(ExportFilter::parseQuietly);
      if (modified.isEmpty() || modifiedFrom.filter(f -> modified.get().isBefore(f)).isPresent()
          || modifiedTo.filter(t -> !modified.get().isBefore(t)).isPresent()) {
        return false;
      }
    }
    if (ecosystems.isEmpty() && packages.isEmpty()) {
      return true;
    }
    for (AffectedPackage affected : advisory.affected()) {
      if (ecosystems.contains(Ecosystems.baseEcosystem(affected.ecosystem()).toLowerCase(Locale.ROOT))
          || packages.contains(Ecosystems.productKey(affected.ecosystem(), affected.name()))) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Instant> parseQuietly(String text) {
    try {
      return Optional.of(time(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The manifest's {@code filters}: {@code include} and the selectors given, sorted. */
  public Map<String, Object> toManifest() {
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("include", List.of("advisories"));
    if (!ecosystems.isEmpty()) {
      filters.put("ecosystems", List.copyOf(new TreeSet<>(ecosystems)));
    }
    if (!packages.isEmpty()) {
      filters.put("packages", List.copyOf(new TreeSet<>(packages)));
    }
    modifiedFrom.ifPresent(f -> filters.put("modifiedFrom", f.toString()));
    modifiedTo.ifPresent(t -> filters.put("modifiedTo", t.toString()));
    return filters;
  }
}
