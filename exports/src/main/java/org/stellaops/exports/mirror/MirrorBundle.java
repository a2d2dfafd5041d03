package org.stellaops.exports.mirror;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.stellaops.exports.bundle.ExportSigner;
import org.stellaops.exports.bundle.JsonBundle;
import org.stellaops.exports.bundle.JsonlShards;

/**
 * Air-gap mirror bundles ({@code mirror:full}, {@code mirror:delta}): a signed {@link JsonBundle}
 * whose records are everything a read-only mirror needs to answer package → advisory lookups.
 *
 * <pre>
 * advisories/normalized-NNNNN.jsonl.zst   canonical advisories, by id (a delta: the added and changed ones)
 * advisories/removed-NNNNN.jsonl.zst      a delta only: {"id": ...} of advisories no longer present
 * indexes/records-NNNNN.jsonl.zst         the whole state after this bundle: {"id","sha256"} by id
 * indexes/packages-NNNNN.jsonl.zst        a full bundle only: {"package","advisories":[ids]} by package
 * README.md                               what the bundle holds and how to verify and import it
 * </pre>
 *
 * The manifest's {@code mirror} section gives the kind, the number of records in the state, the
 * state digest (SHA-256 of the records index's lines, each ending in a line feed), and for a delta
 * its base: the base bundle's export id (the digest of its {@code export.json}) and snapshot. An
 * importer applies a delta only onto the state its base left, and checks its state digest after.
 */
public final class MirrorBundle {
  public static final String FULL = "full";
  public static final String DELTA = "delta";
  public static final String NORMALIZED = "advisories/normalized-";
  public static final String REMOVED = "advisories/removed-";
  public static final String RECORDS = "indexes/records-";
  public static final String PACKAGES = "indexes/packages-";

  private MirrorBundle() {}

  /**
   * One advisory as a bundle holds it: its id, its canonical JSON line (RFC 8785, as the store
   * hashes it) and the packages (product keys) it names.
   */
  public record Record(String id, String json, java.util.SortedSet<String> packages) {
    public Record {
      packages = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(packages));
    }
  }

  /** What a delta changed, beside what {@link JsonBundle.Written} tells. */
  public record Result(JsonBundle.Written written, long records, long added, long changed, long removed, String stateSha256) {}

  /**
   * Writes a full mirror of {@code advisories}, which must come in strictly increasing id order
   * (code point order; the store reads them so).
   */
  public static Result full(Path dir, JsonBundle.Description description, Consumer<Consumer<Record>> advisories, ExportSigner signer,
      int recordsPerShard) throws IOException {
    return full(dir, description, advisories, signer, recordsPerShard, List.of());
  }

  /** {@link #full}, the record files encrypted to {@code recipients} (age X25519) when there are any. */
  public static Result full(Path dir, JsonBundle.Description description, Consumer<Consumer<Record>> advisories, ExportSigner signer,
      int recordsPerShard, List<String> recipients) throws IOException {
    try (JsonBundle.Stage stage = JsonBundle.stage(dir, recordsPerShard)) {
      if (!recipients.isEmpty()) {
        stage.encryptTo(recipients);
      }
      JsonlShards normalized = stage.shards("advisories", "advisories", "normalized", "stella.advisory/v1");
      State state = new State(stage);
      SortedMap<String, List<String>> packages = new TreeMap<>();
      String[] last = {null};
      advisories.accept(advisory -> {
        String id = advisory.id();
        if (last[0] != null && last[0].compareTo(id) >= 0) {
          throw new IllegalStateException("advisories must come in increasing id order: " + id + " after " + last[0]);
        }
        last[0] = id;
        String json = advisory.json();
        normalized.add(json);
        state.add(id, sha256(json));
        for (String key : advisory.packages()) {
          packages.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
        }
      });
      JsonlShards index = stage.shards("packages", "indexes", "packages", "stella.mirror.package/v1");
      JsonStringEncoder quote = JsonStringEncoder.getInstance();
      packages.forEach((key, ids) -> {
        StringBuilder line = new StringBuilder(64 + 32 * ids.size()).append("{\"advisories\":[");
        for (int i = 0; i < ids.size(); i++) {
          line.append(i == 0 ? "\"" : ",\"").append(quote.quoteAsString(ids.get(i))).append('"');
        }
        index.add(line.append("],\"package\":\"").append(quote.quoteAsString(key)).append("\"}").toString());
      });
      String stateSha = state.digest();
      Map<String, Object> mirror = new LinkedHashMap<>();
      mirror.put("kind", FULL);
      mirror.put("records", state.records);
      mirror.put("stateSha256", stateSha);
      stage.file("README.md", readme(description, FULL, state.records, normalized.records(), 0, 0, 0, null).getBytes(StandardCharsets.UTF_8));
      JsonBundle.Written written = stage.seal(withMirror(description, mirror, List.of()), signer);
      return new Result(written, state.records, normalized.records(), 0, 0, stateSha);
    }
  }

  /**
   * Writes a delta onto {@code base} (a verified mirror bundle): {@code changes} holds, by id, each
   * advisory that may differ from the base's state, with its content now, or empty when it is no
   * longer present. An advisory whose content equals the base's is left out; the new state is the
   * base's records with the changes applied.
   */
  public static Result delta(Path dir, JsonBundle.Description description, MirrorManifest base, SortedMap<String, Optional<Record>> changes,
      ExportSigner signer, int recordsPerShard) throws IOException {
    return delta(dir, description, base, JsonlShards.Opener.PLAIN, changes, signer, recordsPerShard, List.of());
  }

  /**
   * {@link #delta}, reading the base's files through {@code baseOpener} (an encrypted base needs
   * an identity) and encrypting this bundle's record files to {@code recipients} when there are any.
   */
  public static Result delta(Path dir, JsonBundle.Description description, MirrorManifest base, JsonlShards.Opener baseOpener,
      SortedMap<String, Optional<Record>> changes, ExportSigner signer, int recordsPerShard, List<String> recipients) throws IOException {
    try (JsonBundle.Stage stage = JsonBundle.stage(dir, recordsPerShard)) {
      if (!recipients.isEmpty()) {
        stage.encryptTo(recipients);
      }
      JsonlShards normalized = stage.shards("advisories", "advisories", "normalized", "stella.advisory/v1");
      JsonlShards removed = stage.shards("removed", "advisories", "removed", "stella.mirror.removed/v1");
      State state = new State(stage);
      long[] added = {0};
      long[] changed = {0};
      Iterator<Map.Entry<String, Optional<Record>>> pending = changes.entrySet().iterator();
      Map.Entry<String, Optional<Record>>[] next = nextOf(pending);
      String[] last = {null};
      // An advisory the base did not hold.
      Consumer<Record> add = a -> {
        String json = a.json();
        normalized.add(json);
        state.add(a.id(), sha256(json));
        added[0]++;
      };
      List<String> recordFiles = base.files(RECORDS);
      JsonlShards.read(base.dir(), recordFiles, baseOpener, line -> {
        String[] record = BaseRecord.parse(line);
        String id = record[0];
        String sha = record[1];
        if (last[0] != null && last[0].compareTo(id) >= 0) {
          throw new IllegalStateException(base.dir() + "/" + RECORDS + "*: records out of order: " + id + " after " + last[0]);
        }
        last[0] = id;
        // Changes before this id are advisories the base did not hold.
        while (next[0] != null && next[0].getKey().compareTo(id) < 0) {
          next[0].getValue().ifPresent(add);
          next[0] = nextOf(pending)[0];
        }
        if (next[0] != null && next[0].getKey().equals(id)) {
          Optional<Record> now = next[0].getValue();
          next[0] = nextOf(pending)[0];
          if (now.isEmpty()) {
            removed.add("{\"id\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(id)) + "\"}");
            return;
          }
          String json = now.get().json();
          String nowSha = sha256(json);
          if (!nowSha.equals(sha)) {
            normalized.add(json);
            changed[0]++;
          }
          state.add(id, nowSha);
        } else {
          state.add(id, sha);
        }
      });
      while (next[0] != null) {
        next[0].getValue().ifPresent(add);
        next[0] = nextOf(pending)[0];
      }
      String stateSha = state.digest();
      Map<String, Object> mirror = new LinkedHashMap<>();
      mirror.put("kind", DELTA);
      mirror.put("records", state.records);
      mirror.put("stateSha256", stateSha);
      mirror.put("baseExportId", base.exportId());
      mirror.put("baseSnapshot", base.snapshot());
      mirror.put("added", added[0]);
      mirror.put("changed", changed[0]);
      mirror.put("removed", removed.records());
      stage.file("README.md", readme(description, DELTA, state.records, added[0], changed[0], removed.records(), base.snapshot(), base.exportId())
          .getBytes(StandardCharsets.UTF_8));
      List<Map<String, Object>> inputs = List.of(Map.of("type", "base-export", "exportId", base.exportId(), "snapshot", base.snapshot()));
      JsonBundle.Written written = stage.seal(withMirror(description, mirror, inputs), signer);
      return new Result(written, state.records, added[0], changed[0], removed.records(), stateSha);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map.Entry<String, Optional<Record>>[] nextOf(Iterator<Map.Entry<String, Optional<Record>>> it) {
    return new Map.Entry[] {it.hasNext() ? it.next() : null};
  }

  private static JsonBundle.Description withMirror(JsonBundle.Description d, Map<String, Object> mirror, List<Map<String, Object>> inputs) {
    Map<String, Object> extra = new LinkedHashMap<>(d.extra());
    extra.put("mirror", mirror);
    List<Map<String, Object>> allInputs = new ArrayList<>(d.inputs());
    allInputs.addAll(inputs);
    return new JsonBundle.Description(d.profile(), d.snapshot(), d.createdAt(), d.filters(), extra, allInputs);
  }

  /** The records index being written, and the state digest over its lines. */
  private static final class State {
    final JsonlShards shards;
    final MessageDigest digest = JsonlShards.sha256();
    long records;

    State(JsonBundle.Stage stage) {
      shards = stage.shards("records", "indexes", "records", "stella.mirror.record/v1");
    }

    void add(String id, String sha) {
      String line = recordLine(id, sha);
      shards.add(line);
      digest.update(line.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
      records++;
    }

    String digest() {
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }
  }

  /** A records index line: {@code {"id":"…","sha256":"<hex>"}}, the form the state digest is computed over. */
  public static String recordLine(String id, String sha256Hex) {
    return "{\"id\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(id)) + "\",\"sha256\":\"" + sha256Hex + "\"}";
  }

  /** Reads a records index line back (the form {@link #recordLine} writes). */
  static final class BaseRecord {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final String ID = "{\"id\":\"";
    private static final String SHA = "\",\"sha256\":\"";

    /** {id, sha256 hex}; the plain form without escapes is read directly, anything else through a JSON parser. */
    static String[] parse(String line) {
      int sha = line.indexOf(SHA);
      if (line.startsWith(ID) && line.indexOf('\\') < 0 && sha > 0 && line.length() == sha + SHA.length() + 64 + 2) {
        return new String[] {line.substring(ID.length(), sha), line.substring(sha + SHA.length(), sha + SHA.length() + 64)};
      }
      try {
        com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(line);
        String id = node.path("id").asText(null);
        String hex = node.path("sha256").asText(null);
        if (id == null || hex == null || !hex.matches("[0-9a-f]{64}")) {
          throw new IllegalStateException("records index line without id and sha256: " + line);
        }
        return new String[] {id, hex};
      } catch (IOException e) {
        throw new UncheckedIOException("records index line is not JSON: " + line, e);
      }
    }
  }

  /** SHA-256 (hex) of a line's UTF-8 bytes: what the store keeps as an advisory's content digest. */
  public static String sha256(String json) {
    return HexFormat.of().formatHex(JsonlShards.sha256().digest(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String readme(JsonBundle.Description d, String kind, long records, long added, long changed, long removed, long baseSnapshot,
      String baseExportId) {
    StringBuilder text = new StringBuilder();
    text.append("# Stella Ops mirror bundle (").append(d.profile()).append(")\n\n");
    text.append(String.format(Locale.ROOT, "Advisory snapshot %d, sealed %s.%n%n", d.snapshot(), d.createdAt()));
    if (FULL.equals(kind)) {
      text.append(String.format(Locale.ROOT, "A full mirror: %,d advisories.%n%n", records));
    } else {
      text.append(String.format(Locale.ROOT, "A delta onto the bundle with export id %s (snapshot %d): %,d added, %,d changed, %,d removed;"
          + " %,d advisories after it.%n%n", baseExportId, baseSnapshot, added, changed, removed, records));
    }
    text.append("""
        Check it before use, offline, against the signer's public key you trust:

            stella export verify THIS_FOLDER --key stella-export.pub

        Import it into an empty Stella database (a delta: onto the bundle it names as its base),
        then answer lookups from it:

            stella mirror import THIS_FOLDER --key stella-export.pub
            stella mirror lookup npm lodash
            stella mirror serve --port 8087

        Without Stella: every `.jsonl.zst` file is zstd-compressed JSON lines (`zstd -dc FILE`).
        `export.json` lists every file with its SHA-256; `indexes/records-*` lists every advisory id
        of the state with the SHA-256 of its canonical JSON line; `indexes/packages-*` (full bundles)
        maps each package (`ecosystem/name`) to the advisory ids that name it.
        The layout is documented in docs/export-center/mirror-bundles.md of the Stella Ops repository.
        """);
    return text.toString();
  }
}
