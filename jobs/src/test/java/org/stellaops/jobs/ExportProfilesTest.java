package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.cli.ExitCodes;

/**
 * Stored export profiles against a real PostgreSQL: a file with an error stores nothing and names
 * the place; stored profiles run by name with their key, output template and {@code base: latest}
 * (a nightly delta chain), and {@code trivy:db} runs as a profile too.
 */
class ExportProfilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static void feed(Path dir, String id, String summary) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(id + ".json"), "{\"schema_version\":\"1.6.0\",\"id\":\"" + id + "\",\"modified\":\"2026-11-01T00:00:00Z\","
        + "\"summary\":\"" + summary + "\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"left-pad\"},\"ranges\":[{\"type\":"
        + "\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.3.0\"}]}]}]}");
  }

  static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(n -> names.add(n.path("name").asText()));
    return names;
  }

  @Test
  void storedProfilesRunByNameAndABadFileStoresNothing(@TempDir Path root) throws Exception {
    String db = TestDatabase.fresh();
    feed(root.resolve("feed-1"), "GHSA-p1", "one");
    feed(root.resolve("feed-1"), "GHSA-p2", "two");
    assertThat(CliRun.run(db, "ingest", "advisories", root.resolve("feed-1").toString()).exitCode()).isZero();
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString()).exitCode()).isZero();
    String key = root.resolve("keys/stella-export.key").toString();

    Path bad = root.resolve("bad.yaml");
    Files.writeString(bad, "name: fine\nkind: json\nvariant: raw\n---\nname: broken\nkind: mirror\nvariant: full\nouput: /tmp/x\n");
    CliRun refused = CliRun.run(db, "export", "profiles", "create", "--file", bad.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains(bad + ":8:1: ouput: unknown key 'ouput'").contains("no profile stored");
    Files.writeString(bad, "name: javadb\nkind: trivy\nvariant: java-db\n");
    assertThat(CliRun.run(db, "export", "profiles", "create", "--file", bad.toString()).err())
        .contains(bad + ":3:10: variant: a trivy profile's variant is one of [db]; got 'java-db'");
    assertThat(names(JSON.readTree(CliRun.run(db, "export", "profiles", "list", "--format", "json").out())))
        .containsExactly("json:raw", "mirror:full", "mirror:delta", "trivy:db");

    Path good = root.resolve("profiles.yaml");
    Files.writeString(good, "name: lab-full\nkind: mirror\nvariant: full\ndescription: Monthly full mirror\nsigning:\n  key: " + key
        + "\noutput: " + root.resolve("out/full-{snapshot}") + "\nshardRecords: 1\n---\n"
        + "name: lab-nightly\nkind: mirror\nvariant: delta\nsigning:\n  key: " + key + "\noutput: " + root.resolve("out/{name}-{snapshot}")
        + "\nbase: latest\n");
    CliRun created = CliRun.run(db, "export", "profiles", "create", "--file", good.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("profile lab-full (mirror:full): created").contains("profile lab-nightly (mirror:delta): created");
    assertThat(names(JSON.readTree(CliRun.run(db, "export", "profiles", "list", "--kind", "mirror", "--format", "json").out())))
        .containsExactly("mirror:full", "mirror:delta", "lab-full", "lab-nightly");
    assertThat(CliRun.run(db, "export", "profiles", "create", "--file", good.toString()).out()).contains("lab-full (mirror:full): unchanged");

    // A delta with base: latest before any mirror bundle exists: nothing to apply onto.
    CliRun noBase = CliRun.run(db, "export", "run", "create", "--profile", "lab-nightly");
    assertThat(noBase.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(noBase.err()).contains("--base latest: no mirror bundle");

    CliRun full = CliRun.run(db, "export", "run", "create", "--profile", "lab-full");
    assertThat(full.exitCode()).as(full.err()).isZero();
    Path fullDir = root.resolve("out/full-1");
    assertThat(fullDir.resolve("indexes/records-00001.jsonl.zst")).exists(); // shardRecords: 1
    JsonNode run = JSON.readTree(CliRun.run(db, "export", "run", "get", "1").out());
    assertThat(run.at("/profile").asText()).isEqualTo("mirror:full");
    assertThat(run.at("/parameters/storedProfile").asText()).isEqualTo("lab-full");

    feed(root.resolve("feed-2"), "GHSA-p2", "two, revised");
    assertThat(CliRun.run(db, "ingest", "advisories", root.resolve("feed-2").toString()).exitCode()).isZero();
    CliRun nightly = CliRun.run(db, "export", "run", "create", "--profile", "lab-nightly");
    assertThat(nightly.exitCode()).as(nightly.err()).isZero();
    assertThat(nightly.err()).contains("--base latest is " + fullDir);
    assertThat(nightly.out()).contains("0 added, 1 changed, 0 removed");
    JsonNode delta = JSON.readTree(root.resolve("out/lab-nightly-2/export.json").toFile());
    JsonNode deltaRun = JSON.readTree(CliRun.run(db, "export", "run", "get", "2").out());
    assertThat(deltaRun.at("/inputs/0/artifact").asText()).isEqualTo("advisory-snapshot:2");
    assertThat(deltaRun.at("/inputs/0/hash").asText()).isEqualTo(delta.at("/mirror/stateSha256").asText());
    assertThat(deltaRun.at("/inputs/1/artifact").asText()).isEqualTo("export:" + delta.at("/mirror/baseExportId").asText());
    assertThat(delta.at("/mirror/baseExportId").asText()).isEqualTo(JSON.readTree(CliRun.run(db, "export", "run", "get", "1").out())
        .at("/outputs/manifestSha256").asText());

    // The next nightly chains onto the delta just written (the newest bundle in place), with nothing new.
    CliRun again = CliRun.run(db, "export", "run", "create", "--profile", "lab-nightly", "--out", root.resolve("out/again").toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("--base latest is " + root.resolve("out/lab-nightly-2"));
    assertThat(again.out()).contains("0 added, 0 changed, 0 removed");

    // A scoped, encrypted nightly chain: base: latest picks the newest bundle of the same scope.
    assertThat(CliRun.offline("export", "keys", "generate", "--out", root.resolve("keys").toString(), "--name", "lab", "--algorithm", "age")
        .exitCode()).isZero();
    String recipient = Files.readString(root.resolve("keys/lab.agepub")).strip();
    Path scoped = root.resolve("scoped.yaml");
    Files.writeString(scoped, "name: lab-npm\nkind: mirror\nvariant: full\nsigning:\n  key: " + key + "\noutput: " + root.resolve("out/npm-{snapshot}")
        + "\nscope:\n  packages: [npm/left-pad]\nencryption:\n  recipients: [" + recipient + "]\n---\n"
        + "name: lab-npm-nightly\nkind: mirror\nvariant: delta\nsigning:\n  key: " + key + "\noutput: " + root.resolve("out/npm-nightly-{snapshot}")
        + "\nbase: latest\nscope:\n  packages: [npm/left-pad]\nencryption:\n  recipients: [" + recipient + "]\n");
    assertThat(CliRun.run(db, "export", "profiles", "create", "--file", scoped.toString()).exitCode()).isZero();
    CliRun npm = CliRun.run(db, "export", "run", "create", "--profile", "lab-npm");
    assertThat(npm.exitCode()).as(npm.err()).isZero();
    JsonNode npmManifest = JSON.readTree(root.resolve("out/npm-2/export.json").toFile());
    assertThat(npmManifest.at("/filters/packages/0").asText()).isEqualTo("npm/left-pad");
    assertThat(npmManifest.at("/encryption/recipients/0").asText()).isEqualTo(recipient);
    // A newer unscoped bundle does not become the scoped chain's base.
    assertThat(CliRun.run(db, "export", "run", "create", "--profile", "lab-nightly", "--out", root.resolve("out/unscoped").toString())
        .exitCode()).isZero();
    CliRun npmNightly = CliRun.run(db, "export", "run", "create", "--profile", "lab-npm-nightly", "--base-identity",
        root.resolve("keys/lab.agekey").toString());
    assertThat(npmNightly.exitCode()).as(npmNightly.err()).isZero();
    assertThat(npmNightly.err()).contains("--base latest is " + root.resolve("out/npm-2"));
    Files.writeString(bad, "name: x\nkind: mirror\nvariant: full\nscope:\n  packages: [left-pad]\n");
    assertThat(CliRun.run(db, "export", "profiles", "create", "--file", bad.toString()).err())
        .contains("scope.packages[0]: a package is ECOSYSTEM/NAME");

    CliRun trivy = CliRun.run(db, "export", "run", "create", "--profile", "trivy:db", "--out", root.resolve("trivy").toString());
    assertThat(trivy.exitCode()).as(trivy.err()).isZero();
    assertThat(root.resolve("trivy/trivy.db")).exists();

    CliRun unknown = CliRun.run(db, "export", "run", "create", "--profile", "nope", "--out", root.resolve("x").toString());
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("no stored export profile 'nope'");
    assertThat(CliRun.run(db, "export", "profiles", "remove", "lab-full").exitCode()).isZero();
    assertThat(CliRun.run(db, "export", "profiles", "show", "lab-full").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(JSON.readTree(CliRun.run(db, "export", "profiles", "show", "lab-nightly").out()).at("/base").asText()).isEqualTo("latest");
  }
}
