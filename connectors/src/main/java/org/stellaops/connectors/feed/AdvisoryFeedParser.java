package org.stellaops.connectors.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.stellaops.connectors.DocumentException;
import org.stellaops.connectors.distro.AlpineSecdbParser;
import org.stellaops.connectors.distro.DebianTrackerParser;
import org.stellaops.connectors.osv.JsonTrees;
import org.stellaops.connectors.osv.OsvAdvisoryParser;

/**
 * Reads an advisory document in any format the ingest takes, told apart by shape: an OSV record
 * (an object with {@code id}), an Alpine, Wolfi or Chainguard secdb (a {@code packages} list of
 * {@code pkg} objects), or the Debian security tracker's JSON (package → issue → {@code releases}).
 */
public final class AdvisoryFeedParser {
  public static final String OSV = "osv";
  public static final String ALPINE_SECDB = "alpine-secdb";
  public static final String DEBIAN_TRACKER = "debian-tracker";

  private final OsvAdvisoryParser osv = new OsvAdvisoryParser();
  private final AlpineSecdbParser secdb = new AlpineSecdbParser();
  private final DebianTrackerParser tracker = new DebianTrackerParser();

  public AdvisoryDocument parse(String source, byte[] bytes) throws DocumentException {
    JsonNode root = JsonTrees.read(source, bytes);
    if (root.isObject() && root.has("id")) {
      return new AdvisoryDocument(OSV, List.of(osv.parse(source, root)));
    }
    if (AlpineSecdbParser.recognises(root)) {
      return new AdvisoryDocument(ALPINE_SECDB, secdb.parse(source, root));
    }
    if (DebianTrackerParser.recognises(root)) {
      return new AdvisoryDocument(DEBIAN_TRACKER, tracker.parse(source, root));
    }
    // Anything else is read as OSV, so its errors say what an OSV record lacks (e.g. "id").
    return new AdvisoryDocument(OSV, List.of(osv.parse(source, root)));
  }
}
