package org.stellaops.engine.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Version strings from the shared fixtures ({@code stella.shared.dir}): OSV {@code versions}
 * lists and range events, read with simple text matching because engine has no JSON library.
 */
final class OsvFixtureVersions {

  private static final Pattern VERSIONS = Pattern.compile("\"versions\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL);
  private static final Pattern EVENT = Pattern.compile("\"(?:introduced|fixed|last_affected)\"\\s*:\\s*\"([^\"\\\\]*)\"");
  private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");

  private OsvFixtureVersions() {}

  /** The fixtures directory, or empty when the property is unset or the directory is missing. */
  static List<Path> files(String... relativeDirectory) {
    String shared = System.getProperty("stella.shared.dir");
    if (shared == null) {
      return List.of();
    }
    Path directory = Path.of(shared, "fixtures").resolve(Path.of("", relativeDirectory));
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Distinct versions of one OSV ecosystem directory, in file order; OSV's introduced "0" excluded. */
  static List<String> of(String ecosystem) {
    Set<String> versions = new LinkedHashSet<>();
    for (Path file : files("osv", ecosystem)) {
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
