package org.stellaops.engine.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Version strings from OSV records: the real public data in the shared fixtures
 * ({@code stella.shared.dir}) or the small samples authored for this repository
 * ({@code src/test/resources/samples/osv}, same layout). {@code versions} lists and range events
 * are read with simple text matching because engine has no JSON library.
 */
final class OsvFixtureVersions {

  private static final Pattern VERSIONS = Pattern.compile("\"versions\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL);
  private static final Pattern EVENT = Pattern.compile("\"(?:introduced|fixed|last_affected)\"\\s*:\\s*\"([^\"\\\\]*)\"");
  private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");

  private OsvFixtureVersions() {}

  /** {@code <stella.shared.dir>/fixtures}, or empty when the property is unset or the directory is missing. */
  static Optional<Path> sharedFixtures() {
    String shared = System.getProperty("stella.shared.dir");
    Path fixtures = shared == null ? null : Path.of(shared, "fixtures");
    return fixtures != null && Files.isDirectory(fixtures) ? Optional.of(fixtures) : Optional.empty();
  }

  /** The authored samples on the test class path, laid out like the shared fixtures. */
  static Path samples() {
    try {
      return Path.of(OsvFixtureVersions.class.getResource("/samples").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The files of a shared fixtures directory, or empty when the fixtures are absent. */
  static List<Path> files(String... relativeDirectory) {
    return sharedFixtures().map(root -> files(root, relativeDirectory)).orElse(List.of());
  }

  /** The files of one directory under a root, sorted; empty when it is missing. */
  static List<Path> files(Path root, String... relativeDirectory) {
    Path directory = root.resolve(Path.of("", relativeDirectory));
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Distinct versions of one shared OSV ecosystem directory, in file order; OSV's introduced "0" excluded. */
  static List<String> of(String ecosystem) {
    return versionsIn(files("osv", ecosystem));
  }

  /** Distinct versions of one authored OSV ecosystem directory, in file order; introduced "0" excluded. */
  static List<String> samplesOf(String ecosystem) {
    return versionsIn(files(samples(), "osv", ecosystem));
  }

  private static List<String> versionsIn(List<Path> files) {
    Set<String> versions = new LinkedHashSet<>();
    for (Path file : files) {
      String json = read(file);
      Matcher lists = VERSIONS.matcher(json);
      while (lists.find()) {
        Matcher string = STRING.matcher(lists.group(1));
        while (string.find()) {
          versions.add(string.group(1));
        }
      }
      Matcher event = EVENT.matcher(json);
      while (event.find()) {
        if (!event.group(1).equals("0")) {
          versions.add(event.group(1));
        }
      }
    }
    return List.copyOf(versions);
  }

  /** Each {@code versions} list of one JSON record, in the record's order. */
  static List<List<String>> versionLists(Path file) {
    List<List<String>> lists = new ArrayList<>();
    Matcher list = VERSIONS.matcher(read(file));
    while (list.find()) {
      List<String> versions = new ArrayList<>();
      Matcher string = STRING.matcher(list.group(1));
      while (string.find()) {
        versions.add(string.group(1));
      }
      lists.add(versions);
    }
    return lists;
  }

  /** Each version with its successor in the list and with one other chosen by a fixed seed. */
  static List<String[]> neighbourPairs(List<String> versions) {
    Random random = new Random(versions.size());
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      if (i + 1 < versions.size()) {
        pairs.add(new String[] {versions.get(i), versions.get(i + 1)});
      }
      pairs.add(new String[] {versions.get(i), versions.get(random.nextInt(versions.size()))});
    }
    return pairs;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
