package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link ComposerScheme} with Composer itself: {@code VersionParser::normalize} from
 * {@code composer/semver} (Debian's {@code php-composer-semver}, which the {@code composer}
 * package uses) followed by PHP's {@code version_compare} ({@code php-cli}). A string that
 * normalises to a branch ({@code dev-…}) counts as unordered, as Composer's
 * {@code Constraint::versionCompare} refuses to order a branch against a version.
 *
 * <p>The scheme follows {@code composer/semver} 3.4, while Debian 12 ships 3.3.2. The releases
 * differ in one place: 3.4's date pattern takes up to two short groups after the date
 * ({@code 2023.01.01.1.2}, and so {@code 123456.2.1}), 3.3.2's only one. Pairs with such a
 * string are set aside, counted and printed.
 */
class ComposerDifferentialTest {

  private static final long SEED = 8202L;
  private static final int PAIRS = 5000;
  private static final String MODIFIER =
      "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
  private static final Pattern CLASSICAL =
      Pattern.compile("^v?\\d{1,5}+(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATE_3_3 =
      Pattern.compile("^v?\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATE_3_4 =
      Pattern.compile("^v?\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2}" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final String AUTOLOAD = "/usr/share/php/Composer/Semver/autoload.php";

  private static final String ORACLE = String.join("\n",
      "require '" + AUTOLOAD + "';",
      "$parser = new Composer\\Semver\\VersionParser();",
      "$parse = function ($hex) use ($parser) {",
      "  try { $n = $parser->normalize(hex2bin($hex)); } catch (\\UnexpectedValueException $e) { return null; }",
      "  return strncmp($n, 'dev-', 4) === 0 ? null : $n;",
      "};",
      "$out = '';",
      "while (($line = fgets(STDIN)) !== false) {",
      "  [$a, $b] = explode(\"\\t\", rtrim($line, \"\\n\"));",
      "  $na = $parse($a); $nb = $parse($b);",
      "  if ($na === null || $nb === null) {",
      "    $out .= ($na === null ? 0 : 1) . ' ' . ($nb === null ? 0 : 1) . \" x\\n\";",
      "  } else {",
      "    $out .= '1 1 ' . version_compare($na, $nb) . \"\\n\";",
      "  }",
      "}",
      "echo $out;");

  private final VersionScheme composer = new ComposerScheme();

  @Test
  void agreesWithComposerOnGeneratedPairs(@TempDir Path workDir) throws Exception {
    assumeComposer();
    List<String[]> pairs = new ArrayList<>(new ComposerSamples(SEED).pairs(PAIRS));
    List<String[]> setAside = pairs.stream()
        .filter(pair -> readDifferentlyBySemver33(pair[0]) || readDifferentlyBySemver33(pair[1])).toList();
    pairs.removeAll(setAside);
    System.out.println("Packagist: " + setAside.size() + " pairs set aside (date versions read differently by "
        + "composer/semver 3.3.2), e.g. " + setAside.stream().limit(3).map(pair -> pair[0] + " vs " + pair[1]).toList());

    List<String> oracle = ExternalOracle.outcomes(List.of("php", "-r", ORACLE), pairs, workDir);

    System.out.println("Packagist vs Composer normalize + version_compare: " + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(pairs.size());
    assertThat(setAside).as("pairs set aside for the 3.3/3.4 date difference").hasSizeLessThan(PAIRS / 10);
    assertThat(ExternalOracle.disagreements(composer, pairs, oracle)).isEmpty();
    long invalid = oracle.stream().filter(line -> line.endsWith("x")).count();
    assertThat(invalid).as("some generated pairs are invalid, some valid").isBetween(PAIRS / 50L, PAIRS * 3L / 4);
  }

  @Test
  void agreesWithComposerOnFixtureVersions(@TempDir Path workDir) throws Exception {
    assumeComposer();
    Path osv = OsvFixtureRecordVersions.osvDirectory();
    ExternalRequirement.fixtures(osv != null, "../shared/fixtures/osv (system property stella.shared.dir)");
    List<String> versions = OsvFixtureRecordVersions.all(osv).stream()
        .filter(occurrence -> occurrence.ecosystem().startsWith("Packagist"))
        .map(OsvFixtureRecordVersions.Occurrence::version).distinct().toList();
    List<String[]> pairs = OsvFixtureVersions.neighbourPairs(versions);

    List<String> oracle = ExternalOracle.outcomes(List.of("php", "-r", ORACLE), pairs, workDir);

    System.out.println("Packagist fixtures (" + versions.size() + " versions) vs Composer: "
        + ExternalOracle.summary(oracle));
    assertThat(ExternalOracle.disagreements(composer, pairs, oracle)).isEmpty();
    assertThat(oracle).allMatch(line -> !line.endsWith("x"), "every fixture version is valid");
  }

  /**
   * True when composer/semver 3.4 reads the text as a date version that 3.3.2 refuses; the text
   * is first stripped of an alias, a stability flag and build metadata, as normalize does.
   */
  static boolean readDifferentlyBySemver33(String version) {
    String text = version.strip().replaceFirst("^(\\S+) +as +\\S+$", "$1")
        .replaceFirst("(?i)@(stable|RC|beta|alpha|dev)$", "").replaceFirst("^([^,\\s+]+)\\+\\S+$", "$1");
    return !CLASSICAL.matcher(text).matches() && DATE_3_4.matcher(text).matches() && !DATE_3_3.matcher(text).matches();
  }

  private static void assumeComposer() {
    boolean works = Files.isReadable(Path.of(AUTOLOAD)) && ExternalOracle.works("php", "-r",
        "require '" + AUTOLOAD + "'; (new Composer\\Semver\\VersionParser())->normalize('1.0');");
    ExternalRequirement.tool(works, "php with composer/semver (Debian packages php-cli and php-composer-semver, "
        + AUTOLOAD + ")");
  }
}
