package org.stellaops.exports.trivy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Trivy DB as an OCI artifact (../shared/specs/trivy-db.md §5.1), shaped as {@code oras push
 * --artifact-type application/vnd.aquasec.trivy.config.v1+json} shapes it: an image manifest with
 * the empty config, one layer (the {@code db.tar.gz}, Trivy's layer media type, titled
 * {@code db.tar.gz}) and the creation time of the snapshot. Written as an OCI image layout
 * directory, and the same bytes are what {@link OciRegistryClient} pushes.
 */
public final class OciArtifact {
  public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  public static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  public static final String ARTIFACT_TYPE = "application/vnd.aquasec.trivy.config.v1+json";
  public static final String LAYER_MEDIA_TYPE = "application/vnd.aquasec.trivy.db.layer.v1.tar+gzip";
  public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
  static final byte[] EMPTY_CONFIG = {'{', '}'};
  static final String TITLE = "org.opencontainers.image.title";
  static final String CREATED = "org.opencontainers.image.created";
  static final String REF_NAME = "org.opencontainers.image.ref.name";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path layer;
  private final String layerDigest;
  private final long layerSize;
  private final byte[] manifest;
  private final String artifactType;

  private OciArtifact(Path layer, String layerDigest, long layerSize, byte[] manifest, String artifactType) {
    this.layer = layer;
    this.layerDigest = layerDigest;
    this.layerSize = layerSize;
    this.manifest = manifest;
    this.artifactType = artifactType;
  }

  /** The artifact around {@code archive} (a {@code db.tar.gz}), created at {@code created} (RFC 3339). */
  public static OciArtifact of(Path archive, String created) throws IOException {
    return of(archive, sha256(archive), created);
  }

  /** As {@link #of(Path, String)}, with the archive's digest already known. */
  public static OciArtifact of(Path archive, String digest, String created) throws IOException {
    return of(archive, digest, ARTIFACT_TYPE, LAYER_MEDIA_TYPE, TrivyArtifacts.ARCHIVE_FILE, Map.of(CREATED, created));
  }

  /**
   * An artifact of one layer, {@code file} (with its digest), of {@code artifactType}, the layer of
   * {@code layerMediaType} titled {@code title}, and the manifest annotations given (written sorted).
   */
  public static OciArtifact of(Path file, String digest, String artifactType, String layerMediaType, String title,
      Map<String, String> annotations) throws IOException {
    long size = Files.size(file);
    Map<String, Object> config = descriptor(EMPTY_MEDIA_TYPE, sha256(EMPTY_CONFIG), EMPTY_CONFIG.length);
    Map<String, Object> layer = descriptor(layerMediaType, digest, size);
    layer.put("annotations", Map.of(TITLE, title));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
    manifest.put("artifactType", artifactType);
    manifest.put("config", config);
    manifest.put("layers", List.of(layer));
    manifest.put("annotations", new java.util.TreeMap<>(annotations));
    return new OciArtifact(file, digest, size, JSON.writeValueAsBytes(manifest), artifactType);
  }

  public Path layer() {
    return layer;
  }

  public String layerDigest() {
    return layerDigest;
  }

  public long layerSize() {
    return layerSize;
  }

  public byte[] manifest() {
    return manifest.clone();
  }

  public String manifestDigest() {
    return sha256(manifest);
  }

  /**
   * Writes an OCI image layout at {@code dir}: {@code oci-layout}, {@code index.json} naming the
   * manifest with {@code tag}, and the three blobs. Files already there with the same names are replaced.
   */
  public void writeLayout(Path dir, String tag) throws IOException {
    Path blobs = dir.resolve("blobs").resolve("sha256");
    Files.createDirectories(blobs);
    Files.copy(layer, blobs.resolve(hex(layerDigest)), StandardCopyOption.REPLACE_EXISTING);
    Files.write(blobs.resolve(hex(sha256(EMPTY_CONFIG))), EMPTY_CONFIG);
    Files.write(blobs.resolve(hex(manifestDigest())), manifest);
    Map<String, Object> entry = descriptor(MANIFEST_MEDIA_TYPE, manifestDigest(), manifest.length);
    entry.put("artifactType", artifactType);
    entry.put("annotations", Map.of(REF_NAME, tag));
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", INDEX_MEDIA_TYPE);
    index.put("manifests", List.of(entry));
    Files.write(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
  }

  static Map<String, Object> descriptor(String mediaType, String digest, long size) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest);
    descriptor.put("size", size);
    return descriptor;
  }

  static String hex(String digest) {
    return digest.substring("sha256:".length());
  }

  /** {@code sha256:<hex>} of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(messageDigest().digest(bytes));
  }

  /** {@code sha256:<hex>} of a file's bytes. */
  public static String sha256(Path file) throws IOException {
    return org.stellaops.engine.verdict.Digests.sha256File(file);
  }

  private static MessageDigest messageDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
