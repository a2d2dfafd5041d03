package org.stellaops.exports.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a {@link JsonBundle} offline: every file the manifest lists has its size and digest, no
 * data file is unlisted, the provenance statement names the same digests, and both signatures
 * (the detached one over {@code export.json}, the DSSE envelope over {@code provenance.json}) are
 * the given key's. Without a key it checks against the public key the bundle carries, and says so:
 * that proves integrity, not who signed.
 */
public final class BundleVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Written by retention into a bundle whose data files it removed: when, and which. */
  public static final String PRUNED_MARKER = "PRUNED.json";
  private static final Set<String> OWN_FILES = Set.of(JsonBundle.MANIFEST, JsonBundle.PROVENANCE, JsonBundle.MANIFEST_SIGNATURE,
      JsonBundle.PROVENANCE_ENVELOPE, JsonBundle.SIGNING_KEY, "README.md", PRUNED_MARKER);

  private BundleVerifier() {}

  /** One thing wrong: the file, and what was expected and found. */
  public record Problem(String file, String expected, String actual) {
    @Override
    public String toString() {
      return file + ": expected " + expected + ", found " + actual;
    }
  }

  /** The outcome: the problems (none when the bundle verifies), the key id checked against, and whether that key was given. */
  public record Result(List<Problem> problems, String keyId, boolean keyGiven, long filesChecked) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public static Result verify(Path dir, Optional<PublicKey> trusted) throws IOException {
    List<Problem> problems = new ArrayList<>();
    Path manifestFile = dir.resolve(JsonBundle.MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      problems.add(new Problem(JsonBundle.MANIFEST, "the export manifest", "no such file"));
      return new Result(problems, "", trusted.isPresent(), 0);
    }
    byte[] manifestBytes = Files.readAllBytes(manifestFile);
    JsonNode manifest;
    try {
      manifest = JSON.readTree(manifestBytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      problems.add(new Problem(JsonBundle.MANIFEST, "JSON", "unreadable: " + e.getOriginalMessage()));
      return new Result(problems, "", trusted.isPresent(), 0);
    }
    if (!JsonBundle.SCHEMA.equals(manifest.path("schemaVersion").asText())) {
      problems.add(new Problem(JsonBundle.MANIFEST, "schemaVersion " + JsonBundle.SCHEMA, "'" + manifest.path("schemaVersion").asText() + "'"));
    }

    // Every listed file: size and digest.
    Set<String> pruned = new java.util.HashSet<>();
    String prunedAt = null;
    if (Files.isRegularFile(dir.resolve(PRUNED_MARKER))) {
      try {
        JsonNode marker = JSON.readTree(dir.resolve(PRUNED_MARKER).toFile());
        prunedAt = marker.path("prunedAt").asText("?");
        marker.path("files").forEach(f -> pruned.add(f.asText()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        problems.add(new Problem(PRUNED_MARKER, "JSON", "unreadable: " + e.getOriginalMessage()));
      }
    }
    Map<String, String> listed = new LinkedHashMap<>();
    for (JsonNode file : manifest.path("files")) {
      String path = file.path("path").asText();
      String expected = file.path("sha256").asText();
      listed.put(path, expected);
      Path target = dir.resolve(path).normalize();
      if (!target.startsWith(dir.normalize()) || path.isEmpty()) {
        problems.add(new Problem(path, "a path inside the bundle", "a path outside it"));
        continue;
      }
      if (!Files.isRegularFile(target)) {
        problems.add(new Problem(path, expected, pruned.contains(path) ? "no such file: pruned by retention at " + prunedAt
            + " (the manifest and signatures still prove what it held)" : "no such file"));
        continue;
      }
      String actual = sha256(target);
      if (!actual.equals(expected)) {
        problems.add(new Problem(path, expected, actual));
      } else if (Files.size(target) != file.path("bytes").asLong()) {
        problems.add(new Problem(path, file.path("bytes").asLong() + " bytes", Files.size(target) + " bytes"));
      }
    }
    // No data file the manifest does not list.
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = dir.relativize(p).toString().replace('\\', '/');
        if (!OWN_FILES.contains(relative) && !listed.containsKey(relative)) {
          problems.add(new Problem(relative, "no file the manifest does not list", "an unlisted file"));
        }
      }
    }

    // The key: the one given, else the one in the bundle.
    String manifestKeyId = manifest.path("signing").path("keyId").asText("");
    PublicKey key;
    if (trusted.isPresent()) {
      key = trusted.get();
    } else {
      Path embedded = dir.resolve(JsonBundle.SIGNING_KEY);
      if (!Files.isRegularFile(embedded)) {
        problems.add(new Problem(JsonBundle.SIGNING_KEY, "the signer's public key (or pass --key)", "no such file"));
        return new Result(problems, manifestKeyId, false, listed.size());
      }
      key = ExportKeys.publicKey(Files.readString(embedded), JsonBundle.SIGNING_KEY);
    }
    String keyId = ExportKeys.keyId(key);
    if (!keyId.equals(manifestKeyId)) {
      problems.add(new Problem(JsonBundle.MANIFEST, "signed by key " + keyId, "signing.keyId " + manifestKeyId));
    }

    // The detached signature over export.json.
    Path signatureFile = dir.resolve(JsonBundle.MANIFEST_SIGNATURE);
    if (!Files.isRegularFile(signatureFile)) {
      problems.add(new Problem(JsonBundle.MANIFEST_SIGNATURE, "a signature of export.json", "no such file"));
    } else {
      byte[] signature;
      String text = Files.readString(signatureFile, StandardCharsets.ISO_8859_1);
      try {
        signature = Base64.getDecoder().decode(text.endsWith("\n") ? text.substring(0, text.length() - 1) : "!");
      } catch (IllegalArgumentException e) {
        signature = new byte[0]; // exactly base64 and one line feed, as written; anything else is not our signature file
      }
      if (!ExportKeys.verify(key, manifestBytes, signature)) {
        // Either the manifest or its signature changed; the manifest is what a reader relies on.
        problems.add(new Problem(JsonBundle.MANIFEST, "the content " + keyId + " signed (" + JsonBundle.MANIFEST_SIGNATURE + ")",
            "content that signature does not match: export.json or its signature was changed"));
      }
    }

    // The provenance statement, its envelope and its subjects.
    Path provenanceFile = dir.resolve(JsonBundle.PROVENANCE);
    Path envelopeFile = dir.resolve(JsonBundle.PROVENANCE_ENVELOPE);
    if (!Files.isRegularFile(provenanceFile) || !Files.isRegularFile(envelopeFile)) {
      problems.add(new Problem(Files.isRegularFile(provenanceFile) ? JsonBundle.PROVENANCE_ENVELOPE : JsonBundle.PROVENANCE,
          "the provenance statement and its envelope", "no such file"));
    } else {
      byte[] provenance = Files.readAllBytes(provenanceFile);
      Dsse.Opened opened;
      try {
        opened = Dsse.open(Files.readAllBytes(envelopeFile), key);
      } catch (IOException e) {
        opened = null;
        problems.add(new Problem(JsonBundle.PROVENANCE_ENVELOPE, "a DSSE envelope", "unreadable: " + e.getMessage()));
      }
      if (opened != null) {
        if (!opened.signedByKey()) {
          problems.add(new Problem(JsonBundle.PROVENANCE_ENVELOPE, "a valid DSSE signature by " + keyId, "no valid signature"));
        }
        if (!Arrays.equals(opened.payload(), provenance)) {
          problems.add(new Problem(JsonBundle.PROVENANCE, "the statement the envelope signs", "different bytes"));
        }
      }
      try {
        Map<String, String> subjects = new LinkedHashMap<>();
        for (JsonNode subject : JSON.readTree(provenance).path("subject")) {
          subjects.put(subject.path("name").asText(), "sha256:" + subject.path("digest").path("sha256").asText());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(JsonBundle.MANIFEST, "sha256:" + HexFormat.of().formatHex(JsonlShards.sha256().digest(manifestBytes)));
        expected.putAll(listed);
        for (Map.Entry<String, String> e : expected.entrySet()) {
          String subject = subjects.get(e.getKey());
          if (!e.getValue().equals(subject)) {
            problems.add(new Problem(JsonBundle.PROVENANCE, "subject " + e.getKey() + " " + e.getValue(),
                subject == null ? "no such subject" : subject));
          }
        }
        Set<String> extra = new TreeSet<>(subjects.keySet());
        extra.removeAll(expected.keySet());
        extra.forEach(name -> problems.add(new Problem(JsonBundle.PROVENANCE, "only the bundle's files as subjects", "subject " + name)));
      } catch (IOException e) {
        problems.add(new Problem(JsonBundle.PROVENANCE, "JSON", "unreadable"));
      }
    }
    return new Result(problems, keyId, trusted.isPresent(), listed.size());
  }

  static String sha256(Path file) throws IOException {
    return org.stellaops.engine.verdict.Digests.sha256File(file);
  }
}
