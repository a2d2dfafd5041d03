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

/**
 * An image SBOM as Trivy writes it for a Debian image: binary packages with their source package
 * in properties and the release only on the operating-system component. Findings come through the
 * source package; components that cannot be evaluated are counted in table, JSON and SARIF.
 */
class ComponentAccountingEndToEndTest {
  private static final String IMAGE = "sha256:" + "1".repeat(64);

  private static final String SBOM = """
      {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
       "metadata":{"component":{"type":"container","name":"registry.example/web","version":"%s"}},
       "components":[
        {"type":"operating-system","name":"debian","version":"12.5"},
        {"type":"library","name":"libssl3","version":"3.0.9-1","purl":"pkg:deb/debian/libssl3@3.0.9-1?arch=amd64",
         "properties":[{"name":"aquasecurity:trivy:SrcName","value":"openssl"},
                       {"name":"aquasecurity:trivy:SrcVersion","value":"3.0.9"},
                       {"name":"aquasecurity:trivy:SrcRelease","value":"1"}]},
        {"type":"library","name":"zlib1g","version":"1:1.2.13.dfsg-1","purl":"pkg:deb/debian/zlib1g@1.2.13.dfsg-1?epoch=1"},
        {"type":"application","name":"entrypoint.sh"},
        {"type":"library","name":"vendored-thing","version":"1.0","purl":"pkg:generic/vendored-thing@1.0"}
       ]}
      """.formatted(IMAGE);

  private static final String DSA = """
      {"id":"DSA-5532-1","modified":"2023-10-24T00:00:00Z","affected":[{"package":{"ecosystem":"Debian:12","name":"openssl"},
       "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0.11-1~deb12u1"}]}]}],
       "database_specific":{"severity":"high"}}
      """;

  @Test
  void sourcePackagesMatchAndSkippedComponentsAreShown(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Files.writeString(dir.resolve("dsa.json"), DSA);
    Files.writeString(dir.resolve("web.cdx.json"), SBOM);
    assertThat(CliRun.run(db, "ingest", "advisories", dir.resolve("dsa.json").toString()).exitCode()).isZero();
    CliRun sbom = CliRun.run(db, "ingest", "sboms", dir.resolve("web.cdx.json").toString());
    assertThat(sbom.exitCode()).as(sbom.err()).isZero();
    assertThat(Sql.scalar(db, "SELECT source_package FROM sbom.component WHERE name = 'libssl3'")).isEqualTo("openssl@3.0.9-1");
    assertThat(CliRun.run(db, "reevaluate", "--all").exitCode()).isZero();

    JsonNode image = new ObjectMapper().readTree(CliRun.run(db, "report", "--all", "--format", "json").out()).path("images").get(0);
    assertThat(image.path("findings")).singleElement().satisfies(f -> {
      assertThat(f.path("advisoryId").asText()).isEqualTo("DSA-5532-1");
      assertThat(f.path("purl").asText()).isEqualTo("pkg:deb/debian/libssl3@3.0.9-1?arch=amd64");
      assertThat(f.path("packageName").asText()).isEqualTo("openssl");
      assertThat(f.path("status").asText()).isEqualTo("affected");
      assertThat(f.path("reason").asText()).contains("source package openssl 3.0.9-1");
    });
    List<String> skipped = new ArrayList<>();
    image.path("notEvaluated").forEach(n -> skipped.add(n.path("reason").asText() + "=" + n.path("count").asInt()
        + ":" + n.path("examples").get(0).asText()));
    assertThat(skipped).containsExactly("no-purl=1:entrypoint.sh", "unknown-purl-type=1:pkg:generic/vendored-thing@1.0",
        "operating-system=1:debian");

    CliRun table = CliRun.run(db, "report", "--all");
    assertThat(table.out()).contains("not evaluated: 1 no-purl (e.g. entrypoint.sh), 1 unknown-purl-type");
    JsonNode sarif = new ObjectMapper().readTree(CliRun.run(db, "report", "--all", "--format", "sarif").out());
    JsonNode notifications = sarif.path("runs").get(0).path("invocations").get(0).path("toolExecutionNotifications");
    assertThat(notifications.size()).isEqualTo(3);
    assertThat(notifications.get(0).path("message").path("text").asText())
        .isEqualTo(IMAGE + ": 1 component(s) not evaluated: the component has no purl, so no advisory ecosystem can be named"
            + " (e.g. entrypoint.sh)");
  }
}
