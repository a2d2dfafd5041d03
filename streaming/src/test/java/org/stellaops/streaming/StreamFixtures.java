package org.stellaops.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Small real-format inputs for the stream's tests: OSV advisories and CycloneDX SBOMs of three
 * images. Images A and B ship lodash; C (another registry) does not.
 */
final class StreamFixtures {
  static final String IMAGE_A = "sha256:" + "a1".repeat(32);
  static final String IMAGE_B = "sha256:" + "b2".repeat(32);
  static final String IMAGE_C = "sha256:" + "c3".repeat(32);
  static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  static final String HIGH = "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H";

  private StreamFixtures() {}

  /** The SBOMs of A, B and C in {@code dir}. */
  static Path sboms(Path dir) throws IOException {
    Files.createDirectories(dir);
    sbom(dir.resolve("a.cdx.json"), "registry.example/shop-a:1.0", IMAGE_A,
        Map.of("lodash", "4.17.20", "minimist", "1.2.5"));
    sbom(dir.resolve("b.cdx.json"), "registry.example/shop-b", IMAGE_B, Map.of("lodash", "4.17.15"));
    sbom(dir.resolve("c.cdx.json"), "other.example/tools", IMAGE_C, Map.of("express", "4.18.0"));
    return dir;
  }

  private static void sbom(Path file, String name, String digest, Map<String, String> npm) throws IOException {
    StringBuilder components = new StringBuilder();
    npm.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      if (components.length() > 0) {
        components.append(",\n");
      }
      components.append("    {\"type\": \"library\", \"name\": \"").append(e.getKey()).append("\", \"version\": \"")
          .append(e.getValue()).append("\", \"purl\": \"pkg:npm/").append(e.getKey()).append('@').append(e.getValue())
          .append("\"}");
    });
    Files.writeString(file, "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n  \"version\": 1,\n"
        + "  \"metadata\": {\"component\": {\"type\": \"container\", \"name\": \"" + name + "\", \"version\": \"" + digest
        + "\"}},\n  \"components\": [\n" + components + "\n  ]\n}\n");
  }

  /**
   * {@code count} images that all ship lodash (different versions below 4.17.21, so every one is
   * affected by the base advisory), one SBOM each in {@code dir}; returns their digests.
   */
  static java.util.List<String> lodashFleet(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    java.util.List<String> digests = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      String digest = "sha256:" + String.format("%064x", 0xd00d0000L + i);
      sbom(dir.resolve("fleet-" + i + ".cdx.json"), "registry.example/fleet-" + i, digest,
          Map.of("lodash", "4.17." + (i % 20)));
      digests.add(digest);
    }
    return digests;
  }

  /** One OSV advisory for npm package {@code name}, affected before {@code fixed}, in a new directory {@code dir}. */
  static Path advisory(Path dir, String id, String name, String fixed, String cvss) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(id + ".json"), "{\n  \"schema_version\": \"1.6.0\",\n  \"id\": \"" + id + "\",\n"
        + "  \"modified\": \"2026-01-01T00:00:00Z\",\n  \"published\": \"2026-01-01T00:00:00Z\",\n"
        + "  \"summary\": \"test advisory " + id + "\",\n"
        + "  \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"" + cvss + "\"}],\n"
        + "  \"affected\": [{\"package\": {\"ecosystem\": \"npm\", \"name\": \"" + name + "\", \"purl\": \"pkg:npm/" + name
        + "\"}, \"ranges\": [{\"type\": \"SEMVER\", \"events\": [{\"introduced\": \"0\"}, {\"fixed\": \"" + fixed
        + "\"}]}]}]\n}\n");
    return dir;
  }
}
