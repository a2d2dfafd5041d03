package org.stellaops.jobs.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.stellaops.connectors.canonical.AdvisoryJson;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.MirrorStore;
import org.stellaops.exports.bundle.BundleVerifier;
import org.stellaops.exports.bundle.JsonlShards;
import org.stellaops.exports.mirror.MirrorBundle;
import org.stellaops.exports.mirror.MirrorManifest;
import org.stellaops.schemas.advisory.Advisory;

/**
 * Loads a mirror bundle ({@link MirrorBundle}) into the mirror tables ({@link MirrorStore}): verifies it offline first,
 * then applies it in one transaction (a full bundle replaces the state, a delta applies onto its
 * base only), and before committing checks that the state it leaves is exactly the one the bundle
 * declares (its records count and state digest). Anything that does not hold rolls back.
 */
public final class MirrorImporter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MirrorImporter() {}

  /** The bundle does not verify, or its content disagrees with its own manifest. */
  public static final class IntegrityFailure extends Exception {
    private final List<String> problems;

    public IntegrityFailure(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /** What an import did. */
  public record Outcome(MirrorManifest manifest, String keyId, long written, long removed, long records, long packageRows) {}

  public static Outcome apply(Path bundle, Optional<PublicKey> key, MirrorStore store, boolean replace, LongConsumer progress)
      throws IOException, IntegrityFailure {
    return apply(bundle, bundle.toAbsolutePath().toString(), key, List.of(), store, replace, progress);
  }

  /** {@link #apply}, recording {@code source} (e.g. the archive the folder was unpacked from) as where the bundle came from. */
  public static Outcome apply(Path bundle, String source, Optional<PublicKey> key, List<String> identities, MirrorStore store,
      boolean replace, LongConsumer progress) throws IOException, IntegrityFailure {
    BundleVerifier.Result verified = BundleVerifier.verify(bundle, key);
    if (!verified.ok()) {
      throw new IntegrityFailure(verified.problems().stream().map(Object::toString).toList());
    }
    MirrorManifest manifest = MirrorManifest.read(bundle);
    if (!manifest.recipients().isEmpty() && identities.isEmpty()) {
      throw new IllegalArgumentException(bundle + " is encrypted (age) to " + manifest.recipients()
          + ": give the identity file of one of them (--identity KEY)");
    }
    JsonlShards.Opener opener = JsonlShards.Opener.decrypting(identities);
    MirrorStore.Bundle row = new MirrorStore.Bundle(manifest.exportId(), manifest.profile(), manifest.snapshot(), manifest.createdAt(),
        Optional.ofNullable(manifest.isDelta() ? manifest.baseExportId() : null), verified.keyId(), manifest.records(),
        manifest.stateSha256(), manifest.json().path("mirror").path("added").asLong(), manifest.json().path("mirror").path("changed").asLong(),
        manifest.json().path("mirror").path("removed").asLong(), source);
    long[] written = {0};
    long[] removed = {0};
    long[] packageRows = {0};
    List<String> problems = new ArrayList<>();
    try {
      store.apply(row, replace, writer -> {
        try {
          if (manifest.isDelta()) {
            List<String> removals = new ArrayList<>();
            JsonlShards.read(bundle, manifest.files(MirrorBundle.REMOVED), opener,
                line -> removals.add(field(line, "id", MirrorBundle.REMOVED)));
            List<String> notHeld = writer.remove(removals);
            if (!notHeld.isEmpty()) {
              throw new StateDisagrees(MirrorBundle.REMOVED + "*: removes " + notHeld.get(0) + ", which the mirror does not hold"
                  + (notHeld.size() > 1 ? " (and " + (notHeld.size() - 1) + " more)" : ""));
            }
            removed[0] += removals.size();
          }
          JsonlShards.read(bundle, manifest.files(MirrorBundle.NORMALIZED), opener, line -> {
            Advisory advisory;
            try {
              advisory = AdvisoryJson.read(line);
            } catch (UncheckedIOException | IllegalArgumentException e) {
              throw new StateDisagrees(MirrorBundle.NORMALIZED + "*: record " + (written[0] + 1) + " is not an advisory this version reads"
                  + " (schema_mismatch): " + e.getMessage());
            }
            if (!AdvisoryJson.write(advisory).equals(line)) {
              throw new StateDisagrees(MirrorBundle.NORMALIZED + "*: advisory " + advisory.id() + " is not in the canonical form this"
                  + " version writes (schema_mismatch: a bundle of another schema version?)");
            }
            if (manifest.isDelta()) {
              writer.put(advisory.id(), MirrorBundle.sha256(line), advisory.hasBeenWithdrawn(), line, AdvisoryStore.productKeys(advisory));
            } else {
              writer.put(advisory.id(), MirrorBundle.sha256(line), advisory.hasBeenWithdrawn(), line);
            }
            if (++written[0] % 100_000 == 0) {
              progress.accept(written[0]);
            }
          });
          if (!manifest.isDelta()) {
            JsonlShards.read(bundle, manifest.files(MirrorBundle.PACKAGES), opener, line -> {
              try {
                JsonNode node = JSON.readTree(line);
                List<String> ids = new ArrayList<>();
                node.path("advisories").forEach(id -> ids.add(id.asText()));
                writer.packageRows(node.path("package").asText(), ids);
                packageRows[0] += ids.size();
              } catch (IOException e) {
                throw new StateDisagrees(MirrorBundle.PACKAGES + "*: a line that is not JSON: " + e.getMessage());
              }
            });
          }
          // The state left must be the one the bundle declares.
          MessageDigest digest = JsonlShards.sha256();
          long[] records = {0};
          writer.forEachRecord((id, sha) -> {
            digest.update(MirrorBundle.recordLine(id, sha).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            records[0]++;
          });
          String state = "sha256:" + HexFormat.of().formatHex(digest.digest());
          if (records[0] != manifest.records() || !state.equals(manifest.stateSha256())) {
            throw new StateDisagrees("export.json: expected a state of " + manifest.records() + " advisories with digest "
                + manifest.stateSha256() + ", found " + records[0] + " with " + state + " after applying the bundle");
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (StateDisagrees e) {
      problems.add(e.getMessage());
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof org.stellaops.exports.bundle.BundleEncryption.CannotDecrypt cannot) {
        throw new IllegalArgumentException(cannot.getMessage() + "; the bundle is encrypted to " + manifest.recipients());
      }
      throw e;
    }
    if (!problems.isEmpty()) {
      throw new IntegrityFailure(problems);
    }
    return new Outcome(manifest, verified.keyId(), written[0], removed[0], manifest.records(), packageRows[0]);
  }

  private static String field(String line, String name, String file) {
    try {
      String value = JSON.readTree(line).path(name).asText(null);
      if (value == null) {
        throw new StateDisagrees(file + "*: a line without " + name + ": " + line);
      }
      return value;
    } catch (IOException e) {
      throw new StateDisagrees(file + "*: a line that is not JSON: " + line);
    }
  }

  /** The bundle's content disagrees with its manifest or with the mirror: rolls the import back. */
  private static final class StateDisagrees extends RuntimeException {
    StateDisagrees(String message) {
      super(message);
    }
  }
}
