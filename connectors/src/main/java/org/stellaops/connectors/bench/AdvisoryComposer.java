package org.stellaops.connectors.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * Composes advisory number {@code index} from its own random stream, so each record depends on
 * the seed and its index only. Advisories pick packages by advisory popularity and ecosystems
 * by {@link SyntheticEcosystem#advisoryWeight()}.
 */
final class AdvisoryComposer {
  static final Instant BASE_TIME = Instant.parse("2024-01-01T00:00:00Z");
  private static final long PUBLISHED_SPREAD_SECONDS = Duration.ofDays(730).toSeconds();
  private static final long MODIFIED_SPREAD_SECONDS = Duration.ofDays(200).toSeconds();
  private static final String GHSA_ALPHABET = "23456789cfghjmpqrvwx";
  private static final String[][] WEAKNESSES = {
      {"CWE-79", "Cross-site scripting"}, {"CWE-1321", "Prototype pollution"},
      {"CWE-400", "Uncontrolled resource consumption"}, {"CWE-22", "Path traversal"},
      {"CWE-502", "Deserialization of untrusted data"}, {"CWE-89", "SQL injection"},
      {"CWE-918", "Server-side request forgery"}, {"CWE-1333", "Regular expression denial of service"},
      {"CWE-78", "OS command injection"}, {"CWE-352", "Cross-site request forgery"},
      {"CWE-287", "Improper authentication"}, {"CWE-200", "Exposure of sensitive information"},
      {"CWE-20", "Improper input validation"}, {"CWE-611", "XML external entity injection"},
      {"CWE-787", "Out-of-bounds write"}, {"CWE-416", "Use after free"}};

  private final long seed;
  private final PackagePool pool;
  private final double[] ecosystemWeights;

  AdvisoryComposer(long seed, PackagePool pool) {
    this.seed = seed;
    this.pool = requireNonNull(pool, "pool is null");
    SyntheticEcosystem[] ecosystems = SyntheticEcosystem.values();
    this.ecosystemWeights = new double[ecosystems.length];
    for (int i = 0; i < ecosystems.length; i++) {
      ecosystemWeights[i] = ecosystems[i].advisoryWeight();
    }
  }

  SyntheticAdvisory compose(long index) {
    SplittableRandom random = Seeds.random(seed, "advisory", index);
    SyntheticEcosystem ecosystem = SyntheticEcosystem.pick(ecosystemWeights, random.nextDouble());
    String id = String.format(Locale.ROOT, "SYN-%s-%06d", ecosystem.idPrefix(), index + 1);
    Instant published = BASE_TIME.plusSeconds(random.nextLong(PUBLISHED_SPREAD_SECONDS));
    Instant modified = published.plusSeconds(random.nextLong(MODIFIED_SPREAD_SECONDS));
    List<SyntheticAdvisory.Affected> affected = affected(ecosystem, random);
    String[] weakness = weakness(ecosystem, random);
    String packageName = affected.get(0).target().osvName();
    Optional<CvssV3Vectors.ScoredVector> cvss = random.nextInt(100) < 85
        ? Optional.of(CvssV3Vectors.draw(random))
        : Optional.empty();
    return new SyntheticAdvisory(
        id,
        ecosystem,
        published,
        modified,
        aliases(index, published, random),
        weakness[1] + " in " + packageName,
        details(weakness[1], affected.get(0)),
        cvss.map(CvssV3Vectors.ScoredVector::vector),
        severityWord(cvss, random),
        weakness[0],
        affected);
  }

  private List<SyntheticAdvisory.Affected> affected(
      SyntheticEcosystem ecosystem, SplittableRandom random) {
    int first = pool.advisoryRank(random);
    List<SyntheticAdvisory.Affected> affected = new ArrayList<>(2);
    affected.add(affectedPackage(pool.packageAt(ecosystem, first), random));
    if (random.nextInt(10) == 0) {
      int second = pool.advisoryRank(random);
      if (second != first) {
        affected.add(affectedPackage(pool.packageAt(ecosystem, second), random));
      }
    }
    return affected;
  }

  private static SyntheticAdvisory.Affected affectedPackage(
      SyntheticPackage target, SplittableRandom random) {
    PlannedRange range = RangePlanner.plan(target, random);
    List<String> listed = new ArrayList<>();
    if (random.nextDouble() < target.ecosystem().versionsListShare()) {
      BitSet positions = range.affectedVersions();
      positions.stream().forEach(position -> listed.add(target.versions().get(position)));
    }
    return new SyntheticAdvisory.Affected(target, range, listed);
  }

  private static String[] weakness(SyntheticEcosystem ecosystem, SplittableRandom random) {
    String[] weakness = WEAKNESSES[random.nextInt(WEAKNESSES.length)];
    // Prototype pollution is a JavaScript flaw; elsewhere fall back to the first entry.
    return weakness[0].equals("CWE-1321") && ecosystem != SyntheticEcosystem.NPM ? WEAKNESSES[0] : weakness;
  }

  private static List<String> aliases(long index, Instant published, SplittableRandom random) {
    List<String> aliases = new ArrayList<>(2);
    if (random.nextInt(100) < 80) {
      int year = published.atZone(ZoneOffset.UTC).getYear() - random.nextInt(2);
      aliases.add(String.format(Locale.ROOT, "CVE-%d-%05d", year, 10_000 + index));
    }
    if (random.nextInt(100) < 20) {
      aliases.add("GHSA-" + ghsaPart(random) + "-" + ghsaPart(random) + "-" + ghsaPart(random));
    }
    return aliases;
  }

  private static String ghsaPart(SplittableRandom random) {
    StringBuilder part = new StringBuilder(4);
    for (int i = 0; i < 4; i++) {
      part.append(GHSA_ALPHABET.charAt(random.nextInt(GHSA_ALPHABET.length())));
    }
    return part.toString();
  }

  private static String details(String weakness, SyntheticAdvisory.Affected affected) {
    return "Synthetic record for benchmarks. " + weakness + " in `" + affected.target().osvName()
        + "` lets a remote attacker affect confidentiality, integrity or availability. "
        + "Upgrade to a release outside the affected ranges.";
  }

  /** GitHub's words; when a vector is present the word agrees with its base score. */
  private static Optional<String> severityWord(
      Optional<CvssV3Vectors.ScoredVector> cvss, SplittableRandom random) {
    if (random.nextInt(100) >= 60) {
      return Optional.empty();
    }
    SeverityLevel level = cvss
        .map(scored -> SeverityLevel.fromScore(scored.baseScore()))
        .orElseGet(() -> SeverityLevel.values()[random.nextInt(4)]);
    return Optional.of(level == SeverityLevel.MEDIUM ? "MODERATE" : level.name());
  }
}
