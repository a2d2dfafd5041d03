package org.stellaops.connectors.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Invents package coordinates from syllables, unique within one ecosystem. All names are
 * lowercase ASCII letters, digits, dots, dashes and underscores, so they need no purl escaping.
 */
final class PackageNames {
  private static final List<String> SYLLABLES = List.of(
      "ka", "lo", "mi", "ne", "ta", "ri", "so", "vel", "dra", "quo", "zen", "bor", "fli", "gan",
      "hex", "jo", "lum", "mor", "nix", "pra", "ro", "sta", "tor", "ul", "vin", "wex", "yar", "zo",
      "cel", "dun", "fro", "gri", "hal", "ix", "kel", "mag", "nor", "pel", "qua", "rax", "sil",
      "tum", "var", "bel", "cor", "dex", "fen", "lyn");
  private static final List<String> NPM_SUFFIXES =
      List.of("", "", "", "-js", "-utils", "-core", "-parser", "-cli", "-loader", "-plugin");
  private static final List<String> PYPI_SUFFIXES =
      List.of("", "", "", "-py", "-client", "-tools", "-sdk", "-lib");
  private static final List<String> MAVEN_SUFFIXES =
      List.of("", "-core", "-core", "-api", "-client", "-common", "-spring", "-runtime");
  private static final List<String> CRATE_SUFFIXES =
      List.of("", "", "", "-rs", "_derive", "-sys", "-macros", "_core");
  private static final List<String> ORG_PREFIXES = List.of("org", "io", "com", "net", "dev");
  private static final List<String> GO_HOSTS =
      List.of("github.com", "github.com", "github.com", "github.com", "gitlab.com", "go.example.org");

  private final SyntheticEcosystem ecosystem;
  private final SplittableRandom random;
  private final Set<String> taken = new HashSet<>();

  PackageNames(SyntheticEcosystem ecosystem, SplittableRandom random) {
    this.ecosystem = ecosystem;
    this.random = random;
  }

  /** A namespace (absent when the ecosystem or this package has none) and a name. */
  record Coordinates(Optional<String> namespace, String name) {}

  /** The next unused coordinates; retries until the OSV name has not been handed out before. */
  Coordinates next() {
    while (true) {
      Coordinates candidate = candidate();
      String key = candidate.namespace().orElse("") + "/" + candidate.name();
      if (taken.add(key)) {
        return candidate;
      }
    }
  }

  private Coordinates candidate() {
    String word = word();
    return switch (ecosystem) {
      case NPM -> new Coordinates(
          random.nextInt(5) == 0 ? Optional.of("@" + word()) : Optional.empty(),
          word + pick(NPM_SUFFIXES));
      case PYPI -> new Coordinates(Optional.empty(), word + pick(PYPI_SUFFIXES));
      case MAVEN -> {
        String organisation = pick(ORG_PREFIXES) + "." + word();
        String group = random.nextInt(3) == 0 ? organisation + "." + word : organisation;
        yield new Coordinates(Optional.of(group), word + pick(MAVEN_SUFFIXES));
      }
      case GO -> new Coordinates(Optional.of(pick(GO_HOSTS) + "/" + word()), word);
      case CRATES_IO -> new Coordinates(Optional.empty(), word + pick(CRATE_SUFFIXES));
    };
  }

  private String word() {
    int syllables = 2 + random.nextInt(2);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      word.append(pick(SYLLABLES));
    }
    return word.toString();
  }

  private String pick(List<String> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
