package org.stellaops.connectors.distro;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.stellaops.connectors.DocumentException;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * Reads the Debian security tracker's JSON ({@code security-tracker.debian.org/tracker/data/json}):
 * source package → issue ({@code CVE-…}, {@code TEMP-…}) → {@code description} and, per release
 * codename, {@code status}, {@code fixed_version} and {@code urgency}. Each issue becomes one
 * advisory {@code DEBIAN-<issue>} with one affected source package per package and release:
 * {@code resolved} with a fixed version → affected below it; {@code resolved} with {@code 0} →
 * never affected, no entry; {@code open} or {@code undetermined} → affected, no fix yet. The
 * urgency becomes the package's severity. Codenames without a release number ({@code sid}, the
 * unstable suite) get no entry: no image reports them as a release.
 */
public final class DebianTrackerParser {
  /** Debian codenames and their release numbers. */
  static final Map<String, String> RELEASES = Map.ofEntries(
      Map.entry("buzz", "1.1"), Map.entry("rex", "1.2"), Map.entry("bo", "1.3"), Map.entry("hamm", "2.0"),
      Map.entry("slink", "2.1"), Map.entry("potato", "2.2"), Map.entry("woody", "3.0"), Map.entry("sarge", "3.1"),
      Map.entry("etch", "4"), Map.entry("lenny", "5"), Map.entry("squeeze", "6"), Map.entry("wheezy", "7"),
      Map.entry("jessie", "8"), Map.entry("stretch", "9"), Map.entry("buster", "10"), Map.entry("bullseye", "11"),
      Map.entry("bookworm", "12"), Map.entry("trixie", "13"), Map.entry("forky", "14"), Map.entry("duke", "15"));

  /** Whether {@code root} has the tracker's shape: package → issue → object with {@code releases}. */
  public static boolean recognises(JsonNode root) {
    if (!root.isObject() || root.isEmpty() || root.has("id") || root.has("packages")) {
      return false;
    }
    JsonNode firstPackage = root.elements().next();
    if (!firstPackage.isObject() || firstPackage.isEmpty()) {
      return false;
    }
    return firstPackage.elements().next().has("releases");
  }

  public List<Advisory> parse(String source, JsonNode root) throws DocumentException {
    Map<String, List<AffectedPackage>> byIssue = new TreeMap<>();
    Map<String, String> descriptions = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> packages = root.fields(); packages.hasNext(); ) {
      Map.Entry<String, JsonNode> pkg = packages.next();
      if (!pkg.getValue().isObject()) {
        throw new DocumentException(source, pkg.getKey(), "expected a map of issue to details");
      }
      for (Iterator<Map.Entry<String, JsonNode>> issues = pkg.getValue().fields(); issues.hasNext(); ) {
        Map.Entry<String, JsonNode> issue = issues.next();
        String at = pkg.getKey() + "." + issue.getKey();
        JsonNode releases = issue.getValue().path("releases");
        if (releases.isArray() && releases.isEmpty()) {
          continue; // the tracker writes an issue with no release as "releases": []
        }
        if (!releases.isObject()) {
          throw new DocumentException(source, at + ".releases", "expected a map of release codename to status");
        }
        String description = issue.getValue().path("description").asText("").strip();
        if (!description.isEmpty()) {
          descriptions.putIfAbsent(issue.getKey(), description);
        }
        List<AffectedPackage> affected = byIssue.computeIfAbsent(issue.getKey(), k -> new ArrayList<>());
        for (Iterator<Map.Entry<String, JsonNode>> it = releases.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> release = it.next();
          String number = RELEASES.get(release.getKey());
          if (number == null) {
            continue; // sid and other suites without a release number
          }
          JsonNode state = release.getValue();
          String status = state.path("status").asText("");
          String fixed = state.path("fixed_version").asText("").strip();
          List<RangeEvent> events = new ArrayList<>();
          events.add(new RangeEvent(RangeEventKind.INTRODUCED, "0"));
          switch (status) {
            case "resolved" -> {
              if (fixed.isEmpty()) {
                throw new DocumentException(source, at + ".releases." + release.getKey(), "status resolved without a fixed_version");
              }
              if (fixed.equals("0")) {
                continue; // never affected in this release
              }
              events.add(new RangeEvent(RangeEventKind.FIXED, fixed));
            }
            case "open", "undetermined" -> {
              // affected, no fix yet
            }
            default -> throw new DocumentException(source, at + ".releases." + release.getKey() + ".status",
                "unknown status '" + status + "' (expected resolved, open or undetermined)");
          }
          affected.add(new AffectedPackage("Debian:" + number, pkg.getKey(), Optional.empty(),
              List.of(new AffectedRange(RangeType.ECOSYSTEM, Optional.empty(), events)), List.of(),
              urgency(state.path("urgency").asText(""))));
        }
      }
    }
    List<Advisory> advisories = new ArrayList<>();
    byIssue.forEach((issue, affected) -> {
      if (!affected.isEmpty()) {
        advisories.add(new Advisory("DEBIAN-" + issue, issue.startsWith("CVE-") ? List.of(issue) : List.of(),
            descriptions.getOrDefault(issue, ""), Severity.unknown(), Optional.empty(), Optional.empty(), Optional.empty(), affected));
      }
    });
    return advisories;
  }

  /** The tracker's urgency ({@code low}, {@code medium**}, {@code unimportant}, …) as a severity, when it is one. */
  static Optional<Severity> urgency(String urgency) {
    String word = urgency.replace("*", "").strip().toLowerCase(Locale.ROOT);
    SeverityLevel level = switch (word) {
      case "unimportant", "low" -> SeverityLevel.LOW;
      case "medium" -> SeverityLevel.MEDIUM;
      case "high" -> SeverityLevel.HIGH;
      default -> null; // "not yet assigned", "end-of-life", empty
    };
    return level == null ? Optional.empty() : Optional.of(new Severity(level, Optional.empty(), Optional.empty()));
  }
}
