package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every apk version in the shared fixtures (OSV Alpine and Chainguard advisories, Alpine, Wolfi
 * and Chainguard secdb files) compares. Four typos in Alpine's secdb break apk's grammar (a
 * release must be {@code -rN}, a dot needs a number, a letter takes no number): apk-tools calls
 * them invalid yet orders them, and so does the scheme.
 */
class ApkFixtureVersionsTest {

  /** A secfixes key in secdb YAML ({@code        2.8.4-r0:}) or JSON ({@code "2.39-r1": [}). */
  private static final Pattern YAML_SECFIXES = Pattern.compile("^( *)secfixes:\\s*$");
  private static final Pattern YAML_KEY = Pattern.compile("^( *)['\"]?([^\\s'\":-][^\\s'\":]*)['\"]?:\\s*$");
  private static final Pattern JSON_KEY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\[");
  private static final Set<String> JSON_NON_VERSION_KEYS = Set.of("archs", "packages");

  /** Upstream typos in the secdb fixtures that apk-tools calls invalid but still orders. */
  private static final Set<String> KNOWN_INVALID = Set.of("4.8.0.-r1", "6.6.2p1-r0", "2.7.16-33", "4.10-1-r1");

  private final ApkScheme apk = new ApkScheme();

  @Test
  void everyFixtureVersionIsValid() {
    Set<String> versions = new LinkedHashSet<>();
    versions.addAll(OsvFixtureVersions.of("Alpine"));
    versions.addAll(OsvFixtureVersions.of("Chainguard"));
    versions.addAll(secdbVersions());
    ExternalRequirement.fixtures(!versions.isEmpty(), "no apk fixtures (stella.shared.dir)");

    List<String> rejected = new ArrayList<>();
    for (String version : versions) {
      try {
        apk.validate(version);
      } catch (UnparseableVersionException e) {
        rejected.add(e.getMessage());
      }
    }

    System.out.printf("apk fixtures: %d distinct versions, rejected %s%n", versions.size(), rejected);
    assertThat(versions.size()).isGreaterThan(500);
    assertThat(rejected).isEmpty();
    assertThat(versions.stream().filter(version -> !ApkScheme.isStrictlyValid(version)))
        .containsExactlyInAnyOrderElementsOf(KNOWN_INVALID);
  }

  private static List<String> secdbVersions() {
    List<String> versions = new ArrayList<>();
    for (Path file : OsvFixtureVersions.files("distro", "alpine")) {
      String text = OsvFixtureVersions.read(file);
      if (file.toString().endsWith(".json")) {
        Matcher key = JSON_KEY.matcher(text);
        while (key.find()) {
          if (!JSON_NON_VERSION_KEYS.contains(key.group(1))) {
            versions.add(key.group(1));
          }
        }
      } else {
        versions.addAll(yamlSecfixesKeys(text));
      }
    }
    return versions;
  }

  /** The keys of every {@code secfixes:} mapping: indented deeper than it, until the indent returns. */
  private static List<String> yamlSecfixesKeys(String yaml) {
    List<String> keys = new ArrayList<>();
    int secfixesIndent = -1;
    for (String line : yaml.split("\n", -1)) {
      Matcher secfixes = YAML_SECFIXES.matcher(line);
      Matcher key = YAML_KEY.matcher(line);
      int indent = line.length() - line.stripLeading().length();
      if (secfixes.matches()) {
        secfixesIndent = secfixes.group(1).length();
      } else if (secfixesIndent >= 0 && indent <= secfixesIndent && !line.isBlank()) {
        secfixesIndent = -1;
      } else if (secfixesIndent >= 0 && key.matches()) {
        keys.add(key.group(2));
      }
    }
    return keys;
  }
}
