package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads version strings from OSV advisories, the authored samples and the real fixtures, and
 * checks that the schemes accept nearly all of them and order {@code introduced} below
 * {@code fixed}. The files are read with simple text matching because engine has no JSON or YAML
 * library.
 */
class FixtureVersionsTest {

  private static final Pattern JSON_EVENTS = Pattern.compile("\"events\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL);
  private static final Pattern JSON_EVENT =
      Pattern.compile("\"(introduced|fixed|last_affected)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern JSON_VERSIONS = Pattern.compile("\"versions\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL);
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern YAML_VERSIONS_KEY = Pattern.compile("^( *)versions:\\s*$");
  private static final Pattern YAML_ITEM = Pattern.compile("^( *)- (.*)$");

  private Path osv;

  /** {@code samples}: the authored records in this repository; {@code shared}: the real public data. */
  private void use(String source) {
    if (source.equals("samples")) {
      osv = OsvFixtureVersions.samples().resolve("osv");
    } else {
      Optional<Path> shared = OsvFixtureVersions.sharedFixtures();
      ExternalRequirement.fixtures(shared.isPresent(),
          "no shared fixtures (stella.shared.dir=" + System.getProperty("stella.shared.dir") + ")");
      osv = shared.get().resolve("osv");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"samples", "shared"})
  void pypiAffectedVersionsAreMostlyValidPep440(String source) {
    use(source);
    List<String> versions = new ArrayList<>();
    for (Path file : files("PyPI", ".yaml")) {
      versions.addAll(yamlVersionLists(read(file)));
    }
    assertMostlyValid(new Pep440Scheme(), versions, 0.99);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"samples", "shared"})
  void cratesIoRangeEventsAreValidAndOrdered(String source) {
    use(source);
    checkJsonEcosystem("crates.io", SemVerScheme.cratesIo());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"samples", "shared"})
  void goRangeEventsAreValidAndOrdered(String source) {
    use(source);
    checkJsonEcosystem("Go", new GoScheme());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"samples", "shared"})
  void npmVersionsAreValid(String source) {
    use(source);
    checkJsonEcosystem("npm", SemVerScheme.npm());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"samples", "shared"})
  void mavenVersionsAreValid(String source) {
    use(source);
    List<String> versions = new ArrayList<>();
    for (Path file : files("Maven", ".json")) {
      versions.addAll(jsonVersionLists(read(file)));
    }
    assertMostlyValid(new MavenScheme(), versions, 1.0);
  }

  private void checkJsonEcosystem(String ecosystem, VersionScheme scheme) {
    List<String> versions = new ArrayList<>();
    List<String[]> introducedFixed = new ArrayList<>();
    for (Path file : files(ecosystem, ".json")) {
      String json = read(file);
      versions.addAll(jsonVersionLists(json));
      Matcher events = JSON_EVENTS.matcher(json);
      while (events.find()) {
        collectEvents(events.group(1), versions, introducedFixed);
      }
    }
    assertMostlyValid(scheme, versions, 0.99);
    assertMostlyOrdered(scheme, introducedFixed);
  }

  /** OSV's introduced "0" means "from the beginning", not a version. */
  private static void collectEvents(String events, List<String> versions, List<String[]> introducedFixed) {
    Matcher event = JSON_EVENT.matcher(events);
    String introduced = null;
    while (event.find()) {
      String value = event.group(2);
      if (event.group(1).equals("introduced")) {
        introduced = value.equals("0") ? null : value;
      } else if (event.group(1).equals("fixed") && introduced != null) {
        introducedFixed.add(new String[] {introduced, value});
      }
      if (!value.equals("0")) {
        versions.add(value);
      }
    }
  }

  private static void assertMostlyValid(VersionScheme scheme, List<String> versions, double share) {
    List<String> failures = new ArrayList<>();
    for (String version : versions) {
      try {
        scheme.validate(version);
      } catch (UnparseableVersionException e) {
        failures.add(e.getMessage());
      }
    }
    System.out.printf("%s: %d of %d fixture versions rejected%n", scheme.name(), failures.size(), versions.size());
    failures.stream().distinct().forEach(failure -> System.out.println("  " + failure));
    assertThat(versions).as("fixture versions for %s", scheme.name()).isNotEmpty();
    assertThat(versions.size() - failures.size()).isGreaterThanOrEqualTo((int) Math.ceil(versions.size() * share));
  }

  private static void assertMostlyOrdered(VersionScheme scheme, List<String[]> introducedFixed) {
    List<String> wrong = new ArrayList<>();
    int compared = 0;
    for (String[] range : introducedFixed) {
      try {
        compared++;
        if (scheme.compare(range[0], range[1]) > 0) {
          wrong.add(range[0] + " > " + range[1]);
        }
      } catch (UnparseableVersionException e) {
        compared--;
      }
    }
    System.out.printf("%s: %d of %d introduced/fixed pairs have introduced > fixed %s%n",
        scheme.name(), wrong.size(), compared, wrong);
    assertThat(compared).as("introduced/fixed pairs compared for %s", scheme.name()).isPositive();
    assertThat(wrong.size()).isLessThanOrEqualTo(compared / 100);
  }

  /** The items of every block sequence under a {@code versions:} key, unquoted. */
  static List<String> yamlVersionLists(String yaml) {
    List<String> versions = new ArrayList<>();
    int keyIndent = -1;
    for (String line : yaml.split("\n", -1)) {
      Matcher key = YAML_VERSIONS_KEY.matcher(line);
      Matcher item = YAML_ITEM.matcher(line);
      if (key.matches()) {
        keyIndent = key.group(1).length();
      } else if (keyIndent >= 0 && item.matches() && item.group(1).length() >= keyIndent) {
        versions.add(unquoteYaml(item.group(2).strip()));
      } else {
        keyIndent = -1;
      }
    }
    return versions;
  }

  private static String unquoteYaml(String scalar) {
    if (scalar.length() >= 2 && scalar.startsWith("'") && scalar.endsWith("'")) {
      return scalar.substring(1, scalar.length() - 1).replace("''", "'");
    }
    if (scalar.length() >= 2 && scalar.startsWith("\"") && scalar.endsWith("\"")) {
      return scalar.substring(1, scalar.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return scalar;
  }

  private static List<String> jsonVersionLists(String json) {
    List<String> versions = new ArrayList<>();
    Matcher lists = JSON_VERSIONS.matcher(json);
    while (lists.find()) {
      Matcher string = JSON_STRING.matcher(lists.group(1));
      while (string.find()) {
        versions.add(string.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
    }
    return versions;
  }

  private List<Path> files(String ecosystem, String extension) {
    Path directory = osv.resolve(ecosystem);
    ExternalRequirement.fixtures(Files.isDirectory(directory), "no OSV records at " + directory);
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(path -> path.toString().endsWith(extension)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
