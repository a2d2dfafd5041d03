package org.stellaops.exports.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.canonical.AdvisoryJson;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.exports.bundle.BundleVerifier;
import org.stellaops.exports.bundle.ExportKeys;
import org.stellaops.exports.bundle.ExportSigner;
import org.stellaops.exports.bundle.JsonBundle;
import org.stellaops.exports.bundle.JsonlShards;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.Severity;

/**
 * Mirror bundles without a database: a full bundle's indexes, a delta's added/changed/removed
 * records, and that the state a delta declares is the state a full bundle of the same advisories
 * declares.
 */
class MirrorBundleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path dir;
  static ExportSigner signer;

  @BeforeAll
  static void keys() throws IOException {
    ExportKeys.generate(ExportKeys.Algorithm.ED25519, dir.resolve("keys"), "signer");
    signer = ExportKeys.signer(dir.resolve("keys/signer.key"));
  }

  static Advisory advisory(String id, String summary, String... packages) {
    List<AffectedPackage> affected = new ArrayList<>();
    for (String p : packages) {
      String[] parts = p.split(" ", 2);
      affected.add(new AffectedPackage(parts[0], parts[1], Optional.empty(), List.of(), List.of("1.0.0"), Optional.empty()));
    }
    return new Advisory(id, List.of(), summary, Severity.unknown(), Optional.empty(), Optional.empty(), Optional.empty(), affected);
  }

  static MirrorBundle.Record record(Advisory a) {
    return new MirrorBundle.Record(a.id(), AdvisoryJson.write(a), AdvisoryStore.productKeys(a));
  }

  static JsonBundle.Description description(long snapshot) {
    return new JsonBundle.Description("mirror:" + (snapshot == 1 ? "full" : "delta"), snapshot, "2026-12-0" + snapshot + "T00:00:00Z",
        Map.of("include", List.of("advisories")));
  }

  static MirrorBundle.Result full(Path out, List<Advisory> advisories, long snapshot) throws IOException {
    JsonBundle.Description d = description(snapshot);
    return MirrorBundle.full(out, new JsonBundle.Description("mirror:full", d.snapshot(), d.createdAt(), d.filters()),
        sink -> advisories.forEach(a -> sink.accept(record(a))), signer, 2);
  }

  static List<String> lines(Path bundle, String prefix) throws IOException {
    List<String> lines = new ArrayList<>();
    JsonlShards.read(bundle, MirrorManifest.read(bundle).files(prefix), lines::add);
    return lines;
  }

  static final List<Advisory> BEFORE = List.of(
      advisory("GHSA-a", "one", "npm lodash", "npm minimist"),
      advisory("GHSA-b", "two", "PyPI Django_Rest"),
      advisory("GHSA-c", "three", "npm lodash"),
      advisory("GHSA-d", "four", "Maven org.example:lib"),
      advisory("GHSA-e", "five", "npm left-pad"));

  @Test
  void aFullBundleListsEveryAdvisoryWithItsDigestAndEveryPackageWithItsAdvisories() throws IOException {
    Path out = dir.resolve("full");
    MirrorBundle.Result result = full(out, BEFORE, 1);
    assertThat(BundleVerifier.verify(out, Optional.of(signer.publicKey())).problems()).isEmpty();
    assertThat(result.records()).isEqualTo(5);

    List<String> records = lines(out, MirrorBundle.RECORDS);
    assertThat(records).hasSize(5);
    assertThat(records.get(0)).isEqualTo("{\"id\":\"GHSA-a\",\"sha256\":\"" + MirrorBundle.sha256(AdvisoryJson.write(BEFORE.get(0))) + "\"}");
    // Sharded at two records per file.
    assertThat(MirrorManifest.read(out).files(MirrorBundle.RECORDS)).containsExactly("indexes/records-00000.jsonl.zst",
        "indexes/records-00001.jsonl.zst", "indexes/records-00002.jsonl.zst");

    assertThat(lines(out, MirrorBundle.PACKAGES)).containsExactly(
        "{\"advisories\":[\"GHSA-d\"],\"package\":\"Maven/org.example:lib\"}",
        "{\"advisories\":[\"GHSA-b\"],\"package\":\"PyPI/django-rest\"}",
        "{\"advisories\":[\"GHSA-e\"],\"package\":\"npm/left-pad\"}",
        "{\"advisories\":[\"GHSA-a\",\"GHSA-c\"],\"package\":\"npm/lodash\"}",
        "{\"advisories\":[\"GHSA-a\"],\"package\":\"npm/minimist\"}");

    JsonNode manifest = JSON.readTree(out.resolve("export.json").toFile());
    assertThat(manifest.path("mirror").path("kind").asText()).isEqualTo("full");
    assertThat(manifest.path("mirror").path("stateSha256").asText()).isEqualTo(result.stateSha256());
    assertThat(manifest.path("counts").path("advisories").asLong()).isEqualTo(5);
    // The README is listed, so changing it fails verification like any file.
    assertThat(manifest.path("files").findValuesAsText("path")).contains("README.md");
    Files.writeString(out.resolve("README.md"), "changed");
    assertThat(BundleVerifier.verify(out, Optional.of(signer.publicKey())).problems()).anyMatch(p -> p.file().equals("README.md"));
  }

  @Test
  void aDeltaHoldsWhatChangedAndDeclaresTheStateAFullBundleOfTheNewAdvisoriesDeclares() throws IOException {
    Path base = dir.resolve("base");
    full(base, BEFORE, 1);
    List<Advisory> after = List.of(
        BEFORE.get(0),                                  // untouched
        advisory("GHSA-b", "two, revised", "PyPI Django_Rest"), // changed
        advisory("GHSA-bb", "new", "npm lodash"),       // added between existing ids
        BEFORE.get(3),                                  // revised, but back to the same content
        BEFORE.get(4),
        advisory("GHSA-z", "last", "npm zed"));         // added after the last id
    SortedMap<String, Optional<MirrorBundle.Record>> changes = new TreeMap<>();
    changes.put("GHSA-b", Optional.of(record(after.get(1))));
    changes.put("GHSA-bb", Optional.of(record(after.get(2))));
    changes.put("GHSA-c", Optional.empty());            // removed
    changes.put("GHSA-d", Optional.of(record(BEFORE.get(3))));
    changes.put("GHSA-y", Optional.empty());            // removed, but never there: nothing to say
    changes.put("GHSA-z", Optional.of(record(after.get(5))));

    Path delta = dir.resolve("delta");
    MirrorBundle.Result result = MirrorBundle.delta(delta, description(2), MirrorManifest.read(base), changes, signer, 2);
    assertThat(BundleVerifier.verify(delta, Optional.of(signer.publicKey())).problems()).isEmpty();
    assertThat(new long[] {result.added(), result.changed(), result.removed(), result.records()}).containsExactly(2, 1, 1, 6);
    assertThat(lines(delta, MirrorBundle.NORMALIZED)).containsExactly(AdvisoryJson.write(after.get(1)), AdvisoryJson.write(after.get(2)),
        AdvisoryJson.write(after.get(5)));
    assertThat(lines(delta, MirrorBundle.REMOVED)).containsExactly("{\"id\":\"GHSA-c\"}");
    assertThat(MirrorManifest.read(delta).files(MirrorBundle.PACKAGES)).isEmpty();

    MirrorBundle.Result fresh = full(dir.resolve("full-after"), after, 2);
    assertThat(result.stateSha256()).isEqualTo(fresh.stateSha256());
    assertThat(lines(delta, MirrorBundle.RECORDS)).isEqualTo(lines(dir.resolve("full-after"), MirrorBundle.RECORDS));

    MirrorManifest manifest = MirrorManifest.read(delta);
    assertThat(manifest.isDelta()).isTrue();
    assertThat(manifest.baseExportId()).isEqualTo(MirrorManifest.read(base).exportId());
    assertThat(manifest.baseSnapshot()).isEqualTo(1);
    JsonNode provenance = JSON.readTree(delta.resolve("provenance.json").toFile());
    assertThat(provenance.path("predicate").path("inputs").toString()).contains(manifest.baseExportId());

    // The same inputs, the same bytes.
    byte[] first = Files.readAllBytes(delta.resolve("export.json"));
    MirrorBundle.delta(delta, description(2), MirrorManifest.read(base), changes, signer, 2);
    assertThat(Files.readAllBytes(delta.resolve("export.json"))).isEqualTo(first);
  }

  @Test
  void advisoriesOutOfIdOrderFailTheExportAndLeaveNoBundle() {
    Path out = dir.resolve("unordered");
    assertThatThrownBy(() -> full(out, List.of(BEFORE.get(1), BEFORE.get(0)), 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("GHSA-a after GHSA-b");
    assertThat(out).doesNotExist();
    assertThat(dir.toFile().list()).noneMatch(name -> name.startsWith(".unordered"));
  }
}
