package org.stellaops.exports.trivy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.stellaops.engine.match.RangeEvaluator;
import org.stellaops.engine.match.RangeResult;
import org.stellaops.engine.version.UnparseableVersionException;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * Turns one canonical advisory into Trivy DB values (../shared/specs/trivy-db.md §2.4, §2.5):
 * an advisory value per (bucket, package) and one {@code vulnerability} detail. What cannot be
 * written so that Trivy decides as our matcher does is returned as a {@link Skip} with its reason,
 * never dropped; OS entries that Trivy's model can only hold more widely (a lower bound, several
 * fixed versions) are written widened and reported as a {@link Skip} of kind {@code widened}.
 *
 * <p>Language packages get {@code VulnerableVersions} in operator form only ({@code >=a, <b}),
 * the one notation every Trivy comparer parses; Maven's range notation is never written, because
 * Trivy's Maven comparer drops operator groups when a range appears beside them (§3.2).
 * {@code PatchedVersions} lists the fixed versions our matcher does not itself find affected, so
 * Trivy's "secure" test never hides a version another range still covers.
 */
public final class TrivyMapper {
  /** The data-source id our severities are filed under; Trivy's automatic severity reads it (§3.3). */
  public static final String SOURCE_ID = "stellaops";

  private static final JsonFactory JSON = new JsonFactory();

  private final String sourceName;

  /** @param sourceName the data source name, the part after {@code ::} in language bucket names */
  public TrivyMapper(String sourceName) {
    this.sourceName = sourceName;
  }

  public String sourceName() {
    return sourceName;
  }

  /** One value for {@code bucket / packageName / vulnerabilityId}. */
  public record Entry(String bucket, String packageName, byte[] json) {}

  /** An affected package not written (or written widened), with the reason and where it came from. */
  public record Skip(String reason, String ecosystem, String packageName, String detail, boolean widened) {}

  /** The values of one advisory: its entries, its detail (absent when there are no entries) and what was skipped. */
  public record Mapped(String vulnerabilityId, List<Entry> entries, Optional<byte[]> detail, List<Skip> skips) {}

  public Mapped map(Advisory advisory) {
    List<Skip> skips = new ArrayList<>();
    if (advisory.hasBeenWithdrawn()) {
      skips.add(new Skip("withdrawn", "", "", advisory.withdrawn().get(), false));
      return new Mapped(advisory.id(), List.of(), Optional.empty(), skips);
    }
    // The same package can be listed more than once; Trivy holds one value per (bucket, package, id).
    Map<String, List<AffectedPackage>> byTarget = new LinkedHashMap<>();
    Map<String, String[]> targets = new LinkedHashMap<>();
    for (AffectedPackage affected : advisory.affected()) {
      TrivyNames.Bucket bucket = TrivyNames.bucket(affected.ecosystem(), sourceName);
      if (bucket.name().isEmpty()) {
        skips.add(new Skip(bucket.reason(), affected.ecosystem(), affected.name(), "", false));
        continue;
      }
      String packageName = TrivyNames.packageName(affected.ecosystem(), affected.name());
      String key = bucket.name().get() + '\0' + packageName;
      byTarget.computeIfAbsent(key, k -> new ArrayList<>()).add(affected);
      targets.put(key, new String[] {bucket.name().get(), packageName});
    }
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, List<AffectedPackage>> target : byTarget.entrySet()) {
      String[] names = targets.get(target.getKey());
      List<AffectedPackage> packages = target.getValue();
      String ecosystem = packages.get(0).ecosystem();
      Optional<byte[]> value = TrivyNames.isLanguage(ecosystem)
          ? language(packages, names[1], vendorIds(advisory), skips)
          : operatingSystem(packages, names[1], vendorIds(advisory), skips);
      value.ifPresent(json -> entries.add(new Entry(names[0], names[1], json)));
    }
    Optional<byte[]> detail = entries.isEmpty() ? Optional.empty() : Optional.of(detail(advisory));
    return new Mapped(advisory.id(), entries, detail, skips);
  }

  // ---- language packages ------------------------------------------------------------------

  private Optional<byte[]> language(List<AffectedPackage> packages, String packageName, List<String> vendorIds, List<Skip> skips) {
    String ecosystem = packages.get(0).ecosystem();
    Optional<VersionScheme> ecosystemScheme = VersionSchemes.forEcosystem(ecosystem);
    if (ecosystemScheme.isEmpty()) {
      skips.add(new Skip("no version comparer for the ecosystem", ecosystem, packageName, "", false));
      return Optional.empty();
    }
    String exact = ecosystem.equals("PyPI") ? "==" : "=";
    // node-semver joins with a space only; Trivy's npm comparer takes both, the others take the comma.
    String and = ecosystem.equals("npm") ? " " : ", ";
    Set<String> groups = new LinkedHashSet<>();
    Set<String> fixed = new LinkedHashSet<>();
    List<AffectedRange> evaluable = new ArrayList<>();
    for (AffectedPackage affected : packages) {
      for (AffectedRange range : affected.ranges()) {
        if (range.type() == RangeType.GIT) {
          continue; // commits: never evaluated against a package version, by Trivy or by us
        }
        VersionScheme scheme = schemeFor(range, ecosystemScheme.get());
        Optional<List<RangeEvent>> sortedEvents = sorted(range, scheme, ecosystem, packageName, skips);
        if (sortedEvents.isEmpty()) {
          return Optional.empty();
        }
        List<RangeEvent> events = sortedEvents.get();
        Optional<String> unwritable = events.stream().map(RangeEvent::version).filter(TrivyMapper::unwritable).findFirst();
        if (unwritable.isPresent()) {
          skips.add(new Skip("version cannot be written in Trivy's constraint syntax", ecosystem, packageName,
              "'" + unwritable.get() + "'", false));
          return Optional.empty();
        }
        evaluable.add(range);
        // OSV limits: a version is in the range only below some limit, i.e. below the highest one.
        Optional<String> cap = limit(range, events, scheme);
        String lower = null;
        boolean open = false;
        for (RangeEvent event : events) {
          switch (event.kind()) {
            case INTRODUCED -> {
              if (!open) {
                open = true;
                lower = isZero(event) ? null : event.version();
              }
            }
            case FIXED -> {
              if (open) {
                interval(lower, event.version(), false, cap, scheme, exact, and).ifPresent(groups::add);
                fixed.add(event.version());
                open = false;
              }
            }
            case LAST_AFFECTED -> {
              if (open) {
                interval(lower, event.version(), true, cap, scheme, exact, and).ifPresent(groups::add);
                open = false;
              }
            }
            case LIMIT -> {
              // applied to every interval through the cap
            }
            default -> throw new IllegalStateException("unexpected event " + event.kind());
          }
        }
        if (open) {
          interval(lower, null, false, cap, scheme, exact, and).ifPresent(groups::add);
        }
      }
    }
    // Listed versions no range covers are affected on their own.
    for (AffectedPackage affected : packages) {
      for (String version : affected.versions()) {
        if (unwritable(version) || !valid(version, ecosystemScheme.get())) {
          skips.add(new Skip("listed version not written: not a version Trivy's comparer can match", ecosystem, packageName,
              "'" + version + "'", false));
          continue;
        }
        if (!covered(version, evaluable, ecosystemScheme.get())) {
          groups.add(exact + version);
        }
      }
    }
    if (groups.isEmpty()) {
      skips.add(new Skip("no version range or listed version that Trivy can evaluate", ecosystem, packageName,
          packages.stream().flatMap(p -> p.ranges().stream()).map(r -> r.type().name()).distinct().toList().toString(), false));
      return Optional.empty();
    }
    List<String> patched = new ArrayList<>();
    for (String version : fixed) {
      if (!affected(version, packages, evaluable, ecosystemScheme.get())) {
        patched.add(version);
      }
    }
    return Optional.of(json(g -> {
      stringArray(g, "PatchedVersions", patched);
      Optional<Integer> severity = packageSeverity(packages);
      if (severity.isPresent()) {
        g.writeNumberField("Severity", severity.get());
      }
      stringArray(g, "VendorIDs", vendorIds);
      stringArray(g, "VulnerableVersions", List.copyOf(groups));
    }));
  }

  /**
   * One constraint group for the interval from {@code lower} (null: unbounded) to {@code upper}
   * (null: open; inclusive for {@code last_affected}), cut at {@code cap}; empty when the cap leaves
   * nothing. {@code ""} is Trivy's "every version".
   */
  private static Optional<String> interval(String lower, String upper, boolean inclusive, Optional<String> cap, VersionScheme scheme,
      String exact, String and) {
    if (cap.isPresent()) {
      if (lower != null && scheme.compare(lower, cap.get()) >= 0) {
        return Optional.empty();
      }
      if (upper == null || scheme.compare(upper, cap.get()) > 0 || (inclusive && scheme.compare(upper, cap.get()) == 0)) {
        upper = cap.get();
        inclusive = false;
      }
    }
    if (upper == null) {
      return Optional.of(lower == null ? "" : ">=" + lower);
    }
    if (inclusive && lower != null && scheme.compare(lower, upper) == 0) {
      return Optional.of(exact + upper);
    }
    String bound = (inclusive ? "<=" : "<") + upper;
    return Optional.of(lower == null ? bound : ">=" + lower + and + bound);
  }

  /** The highest {@code limit} of a range, or none when it has none or a {@code "*"} (no limit). */
  private static Optional<String> limit(AffectedRange range, List<RangeEvent> events, VersionScheme scheme) {
    if (range.events().stream().anyMatch(e -> e.kind() == RangeEventKind.LIMIT && e.version().equals("*"))) {
      return Optional.empty();
    }
    String highest = null;
    for (RangeEvent event : events) {
      if (event.kind() == RangeEventKind.LIMIT && (highest == null || scheme.compare(event.version(), highest) > 0)) {
        highest = event.version();
      }
    }
    return Optional.ofNullable(highest);
  }

  /** Text that would split or end a constraint: separators, operators' characters and blanks. */
  private static boolean unwritable(String version) {
    if (version.isBlank()) {
      return true;
    }
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c == ',' || c == '|' || c == '<' || c == '>' || c == '=' || c == '~' || c == '^' || c == '!' || Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }

  static boolean valid(String version, VersionScheme scheme) {
    try {
      scheme.validate(version);
      return true;
    } catch (UnparseableVersionException e) {
      return false;
    }
  }

  private static boolean covered(String version, List<AffectedRange> ranges, VersionScheme ecosystemScheme) {
    for (AffectedRange range : ranges) {
      if (RangeEvaluator.evaluate(range, version, schemeFor(range, ecosystemScheme)).outcome() == RangeResult.Outcome.AFFECTED) {
        return true;
      }
    }
    return false;
  }

  private static boolean affected(String version, List<AffectedPackage> packages, List<AffectedRange> ranges, VersionScheme scheme) {
    if (covered(version, ranges, scheme)) {
      return true;
    }
    for (AffectedPackage affected : packages) {
      for (String listed : affected.versions()) {
        if (listed.equals(version) || (valid(listed, scheme) && scheme.compare(listed, version) == 0)) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- operating-system packages ------------------------------------------------------------

  private Optional<byte[]> operatingSystem(List<AffectedPackage> packages, String packageName, List<String> vendorIds,
      List<Skip> skips) {
    String ecosystem = packages.get(0).ecosystem();
    Optional<VersionScheme> found = VersionSchemes.forEcosystem(ecosystem);
    if (found.isEmpty()) {
      skips.add(new Skip("no version comparer for the ecosystem", ecosystem, packageName, "", false));
      return Optional.empty();
    }
    VersionScheme scheme = found.get();
    List<String> fixes = new ArrayList<>();
    boolean unfixed = false;
    List<String> widening = new ArrayList<>();
    boolean anyRange = false;
    for (AffectedPackage affected : packages) {
      for (AffectedRange range : affected.ranges()) {
        if (range.type() == RangeType.GIT) {
          continue;
        }
        anyRange = true;
        Optional<List<RangeEvent>> sortedEvents = sorted(range, scheme, ecosystem, packageName, skips);
        if (sortedEvents.isEmpty()) {
          return Optional.empty();
        }
        List<RangeEvent> events = sortedEvents.get();
        boolean open = false;
        for (RangeEvent event : events) {
          switch (event.kind()) {
            case INTRODUCED -> {
              if (!open) {
                open = true;
                if (!isZero(event)) {
                  widening.add("lower bound " + event.version() + " dropped");
                }
              }
            }
            case FIXED -> {
              if (open) {
                fixes.add(event.version());
                open = false;
              }
            }
            case LAST_AFFECTED -> {
              if (open) {
                unfixed = true;
                widening.add("last affected " + event.version() + " written as unfixed");
                open = false;
              }
            }
            case LIMIT -> widening.add("limit " + event.version() + " dropped");
            default -> throw new IllegalStateException("unexpected event " + event.kind());
          }
        }
        if (open) {
          unfixed = true;
        }
      }
    }
    if (!anyRange) {
      skips.add(new Skip("OS entry without a version range: Trivy's OS entries need a fixed version or an unfixed status",
          ecosystem, packageName, "", false));
      return Optional.empty();
    }
    if (!unfixed && fixes.isEmpty()) {
      skips.add(new Skip("no affected interval in the ranges", ecosystem, packageName, "", false));
      return Optional.empty();
    }
    Optional<String> fixedVersion = Optional.empty();
    if (!unfixed) {
      String highest = fixes.get(0);
      for (String fix : fixes) {
        if (scheme.compare(fix, highest) > 0) {
          highest = fix;
        }
      }
      if (fixes.size() > 1) {
        widening.add("fixed in " + String.join(", ", fixes) + "; written as fixed in " + highest);
      }
      fixedVersion = Optional.of(highest);
    } else if (!fixes.isEmpty()) {
      widening.add("fixed in " + String.join(", ", fixes) + " but another range is open; written as unfixed");
    }
    if (!widening.isEmpty()) {
      skips.add(new Skip("widened: Trivy's OS entries hold one fixed version and no lower bound", ecosystem, packageName,
          String.join("; ", widening), true));
    }
    Optional<String> fix = fixedVersion;
    Optional<Integer> severity = packageSeverity(packages);
    return Optional.of(json(g -> {
      if (fix.isPresent()) {
        g.writeStringField("FixedVersion", fix.get());
      }
      if (severity.isPresent()) {
        g.writeNumberField("Severity", severity.get());
      }
      if (fix.isEmpty()) {
        g.writeNumberField("Status", STATUS_AFFECTED);
      }
      stringArray(g, "VendorIDs", vendorIds);
    }));
  }

  /** Trivy's status number for "affected" (§2.4.1: 0 unknown, 1 not_affected, 2 affected, 3 fixed, ...). */
  static final int STATUS_AFFECTED = 2;

  // ---- vulnerability detail -----------------------------------------------------------------

  private static byte[] detail(Advisory advisory) {
    Severity severity = advisory.severity();
    return json(g -> {
      Optional<String> vector = severity.vector();
      if (vector.isPresent() || severity.score().isPresent()) {
        g.writeObjectFieldStart("CVSS");
        g.writeObjectFieldStart(SOURCE_ID);
        String version = vector.map(TrivyMapper::cvssVersion).orElse("V3");
        if (vector.isPresent()) {
          g.writeStringField(version + "Vector", vector.get());
        }
        if (severity.score().isPresent()) {
          g.writeNumberField(version + "Score", severity.score().get());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      stringArray(g, "CweIDs", advisory.cweIds());
      Optional<String> modified = rfc3339(advisory.modified());
      if (modified.isPresent()) {
        g.writeStringField("LastModifiedDate", modified.get());
      }
      Optional<String> published = rfc3339(advisory.published());
      if (published.isPresent()) {
        g.writeStringField("PublishedDate", published.get());
      }
      stringArray(g, "References", advisory.references().stream()
          .filter(r -> r.startsWith("https://") || r.startsWith("http://")).sorted().distinct().toList());
      g.writeStringField("Severity", severityWord(severity.level()));
      if (!advisory.summary().isBlank()) {
        g.writeStringField("Title", advisory.summary());
      }
      g.writeObjectFieldStart("VendorSeverity");
      g.writeNumberField(SOURCE_ID, severityNumber(severity.level()));
      g.writeEndObject();
    });
  }

  /** Trivy's CVSS field prefix for a vector: {@code V2}, {@code V3} or {@code V40}. */
  static String cvssVersion(String vector) {
    if (vector.startsWith("CVSS:4")) {
      return "V40";
    }
    return vector.startsWith("CVSS:3") ? "V3" : "V2";
  }

  /** Trivy's severity number: 0 UNKNOWN, 1 LOW, 2 MEDIUM, 3 HIGH, 4 CRITICAL. */
  static int severityNumber(SeverityLevel level) {
    return switch (level) {
      case CRITICAL -> 4;
      case HIGH -> 3;
      case MEDIUM -> 2;
      case LOW -> 1;
      case NONE, UNKNOWN -> 0;
    };
  }

  static String severityWord(SeverityLevel level) {
    return level == SeverityLevel.NONE ? "UNKNOWN" : level.name();
  }

  /** The per-package severity (Debian's urgency, say), when the packages give one. */
  private static Optional<Integer> packageSeverity(List<AffectedPackage> packages) {
    return packages.stream().map(AffectedPackage::severity).flatMap(Optional::stream)
        .map(s -> severityNumber(s.level())).filter(n -> n > 0).max(Integer::compare);
  }

  /** A date as Trivy's decoder accepts it (RFC 3339); a date-only value gets midnight UTC; anything else is left out. */
  static Optional<String> rfc3339(Optional<String> text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String value = text.get().trim();
    if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return Optional.of(value + "T00:00:00Z");
    }
    try {
      OffsetDateTime.parse(value);
      return Optional.of(value);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // ---- shared -------------------------------------------------------------------------------

  private static VersionScheme schemeFor(AffectedRange range, VersionScheme ecosystemScheme) {
    return RangeEvaluator.schemeFor(range.type(), Optional.of(ecosystemScheme)).orElseThrow();
  }

  private static boolean isZero(RangeEvent event) {
    return event.kind() == RangeEventKind.INTRODUCED && event.version().equals("0");
  }

  /**
   * The range's events in the order our matcher walks them, without {@code limit: "*"} (no limit);
   * empty, with the reason added to {@code skips}, when the scheme refuses an event's version.
   */
  private static Optional<List<RangeEvent>> sorted(AffectedRange range, VersionScheme scheme, String ecosystem, String packageName,
      List<Skip> skips) {
    try {
      return Optional.of(RangeEvaluator.sortedEvents(range, scheme).stream()
          .filter(e -> !(e.kind() == RangeEventKind.LIMIT && e.version().equals("*"))).toList());
    } catch (UnparseableVersionException e) {
      skips.add(new Skip("range event version not valid for the ecosystem", ecosystem, packageName,
          "'" + e.version() + "': " + e.reason(), false));
      return Optional.empty();
    }
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void stringArray(JsonGenerator g, String field, List<String> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }

  /** Sorted, distinct aliases other than the id: shown by Trivy as vendor ids. */
  static List<String> vendorIds(Advisory advisory) {
    Set<String> ids = new TreeSet<>(advisory.aliases());
    ids.remove(advisory.id());
    return List.copyOf(ids);
  }
}
