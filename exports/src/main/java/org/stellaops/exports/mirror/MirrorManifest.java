package org.stellaops.exports.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.stellaops.exports.bundle.JsonBundle;
import org.stellaops.exports.bundle.JsonlShards;

/**
 * What a mirror bundle's {@code export.json} says, read back: its export id (the digest of the
 * manifest's bytes), profile, snapshot, the mirror section (kind, base, state digest) and its
 * files by record type. Read only after the bundle verified.
 */
public record MirrorManifest(Path dir, String exportId, String profile, long snapshot, String createdAt, String kind,
    String baseExportId, long baseSnapshot, String stateSha256, long records, JsonNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static MirrorManifest read(Path dir) throws IOException {
    byte[] bytes = Files.readAllBytes(dir.resolve(JsonBundle.MANIFEST));
    JsonNode json = JSON.readTree(bytes);
    String profile = json.path("profile").asText();
    JsonNode mirror = json.path("mirror");
    if (!profile.startsWith("mirror:") || mirror.isMissingNode()) {
      throw new IOException(dir.resolve(JsonBundle.MANIFEST) + ": profile '" + profile + "' is not a mirror bundle (mirror:full or mirror:delta)");
    }
    return new MirrorManifest(dir, "sha256:" + HexFormat.of().formatHex(JsonlShards.sha256().digest(bytes)), profile,
        json.path("snapshot").asLong(), json.path("createdAt").asText(), mirror.path("kind").asText(),
        mirror.path("baseExportId").asText(null), mirror.path("baseSnapshot").asLong(-1), mirror.path("stateSha256").asText(),
        mirror.path("records").asLong(), json);
  }

  /** Whether the record files are encrypted, and to whom (age recipients). */
  public List<String> recipients() {
    List<String> recipients = new ArrayList<>();
    json.path("encryption").path("recipients").forEach(r -> recipients.add(r.asText()));
    return recipients;
  }

  public boolean isDelta() {
    return MirrorBundle.DELTA.equals(kind);
  }

  /** The files of one record type (e.g. {@code indexes/records-}), in manifest order, as paths relative to the bundle. */
  public List<String> files(String prefix) {
    List<String> files = new ArrayList<>();
    for (JsonNode file : json.path("files")) {
      String path = file.path("path").asText();
      if (path.startsWith(prefix) && (path.endsWith(".jsonl.zst") || path.endsWith(".jsonl.zst.age"))) {
        files.add(path);
      }
    }
    return files;
  }
}
