package org.stellaops.exports.trivy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.TestData;
import org.stellaops.connectors.feed.AdvisoryFeedParser;
import org.stellaops.engine.match.RangeEvaluator;
import org.stellaops.engine.match.RangeResult;
import org.stellaops.engine.range.PrereleaseRule;
import org.stellaops.engine.range.RangeExpressions;
import org.stellaops.engine.range.VersionRange;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;
import org.stellaops.exports.bolt.BoltReader;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeType;

/**
 * The export over the real fixtures: OSV (language ecosystems and the distributions' OSV feeds)
 * and the distributions' own feeds (Alpine, Wolfi and Chainguard secdb, the Debian tracker):
 * the file reads back whole, the bucket inventory has the names, key forms and JSON field types of
 * ../shared/specs/trivy-db.md §2, and for every written (package, version) sample Trivy's
 * documented decision (§3.1, §3.2) gives the same answer as our matcher.
 */
class TrivyFixtureExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LANGUAGE_BUCKET = Pattern.compile("(npm|pip|rubygems|maven|go|cargo|composer|nuget|pub|erlang|swift)::Stella Ops");
  private static final Pattern OS_BUCKET = Pattern.compile("debian \\d+|ubuntu \\d\\d\\.\\d\\d|alpine \\d+\\.\\d+|alma \\d+|rocky \\d+|wolfi|chainguard");
  private static final Pattern VULN_ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9._:]+)+");

  @TempDir
  static Path temp;
  static List<Advisory> advisories;
  static TrivyDbExport.Result result;
  static BoltReader reader;

  @BeforeAll
  static void export() throws IOException {
    advisories = new ArrayList<>();
    AdvisoryFeedParser parser = new AdvisoryFeedParser();
    for (Path dir : List.of(TestData.shared("osv"), TestData.shared("distro"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList()) {
          try {
            advisories.addAll(parser.parse(file.toString(), Files.readAllBytes(file)).advisories());
          } catch (DocumentException e) {
            // Formats we do not ingest (vuln-list, CSAF, OpenVEX) and records our reader refuses: the connectors' concern.
          }
        }
      }
    }
    assertThat(advisories.size()).as("OSV and distribution fixtures read").isGreaterThan(2500);
    result = TrivyDbExport.run(new TrivyDbExport.Options(temp.resolve("out"), "Stella Ops", Instant.parse("2026-11-01T06:00:00Z"),
        Duration.ofHours(24), Optional.of(temp.resolve("oci")), "2"), sink -> advisories.forEach(sink));
    reader = BoltReader.open(temp.resolve("out").resolve(TrivyArtifacts.DB_FILE));
  }

  @Test
  void theFileReadsBackWholeWithEveryEntryTheMapperWrote() {
    assertThat(reader.check()).isEmpty();
    TrivyMapper mapper = new TrivyMapper("Stella Ops");
    long entries = 0;
    for (Advisory advisory : advisories) {
      TrivyMapper.Mapped mapped = mapper.map(advisory);
      for (TrivyMapper.Entry entry : mapped.entries()) {
        Optional<byte[]> stored = reader.root().bucket(entry.bucket()).flatMap(b -> b.bucket(entry.packageName()))
            .flatMap(p -> p.get(advisory.id()));
        assertThat(stored).as(entry.bucket() + " / " + entry.packageName() + " / " + advisory.id()).hasValue(entry.json());
        entries++;
      }
      if (mapped.detail().isPresent()) {
        assertThat(reader.root().bucket("vulnerability").flatMap(v -> v.get(advisory.id()))).hasValue(mapped.detail().get());
      }
    }
    assertThat(entries).isEqualTo(result.summary().entries()).isGreaterThan(2000);
    assertThat(result.summary().advisoriesRead()).isEqualTo(advisories.size());
  }

  @Test
  void theBucketInventoryHasTheNamesKeysAndTypesTrivyReads() throws IOException {
    Set<String> advisoryBuckets = new LinkedHashSet<>();
    Set<String> idsInAdvisories = new LinkedHashSet<>();
    for (BoltReader.Entry top : reader.root().entries()) {
      String name = new String(top.key(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(top.bucket()).as("only buckets at the top level: " + name).isNotNull();
      if (name.equals("vulnerability") || name.equals("data-source")) {
        continue;
      }
      assertThat(LANGUAGE_BUCKET.matcher(name).matches() || OS_BUCKET.matcher(name).matches()).as("bucket name " + name).isTrue();
      advisoryBuckets.add(name);
      for (BoltReader.Entry pkg : top.bucket().entries()) {
        assertThat(pkg.bucket()).as("package level holds buckets in " + name).isNotNull();
        for (BoltReader.Entry vuln : pkg.bucket().entries()) {
          String id = new String(vuln.key(), java.nio.charset.StandardCharsets.UTF_8);
          assertThat(vuln.bucket()).as("advisory level holds values").isNull();
          assertThat(VULN_ID.matcher(id).matches()).as("vulnerability id " + id).isTrue();
          idsInAdvisories.add(id);
          checkAdvisoryTypes(name, JSON.readTree(vuln.value()));
        }
      }
    }
    assertThat(advisoryBuckets).as("language and OS buckets from the fixtures")
        .contains("maven::Stella Ops", "pip::Stella Ops", "go::Stella Ops", "cargo::Stella Ops", "npm::Stella Ops", "alma 8");
    assertThat(advisoryBuckets).anyMatch(b -> b.startsWith("debian ")).anyMatch(b -> b.startsWith("ubuntu "))
        .as("from the distributions' own feeds").contains("alpine 3.10", "alpine 3.11", "alpine 3.15", "wolfi", "chainguard", "debian 9");
    assertThat(advisoryBuckets).isEqualTo(result.summary().buckets().keySet());

    BoltReader.Bucket sources = reader.root().bucket("data-source").orElseThrow();
    for (String bucket : advisoryBuckets) {
      JsonNode source = JSON.readTree(sources.get(bucket).orElseThrow(() -> new AssertionError("no data-source for " + bucket)));
      assertThat(source.get("ID").asText()).isEqualTo(TrivyMapper.SOURCE_ID);
      assertThat(source.get("Name").isTextual()).isTrue();
    }
    BoltReader.Bucket details = reader.root().bucket("vulnerability").orElseThrow();
    int withCwe = 0;
    int withReferences = 0;
    for (String id : idsInAdvisories) {
      JsonNode detail = JSON.readTree(details.get(id).orElseThrow(() -> new AssertionError("no vulnerability detail for " + id)));
      assertThat(detail.get("Severity").isTextual()).isTrue();
      assertThat(detail.get("Severity").asText()).isIn("UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL");
      assertThat(detail.get("VendorSeverity").get(TrivyMapper.SOURCE_ID).isInt()).isTrue();
      for (String date : List.of("PublishedDate", "LastModifiedDate")) {
        if (detail.has(date)) {
          OffsetDateTime.parse(detail.get(date).asText()); // RFC 3339, as Go's decoder wants
        }
      }
      if (detail.has("CweIDs")) {
        detail.get("CweIDs").forEach(cwe -> assertThat(cwe.asText()).matches("CWE-\\d+"));
        withCwe++;
      }
      if (detail.has("References")) {
        List<String> urls = strings(detail.get("References"));
        assertThat(urls).isSorted().doesNotHaveDuplicates().allMatch(u -> u.startsWith("http"));
        withReferences++;
      }
      if (detail.has("CVSS")) {
        detail.get("CVSS").fields().forEachRemaining(source -> source.getValue().fields().forEachRemaining(f ->
            assertThat(f.getKey().endsWith("Score") ? f.getValue().isNumber() : f.getValue().isTextual()).as(f.getKey()).isTrue()));
      }
    }
    assertThat(withCwe).as("details with CWE ids (GHSA fixtures)").isGreaterThan(100);
    assertThat(withReferences).as("details with references").isGreaterThan(1000);
  }

  private static void checkAdvisoryTypes(String bucket, JsonNode value) {
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "FixedVersion" -> assertThat(v.isTextual()).isTrue();
        case "Status", "Severity" -> assertThat(v.isInt()).as(field.getKey() + " is a number in " + bucket).isTrue();
        case "VulnerableVersions", "PatchedVersions", "VendorIDs" -> {
          assertThat(v.isArray()).isTrue();
          v.forEach(element -> assertThat(element.isTextual()).isTrue());
        }
        default -> throw new AssertionError("unexpected field " + field.getKey() + " in " + bucket);
      }
    }
    boolean os = OS_BUCKET.matcher(bucket).matches();
    assertThat(value.has("VulnerableVersions")).as("language entries carry version lists, OS entries do not").isEqualTo(!os);
    if (os) {
      assertThat(value.has("FixedVersion") || value.has("Status")).isTrue();
    }
  }

  @Test
  void trivysDecisionOnTheWrittenValuesIsOurMatchersOnSampledVersions() throws IOException {
    Map<String, long[]> comparedPerBucket = new TreeMap<>();
    List<String> disagreements = compare(advisories, comparedPerBucket);
    System.out.println("Trivy DB comparison, versions compared per bucket: "
        + comparedPerBucket.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0]).toList());
    assertThat(disagreements).as("Trivy's reading of the DB disagrees with our matcher").isEmpty();
    assertThat(comparedPerBucket.values().stream().mapToLong(c -> c[0]).sum()).isGreaterThan(10_000);
    assertThat(comparedPerBucket).containsKeys("maven::Stella Ops", "pip::Stella Ops", "go::Stella Ops", "cargo::Stella Ops", "alma 8",
        "alpine 3.10", "wolfi", "debian 10");
  }

  /**
   * Maps {@code advisories} and, for sampled versions of every written entry, compares Trivy's
   * documented decision on the written value with our matcher's; returns the disagreements and
   * counts the comparisons per bucket. Widened OS entries must answer "vulnerable" wherever we do.
   */
  static List<String> compare(List<Advisory> advisories, Map<String, long[]> comparedPerBucket) throws IOException {
    TrivyMapper mapper = new TrivyMapper("Stella Ops");
    List<String> disagreements = new ArrayList<>();
    for (Advisory advisory : advisories) {
      TrivyMapper.Mapped mapped = mapper.map(advisory);
      for (TrivyMapper.Entry entry : mapped.entries()) {
        List<AffectedPackage> packages = advisory.affected().stream()
            .filter(p -> TrivyNames.bucket(p.ecosystem(), "Stella Ops").name().orElse("").equals(entry.bucket())
                && TrivyNames.packageName(p.ecosystem(), p.name()).equals(entry.packageName()))
            .toList();
        String ecosystem = packages.get(0).ecosystem();
        VersionScheme scheme = VersionSchemes.forEcosystem(ecosystem).orElseThrow();
        boolean widened = mapped.skips().stream().anyMatch(s -> s.widened() && s.packageName().equals(entry.packageName()));
        JsonNode value = JSON.readTree(entry.json());
        for (String version : samples(packages, scheme)) {
          Optional<Boolean> ours = ours(packages, version, scheme);
          if (ours.isEmpty()) {
            continue;
          }
          boolean trivy = TrivyNames.isLanguage(ecosystem) ? trivyLanguage(value, version, ecosystem, scheme) : trivyOs(value, version, scheme);
          comparedPerBucket.computeIfAbsent(entry.bucket(), b -> new long[1])[0]++;
          boolean agrees = widened ? (trivy || !ours.get()) : trivy == ours.get();
          if (!agrees) {
            disagreements.add(advisory.id() + " " + entry.bucket() + "/" + entry.packageName() + " " + version + ": ours "
                + ours.get() + ", Trivy " + trivy + " on " + value);
          }
        }
      }
    }
    return disagreements;
  }

  /** Versions at and around every event, and the listed ones: where a wrong bound shows. */
  private static Set<String> samples(List<AffectedPackage> packages, VersionScheme scheme) {
    Set<String> samples = new LinkedHashSet<>();
    for (AffectedPackage p : packages) {
      for (AffectedRange range : p.ranges()) {
        for (RangeEvent event : range.events()) {
          if (!event.version().equals("0")) {
            samples.add(event.version());
            samples.addAll(neighbours(event.version()));
          }
        }
      }
      p.versions().stream().limit(40).forEach(samples::add);
    }
    samples.add("0.0.1");
    samples.add("99999.0.0");
    samples.removeIf(v -> !TrivyMapper.valid(v, scheme));
    return samples;
  }

  /** The version with its last number one lower and one higher. */
  static List<String> neighbours(String version) {
    java.util.regex.Matcher m = Pattern.compile("(\\d+)(?!.*\\d)").matcher(version);
    if (!m.find()) {
      return List.of();
    }
    long n = Long.parseLong(m.group(1).length() > 15 ? "0" : m.group(1));
    List<String> out = new ArrayList<>();
    out.add(version.substring(0, m.start()) + (n + 1) + version.substring(m.end()));
    if (n > 0) {
      out.add(version.substring(0, m.start()) + (n - 1) + version.substring(m.end()));
    }
    return out;
  }

  /** Our matcher's answer for the package entries of one advisory; empty when it cannot decide. */
  private static Optional<Boolean> ours(List<AffectedPackage> packages, String version, VersionScheme scheme) {
    for (AffectedPackage p : packages) {
      if (p.versions().stream().anyMatch(v -> v.equals(version) || (TrivyMapper.valid(v, scheme) && scheme.compare(v, version) == 0))) {
        return Optional.of(true);
      }
      for (AffectedRange range : p.ranges()) {
        if (range.type() == RangeType.GIT) {
          continue;
        }
        VersionScheme rangeScheme = RangeEvaluator.schemeFor(range.type(), Optional.of(scheme)).orElseThrow();
        RangeResult r = RangeEvaluator.evaluate(range, version, rangeScheme);
        if (r.outcome() == RangeResult.Outcome.UNDECIDABLE) {
          return Optional.empty();
        }
        if (r.outcome() == RangeResult.Outcome.AFFECTED) {
          return Optional.of(true);
        }
      }
    }
    return Optional.of(false);
  }

  /** §3.2 step 4: empty element → vulnerable; else the OR of VulnerableVersions, minus the OR of the secure lists. */
  private static boolean trivyLanguage(JsonNode value, String version, String ecosystem, VersionScheme scheme) {
    List<String> vulnerable = strings(value.get("VulnerableVersions"));
    List<String> secure = new ArrayList<>(strings(value.get("PatchedVersions")));
    secure.addAll(strings(value.get("UnaffectedVersions")));
    if (vulnerable.contains("") || secure.contains("")) {
      return true;
    }
    boolean affected = !vulnerable.isEmpty() && satisfiesAny(vulnerable, version, ecosystem, scheme);
    if (secure.isEmpty()) {
      return affected;
    }
    return affected && !satisfiesAny(secure, version, ecosystem, scheme);
  }

  private static boolean satisfiesAny(List<String> constraints, String version, String ecosystem, VersionScheme scheme) {
    RangeExpressions.Dialect dialect = ecosystem.equals("npm") ? RangeExpressions.Dialect.NPM : RangeExpressions.Dialect.TRIVY;
    for (String constraint : constraints) {
      // A constraint Trivy cannot parse makes it answer "not vulnerable"; we must never write one.
      // Trivy's npm comparer checks with pre-releases included (go-npm-version WithPreRelease(true)),
      // so no constraint is read with node-semver's same-tuple rule.
      VersionRange range = new VersionRange(RangeExpressions.parse(constraint, dialect).intervals(), PrereleaseRule.ORDER_ONLY);
      if (range.contains(version, scheme)) {
        return true;
      }
    }
    return false;
  }

  /** §3.1: a fixed entry is vulnerable below its fixed version; an unfixed one always. */
  private static boolean trivyOs(JsonNode value, String version, VersionScheme scheme) {
    JsonNode fixed = value.get("FixedVersion");
    return fixed == null || fixed.asText().isEmpty() || scheme.compare(version, fixed.asText()) < 0;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(e -> out.add(e.asText()));
    }
    return out;
  }

  @Test
  void theSummaryCountsWhatWasLeftOutByReason() {
    TrivyDbSummary summary = result.summary();
    assertThat(summary.skipped()).containsKey("Trivy reads no bucket for ecosystem OSS-Fuzz");
    long skippedPackages = summary.skipped().values().stream().filter(r -> !r.widened()).mapToLong(TrivyDbSummary.Reason::count).sum();
    long affectedPackages = advisories.stream().mapToLong(a -> a.hasBeenWithdrawn() ? 1 : a.affected().size()).sum();
    assertThat(skippedPackages).isPositive().isLessThan(affectedPackages);
    assertThat(summary.advisoriesExported() + summary.advisoriesNotExported()).isEqualTo(advisories.size());
    System.out.println("Trivy DB export of the fixtures: " + summary.advisoriesExported() + " of " + summary.advisoriesRead()
        + " advisories, " + summary.entries() + " entries, skipped " + summary.skipped());
  }
}
