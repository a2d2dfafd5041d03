package org.stellaops.engine.match;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.stellaops.engine.verdict.Digests;
import org.stellaops.engine.verdict.VerdictJson;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.Severity;

/**
 * Digests of exactly what evaluation reads from advisories: for one affected entry, its
 * advisory's id, aliases, severity and withdrawal, and the entry itself (ecosystem, name, ranges,
 * versions, severity) as RFC 8785 canonical JSON. Summaries, references and timestamps are left
 * out: they change no finding. Export deltas (per product key) and verdict inputs (per image) are
 * built from these, so "no delta for a key" and "same inputs for an image" agree.
 */
public final class EvaluationDigests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvaluationDigests() {}

  /** The digest of one affected entry of {@code advisory}. */
  public static String ofEntry(Advisory advisory, AffectedPackage affected) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", advisory.id());
    ArrayNode aliases = node.putArray("aliases");
    advisory.aliases().forEach(aliases::add);
    severity(node.putObject("severity"), advisory.severity());
    node.put("withdrawn", advisory.hasBeenWithdrawn());
    ObjectNode entry = node.putObject("affected");
    entry.put("ecosystem", affected.ecosystem());
    entry.put("name", affected.name());
    ArrayNode ranges = entry.putArray("ranges");
    for (AffectedRange range : affected.ranges()) {
      ObjectNode r = ranges.addObject();
      r.put("type", range.type().name());
      range.repo().ifPresent(repo -> r.put("repo", repo));
      ArrayNode events = r.putArray("events");
      for (RangeEvent event : range.events()) {
        events.addObject().put(event.kind().osvName(), event.version());
      }
    }
    ArrayNode versions = entry.putArray("versions");
    affected.versions().forEach(versions::add);
    affected.severity().ifPresent(s -> severity(entry.putObject("severity"), s));
    return Digests.sha256Hex(VerdictJson.canonical(node));
  }

  /** The digest of a product key's entries in one advisory: the entry digests, sorted, as one text. */
  public static String ofEntries(Advisory advisory, List<AffectedPackage> entries) {
    return combine(entries.stream().map(e -> ofEntry(advisory, e)).toList());
  }

  /** One digest over a set of digests, independent of their order. */
  public static String combine(Collection<String> digests) {
    // Sorted and de-duplicated in an array: an image combines thousands, a tree set costs more.
    String[] sorted = digests.toArray(new String[0]);
    java.util.Arrays.sort(sorted);
    StringBuilder text = new StringBuilder(sorted.length * 65);
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i].equals(sorted[i - 1])) {
        continue;
      }
      if (i > 0) {
        text.append('\n');
      }
      text.append(sorted[i]);
    }
    return Digests.sha256Hex(text.toString());
  }

  private static void severity(ObjectNode node, Severity severity) {
    node.put("level", severity.level().name());
    severity.score().ifPresent(score -> node.put("score", score));
    Optional<String> vector = severity.vector();
    vector.ifPresent(v -> node.put("vector", v));
  }
}
