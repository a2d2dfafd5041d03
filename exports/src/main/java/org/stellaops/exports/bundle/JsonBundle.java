package org.stellaops.exports.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A signed JSON export bundle (profile {@code json:raw}): canonical JSON lines per record type,
 * zstd-compressed and sharded, described by {@code export.json} (profile, filters, counts, schema
 * versions, every file's size and digest), attested by {@code provenance.json} (an in-toto
 * Statement v1 whose subjects are the files) and signed: a DSSE envelope over the statement and a
 * detached signature over {@code export.json}, both naming the key id.
 *
 * <pre>
 * DIR/export.json
 * DIR/provenance.json
 * DIR/advisories/normalized-00000.jsonl.zst ...
 * DIR/signatures/export.json.sig          base64 signature of export.json's bytes
 * DIR/signatures/provenance.dsse.json     DSSE envelope of provenance.json
 * DIR/signatures/signing-key.pub          the signer's public key (verify against your own copy)
 * </pre>
 *
 * The bundle is written beside {@code DIR} and renamed into place when complete, so a killed export
 * never leaves a folder at {@code DIR} that verifies half-written.
 */
public final class JsonBundle {
  public static final String MANIFEST = "export.json";
  public static final String PROVENANCE = "provenance.json";
  public static final String MANIFEST_SIGNATURE = "signatures/export.json.sig";
  public static final String PROVENANCE_ENVELOPE = "signatures/provenance.dsse.json";
  public static final String SIGNING_KEY = "signatures/signing-key.pub";
  public static final String SCHEMA = "stella.export/v1";
  public static final String PREDICATE_TYPE = "https://stella-ops.org/attestations/export/v1";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonBundle() {}

  /**
   * What the bundle says about itself.
   *
   * @param profile e.g. {@code json:raw}
   * @param snapshot the advisory snapshot number read
   * @param createdAt the snapshot's seal time (RFC 3339): never the wall clock, so re-exports are identical
   * @param filters the selection, as given
   * @param extra further manifest fields of the profile (e.g. a delta's base), written as given
   * @param inputs what the export read, for the provenance statement's predicate (beside the snapshot)
   */
  public record Description(String profile, long snapshot, String createdAt, Map<String, Object> filters,
      Map<String, Object> extra, List<Map<String, Object>> inputs) {
    public Description(String profile, long snapshot, String createdAt, Map<String, Object> filters) {
      this(profile, snapshot, createdAt, filters, Map.of(), List.of());
    }
  }

  /** One record type: its folder, the schema its lines follow, and a source that hands every line to a consumer. */
  public record Content(String type, String schema, Consumer<Consumer<String>> lines) {}

  /** What was written. */
  public record Written(Path dir, List<BundleFile> files, Map<String, Long> counts, String manifestSha256) {}

  /** Writes every content in turn as {@code TYPE/normalized-NNNNN.jsonl.zst}, then seals the bundle. */
  public static Written write(Path dir, Description description, List<Content> contents, ExportSigner signer, int recordsPerShard)
      throws IOException {
    try (Stage stage = stage(dir, recordsPerShard)) {
      for (Content content : contents) {
        JsonlShards shards = stage.shards(content.type(), content.type(), "normalized", content.schema());
        content.lines().accept(shards::add);
      }
      return stage.seal(description, signer);
    }
  }

  /**
   * Starts a bundle at {@code dir}: files are written into a staging folder beside it and the
   * bundle appears at {@code dir} only when {@link Stage#seal} completes. Closing an unsealed stage
   * removes what it wrote.
   */
  public static Stage stage(Path dir, int recordsPerShard) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // An existing folder is replaced, so it must be a bundle (or empty): never a folder of other files.
    if (Files.exists(dir) && !(Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve(MANIFEST)) || isEmpty(dir)))) {
      throw new IOException(dir + " exists and is not an export bundle (no " + MANIFEST + "); choose a new or empty folder");
    }
    Path stage = parent.resolve("." + dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
    deleteTree(stage);
    removeDeadStages(parent, dir.getFileName().toString());
    Files.createDirectories(stage);
    return new Stage(dir, stage, recordsPerShard);
  }

  /** A bundle being written: record shards (several may be open at once), plain files, then {@link #seal}. */
  public static final class Stage implements AutoCloseable {
    private final Path dir;
    private final Path root;
    private final int recordsPerShard;
    private final Map<String, JsonlShards> shards = new LinkedHashMap<>();
    private final Map<String, String> schemas = new LinkedHashMap<>();
    private final List<BundleFile> plain = new ArrayList<>();
    private List<String> recipients = List.of();

    private Stage(Path dir, Path root, int recordsPerShard) {
      this.dir = dir;
      this.root = root;
      this.recordsPerShard = recordsPerShard;
    }

    /**
     * The shards of one record type, counted under {@code key}: {@code folder/name-NNNNN.jsonl.zst},
     * each line following {@code schema}.
     */
    public JsonlShards shards(String key, String folder, String name, String schema) {
      if (shards.containsKey(key)) {
        throw new IllegalArgumentException("record type " + key + " is already being written");
      }
      JsonlShards opened = new JsonlShards(root, folder, name, recordsPerShard);
      shards.put(key, opened);
      schemas.put(key, schema);
      return opened;
    }

    /**
     * Encrypts the record files to these age recipients when sealing ({@link BundleEncryption}):
     * each is listed as {@code PATH.age} with the ciphertext's digest and its plaintext's.
     */
    public void encryptTo(List<String> recipients) {
      this.recipients = BundleEncryption.recipients(recipients);
    }

    /** A file that is not records (e.g. README.md), listed in the manifest with its digest. */
    public void file(String path, byte[] content) throws IOException {
      Path target = root.resolve(path);
      Files.createDirectories(target.getParent());
      Files.write(target, content);
      plain.add(new BundleFile(path, content.length, "sha256:" + java.util.HexFormat.of().formatHex(JsonlShards.sha256().digest(content)), 0));
    }

    /** Writes the manifest, provenance and signatures, and moves the bundle into place. */
    public Written seal(Description description, ExportSigner signer) throws IOException {
      List<BundleFile> files = new ArrayList<>();
      Map<String, Long> counts = new LinkedHashMap<>();
      for (Map.Entry<String, JsonlShards> e : shards.entrySet()) {
        e.getValue().close();
        for (BundleFile f : e.getValue().files()) {
          if (recipients.isEmpty()) {
            files.add(f);
            continue;
          }
          Path plainFile = root.resolve(f.path());
          Path encrypted = root.resolve(f.path() + BundleEncryption.SUFFIX);
          BundleEncryption.encrypt(plainFile, encrypted, recipients);
          Files.delete(plainFile);
          files.add(new BundleFile(f.path() + BundleEncryption.SUFFIX, Files.size(encrypted), BundleVerifier.sha256(encrypted), f.records(),
              java.util.Optional.of(f.sha256())));
        }
        counts.put(e.getKey(), e.getValue().records());
      }
      files.addAll(plain);
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("schemaVersion", SCHEMA);
      manifest.put("profile", description.profile());
      manifest.put("snapshot", description.snapshot());
      manifest.put("createdAt", description.createdAt());
      manifest.put("filters", description.filters());
      manifest.put("schemas", schemas);
      manifest.put("counts", counts);
      manifest.put("files", files.stream().map(JsonBundle::fileJson).toList());
      manifest.put("signing", Map.of("keyId", signer.keyId(), "algorithm", signer.algorithm()));
      if (!recipients.isEmpty()) {
        Map<String, Object> encryption = new LinkedHashMap<>();
        encryption.put("scheme", BundleEncryption.SCHEME);
        encryption.put("recipients", recipients);
        encryption.put("encrypted", "record files (.jsonl.zst.age); export.json, provenance.json, signatures/ and README.md are not");
        manifest.put("encryption", encryption);
      }
      description.extra().forEach((k, v) -> {
        if (manifest.putIfAbsent(k, v) != null) {
          throw new IllegalArgumentException("manifest field " + k + " is the bundle's own");
        }
      });
      byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
      Files.write(root.resolve(MANIFEST), manifestBytes);

      byte[] provenance = JSON.writeValueAsBytes(statement(description, files, manifestBytes));
      Files.write(root.resolve(PROVENANCE), provenance);
      Files.createDirectories(root.resolve("signatures"));
      Files.write(root.resolve(MANIFEST_SIGNATURE), (Base64.getEncoder().encodeToString(signer.sign(manifestBytes)) + "\n")
          .getBytes(StandardCharsets.US_ASCII));
      Files.write(root.resolve(PROVENANCE_ENVELOPE), Dsse.envelope(Dsse.IN_TOTO, provenance, signer));
      Files.writeString(root.resolve(SIGNING_KEY), ExportKeys.pem("PUBLIC KEY", signer.publicKey().getEncoded()));

      // Into place: the old bundle (if any) is moved aside first and removed after.
      Path parent = root.getParent();
      Path old = parent.resolve("." + dir.getFileName() + ".old-" + ProcessHandle.current().pid());
      deleteTree(old);
      if (Files.exists(dir)) {
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(root, dir, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
      return new Written(dir, files, counts, "sha256:" + java.util.HexFormat.of().formatHex(JsonlShards.sha256().digest(manifestBytes)));
    }

    @Override
    public void close() throws IOException {
      shards.values().forEach(JsonlShards::close);
      deleteTree(root);
    }
  }

  private static Map<String, Object> fileJson(BundleFile f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", f.path());
    json.put("bytes", f.bytes());
    json.put("sha256", f.sha256());
    json.put("records", f.records());
    f.plainSha256().ifPresent(p -> json.put("plainSha256", p));
    return json;
  }

  /** The in-toto Statement v1: subjects are export.json and every data file. */
  private static Map<String, Object> statement(Description description, List<BundleFile> files, byte[] manifest) {
    List<Map<String, Object>> subjects = new ArrayList<>();
    subjects.add(subject(MANIFEST, "sha256:" + java.util.HexFormat.of().formatHex(JsonlShards.sha256().digest(manifest))));
    files.forEach(f -> subjects.add(subject(f.path(), f.sha256())));
    Map<String, Object> predicate = new LinkedHashMap<>();
    predicate.put("profile", description.profile());
    predicate.put("filters", description.filters());
    List<Map<String, Object>> inputs = new ArrayList<>();
    inputs.add(Map.of("type", "advisory-snapshot", "snapshot", description.snapshot()));
    inputs.addAll(description.inputs());
    predicate.put("inputs", inputs);
    predicate.put("createdAt", description.createdAt());
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("_type", "https://in-toto.io/Statement/v1");
    statement.put("subject", subjects);
    statement.put("predicateType", PREDICATE_TYPE);
    statement.put("predicate", predicate);
    return statement;
  }

  private static Map<String, Object> subject(String name, String digest) {
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("name", name);
    subject.put("digest", Map.of("sha256", digest.substring("sha256:".length())));
    return subject;
  }

  /** Removes staging folders of this bundle left by processes that are gone (killed mid-export). */
  private static void removeDeadStages(Path parent, String name) throws IOException {
    String prefix = "." + name + ".partial-";
    try (java.util.stream.Stream<Path> entries = Files.list(parent)) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        String pid = p.getFileName().toString().substring(prefix.length());
        if (pid.matches("[0-9]+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        deleteTree(p);
      }
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
