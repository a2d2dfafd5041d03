package org.stellaops.streaming.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * The benchmark's inputs in their real formats: CycloneDX SBOMs of a fleet whose components come
 * from a pool of npm packages, plus marker packages that give each delta an exact reach:
 * {@code hot-K} in {@code impacted} images each, {@code warm-K} in {@value #WARM_IMAGES}; and OSV
 * advisories: a base set over the pool, and one advisory per marker package, each in its own
 * directory (one ingest, one snapshot).
 */
final class FleetFiles {
  static final int WARM_IMAGES = 50;
  private static final int POOL = 2_000;

  private FleetFiles() {}

  static void write(Path dir, int images, int components, int impacted, int hot, int warm, int advisories, Random random)
      throws IOException {
    Path sboms = Files.createDirectories(dir.resolve("sboms"));
    for (int i = 0; i < images; i++) {
      TreeSet<String> packages = new TreeSet<>();
      while (packages.size() < components) {
        packages.add(String.format(Locale.ROOT, "pool-%04d", random.nextInt(POOL)));
      }
      for (int h = 0; h < hot; h++) {
        // hot-h reaches every stride-th image, shifted by 7h: exactly `impacted` of them when images divides evenly
        int stride = Math.max(1, images / impacted);
        if (((i + h * 7) % images) % stride == 0) {
          packages.add("hot-" + h);
        }
      }
      for (int w = 0; w < warm; w++) {
        if (i % (images / WARM_IMAGES) == w % (images / WARM_IMAGES) && i / (images / WARM_IMAGES) < WARM_IMAGES) {
          packages.add("warm-" + w);
        }
      }
      StringBuilder json = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,"
          + "\"metadata\":{\"component\":{\"type\":\"container\",\"name\":\"registry.bench/app-" + (i % 500)
          + "\",\"version\":\"sha256:" + String.format(Locale.ROOT, "%064x", 0xbe0000000L + i) + "\"}},\"components\":[");
      boolean first = true;
      for (String name : packages) {
        String version = "1." + random.nextInt(10) + ".0";
        json.append(first ? "" : ",").append("{\"type\":\"library\",\"name\":\"").append(name).append("\",\"version\":\"")
            .append(version).append("\",\"purl\":\"pkg:npm/").append(name).append('@').append(version).append("\"}");
        first = false;
      }
      Files.writeString(sboms.resolve(String.format(Locale.ROOT, "image-%05d.cdx.json", i)), json.append("]}").toString());
    }
    Path base = Files.createDirectories(dir.resolve("advisories"));
    for (int a = 0; a < advisories; a++) {
      advisory(base, String.format(Locale.ROOT, "BENCH-%05d", a), String.format(Locale.ROOT, "pool-%04d", random.nextInt(POOL)),
          "1." + (1 + random.nextInt(9)) + ".0", random.nextInt(3) == 0);
    }
    for (int h = 0; h < hot; h++) {
      advisory(Files.createDirectories(dir.resolve("hot-" + h)), "BENCH-HOT-" + h, "hot-" + h, "9.0.0", true);
    }
    for (int w = 0; w < warm; w++) {
      advisory(Files.createDirectories(dir.resolve("warm-" + w)), "BENCH-WARM-" + w, "warm-" + w, "9.0.0", false);
    }
  }

  private static void advisory(Path dir, String id, String name, String fixed, boolean critical) throws IOException {
    String cvss = critical ? "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" : "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N";
    Files.writeString(dir.resolve(id + ".json"), "{\"schema_version\":\"1.6.0\",\"id\":\"" + id + "\","
        + "\"modified\":\"2026-01-01T00:00:00Z\",\"published\":\"2026-01-01T00:00:00Z\",\"summary\":\"benchmark advisory\","
        + "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"" + cvss + "\"}],\"affected\":[{\"package\":{\"ecosystem\":\"npm\","
        + "\"name\":\"" + name + "\",\"purl\":\"pkg:npm/" + name + "\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":"
        + "[{\"introduced\":\"0\"},{\"fixed\":\"" + fixed + "\"}]}]}]}");
  }

}
