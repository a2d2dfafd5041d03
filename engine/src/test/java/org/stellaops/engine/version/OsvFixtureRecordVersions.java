package org.stellaops.engine.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every version string of every OSV record under {@code fixtures/osv}, with the ecosystem (or
 * range type) whose comparer must read it: the {@code versions} list and the {@code introduced},
 * {@code fixed}, {@code last_affected} and {@code limit} events of {@code ECOSYSTEM} and
 * {@code SEMVER} ranges. JSON records are read with Jackson; the PyPI YAML records (all of
 * ecosystem {@code PyPI}) with line matching, since engine has no YAML library.
 */
final class OsvFixtureRecordVersions {

  /** One version string and where it was found. */
  record Occurrence(String file, String ecosystem, String rangeType, String version) {

    /** {@code file: ecosystem [rangeType] "version"}, for failure messages. */
    String describe() {
      return file + ": " + ecosystem + (rangeType.isEmpty() ? "" : " [" + rangeType + "]") + " \"" + version + "\"";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern YAML_KEY = Pattern.compile("^( *)(?:- )?(versions|events):\\s*$");
  private static final Pattern YAML_ITEM = Pattern.compile("^( *)- (?:(introduced|fixed|last_affected|limit): )?(.*)$");
  private static final Pattern YAML_RANGE_TYPE = Pattern.compile("^ *- type: (\\S+)\\s*$");

  private OsvFixtureRecordVersions() {}

  /** The OSV fixture directory, or null when the shared fixtures are absent. */
  static Path osvDirectory() {
    String shared = System.getProperty("stella.shared.dir");
    Path osv = shared == null ? null : Path.of(shared, "fixtures", "osv");
    return osv != null && Files.isDirectory(osv) ? osv : null;
  }

  /** Every occurrence in every record under the directory, in file order. */
  static List<Occurrence> all(Path osvDirectory) {
    List<Occurrence> occurrences = new ArrayList<>();
    try (Stream<Path> files = Files.walk(osvDirectory)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = osvDirectory.relativize(file).toString();
        if (name.endsWith(".json")) {
          fromJson(name, JSON.readTree(file.toFile()), occurrences);
        } else if (name.endsWith(".yaml")) {
          fromPypiYaml(name, Files.readAllLines(file), occurrences);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return occurrences;
  }

  private static void fromJson(String file, JsonNode record, List<Occurrence> out) {
    for (JsonNode affected : record.path("affected")) {
      String ecosystem = affected.path("package").path("ecosystem").asText("");
      for (JsonNode version : affected.path("versions")) {
        out.add(new Occurrence(file, ecosystem, "", version.asText()));
      }
      for (JsonNode range : affected.path("ranges")) {
        String type = range.path("type").asText("");
        for (JsonNode event : range.path("events")) {
          event.fields().forEachRemaining(field -> {
            if (isVersionEvent(field.getKey(), field.getValue().asText())) {
              out.add(new Occurrence(file, ecosystem, type, field.getValue().asText()));
            }
          });
        }
      }
    }
  }

  /** The PyPA YAML records: one PyPI package each, block sequences under versions and events. */
  private static void fromPypiYaml(String file, List<String> lines, List<Occurrence> out) {
    int keyIndent = -1;
    String rangeType = "";
    for (String line : lines) {
      Matcher type = YAML_RANGE_TYPE.matcher(line);
      if (type.matches()) {
        rangeType = type.group(1);
      }
      Matcher key = YAML_KEY.matcher(line);
      Matcher item = YAML_ITEM.matcher(line);
      if (key.matches()) {
        keyIndent = key.group(1).length();
      } else if (keyIndent >= 0 && item.matches() && item.group(1).length() >= keyIndent) {
        String value = unquote(item.group(3).strip());
        boolean event = item.group(2) != null;
        if (!event || isVersionEvent(item.group(2), value)) {
          out.add(new Occurrence(file, "PyPI", event ? rangeType : "", value));
        }
      } else {
        keyIndent = -1;
      }
    }
  }

  /** OSV's {@code introduced: "0"} means "from the beginning" and {@code limit: "*"} "no cap". */
  private static boolean isVersionEvent(String kind, String value) {
    return switch (kind) {
      case "introduced" -> !value.equals("0");
      case "limit" -> !value.equals("*");
      case "fixed", "last_affected" -> true;
      default -> false;
    };
  }

  private static String unquote(String scalar) {
    if (scalar.length() >= 2 && scalar.startsWith("'") && scalar.endsWith("'")) {
      return scalar.substring(1, scalar.length() - 1).replace("''", "'");
    }
    if (scalar.length() >= 2 && scalar.startsWith("\"") && scalar.endsWith("\"")) {
      return scalar.substring(1, scalar.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return scalar;
  }
}
