package org.stellaops.engine.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Decision;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.FindingStatus;
import org.stellaops.schemas.verdict.InputManifest;
import org.stellaops.schemas.verdict.NotEvaluated;
import org.stellaops.schemas.verdict.NotEvaluatedReason;
import org.stellaops.schemas.verdict.Verdict;

/**
 * The JSON form of verdicts and findings, and its canonical (RFC 8785) text. The field names are
 * the public contract of {@code stella report --format json}; see docs/formats/report-json.md.
 */
public final class VerdictJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private VerdictJson() {}

  /** The verdict body that the digest covers (everything but the digest itself). */
  public static ObjectNode body(String imageDigest, Decision decision, String rule, List<Finding> findings,
      Map<SeverityLevel, Integer> counts, List<NotEvaluated> notEvaluated, InputManifest manifest) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("imageDigest", imageDigest);
    node.put("verdict", decision.name());
    node.put("rule", rule);
    ObjectNode bySeverity = node.putObject("affectedBySeverity");
    for (SeverityLevel level : SeverityLevel.values()) {
      bySeverity.put(level.name(), counts.getOrDefault(level, 0));
    }
    ArrayNode skipped = node.putArray("notEvaluated");
    for (NotEvaluated group : notEvaluated) {
      ObjectNode entry = skipped.addObject();
      entry.put("reason", group.reason().code());
      entry.put("description", group.reason().description());
      entry.put("count", group.count());
      ArrayNode examples = entry.putArray("examples");
      group.examples().forEach(examples::add);
    }
    ObjectNode manifestNode = node.putObject("inputs");
    manifestNode.put("sbomDigest", manifest.sbomDigest());
    manifestNode.put("advisoriesDigest", manifest.advisoriesDigest());
    manifestNode.put("engineVersion", manifest.engineVersion());
    manifestNode.put("policyDigest", manifest.policyDigest());
    ArrayNode array = node.putArray("findings");
    findings.forEach(f -> array.add(finding(f)));
    return node;
  }

  /**
   * The canonical (RFC 8785) text of {@link #body}, written straight from the records: the same
   * bytes as {@code canonical(body(...))} without building a tree and sorting every finding's
   * members (a verdict of a large image has thousands of findings). Member names are written in
   * their canonical order; {@code VerdictJsonTest} checks the bytes against the tree path.
   */
  public static String canonicalBody(String imageDigest, Decision decision, String rule, List<Finding> findings,
      Map<SeverityLevel, Integer> counts, List<NotEvaluated> notEvaluated, InputManifest manifest) {
    return canonicalParts(imageDigest, decision, rule, findings, counts, notEvaluated, manifest).text();
  }

  /**
   * {@link #canonicalBody} in parts: the frame with an empty findings array, and the findings
   * grouped by component (consecutive findings of one purl; {@code findings} is in canonical
   * order, so a component's findings are consecutive).
   */
  public static CanonicalVerdict canonicalParts(String imageDigest, Decision decision, String rule, List<Finding> findings,
      Map<SeverityLevel, Integer> counts, List<NotEvaluated> notEvaluated, InputManifest manifest) {
    StringBuilder out = new StringBuilder(1024);
    out.append("{\"affectedBySeverity\":{");
    java.util.TreeMap<String, Integer> bySeverity = new java.util.TreeMap<>();
    for (SeverityLevel level : SeverityLevel.values()) {
      bySeverity.put(level.name(), counts.getOrDefault(level, 0));
    }
    boolean first = true;
    for (Map.Entry<String, Integer> count : bySeverity.entrySet()) {
      first = comma(first, out);
      CanonicalJson.appendString(count.getKey(), out);
      out.append(':');
      CanonicalJson.appendNumber(count.getValue(), out);
    }
    out.append("},\"findings\":[");
    int findingsAt = out.length();
    out.append("],\"imageDigest\":");
    CanonicalJson.appendString(imageDigest, out);
    out.append(",\"inputs\":{\"advisoriesDigest\":");
    CanonicalJson.appendString(manifest.advisoriesDigest(), out);
    out.append(",\"engineVersion\":");
    CanonicalJson.appendString(manifest.engineVersion(), out);
    out.append(",\"policyDigest\":");
    CanonicalJson.appendString(manifest.policyDigest(), out);
    out.append(",\"sbomDigest\":");
    CanonicalJson.appendString(manifest.sbomDigest(), out);
    out.append("},\"notEvaluated\":[");
    first = true;
    for (NotEvaluated group : notEvaluated) {
      first = comma(first, out);
      out.append("{\"count\":");
      CanonicalJson.appendNumber(group.count(), out);
      out.append(",\"description\":");
      CanonicalJson.appendString(group.reason().description(), out);
      out.append(",\"examples\":");
      strings(group.examples(), out);
      out.append(",\"reason\":");
      CanonicalJson.appendString(group.reason().code(), out);
      out.append('}');
    }
    out.append("],\"rule\":");
    CanonicalJson.appendString(rule, out);
    out.append(",\"verdict\":");
    CanonicalJson.appendString(decision.name(), out);
    out.append('}');
    return new CanonicalVerdict(out.toString(), findingsAt, groups(findings));
  }

  private static List<CanonicalVerdict.FindingGroup> groups(List<Finding> findings) {
    List<CanonicalVerdict.FindingGroup> groups = new ArrayList<>();
    StringBuilder template = new StringBuilder();
    for (int from = 0; from < findings.size();) {
      String purl = findings.get(from).purl();
      int to = from + 1;
      while (to < findings.size() && findings.get(to).purl().equals(purl)) {
        to++;
      }
      Optional<String> layer = findings.get(from).layer();
      for (int i = from + 1; i < to && layer.isPresent(); i++) {
        if (!findings.get(i).layer().equals(layer)) {
          layer = Optional.empty();
        }
      }
      template.setLength(0);
      for (int i = from; i < to; i++) {
        if (i > from) {
          template.append(',');
        }
        canonicalFinding(findings.get(i), template, layer.isPresent());
      }
      groups.add(new CanonicalVerdict.FindingGroup(template.toString(), layer, to - from));
      from = to;
    }
    return groups;
  }

  /**
   * One finding's canonical text: members in canonical order, optional ones only when present; the
   * layer's value as {@link CanonicalVerdict.FindingGroup#LAYER} when {@code layerAsMarker}.
   */
  private static void canonicalFinding(Finding f, StringBuilder out, boolean layerAsMarker) {
    out.append("{\"advisoryId\":");
    CanonicalJson.appendString(f.advisoryId(), out);
    out.append(",\"aliases\":");
    strings(f.aliases(), out);
    out.append(",\"ecosystem\":");
    CanonicalJson.appendString(f.ecosystem(), out);
    if (f.fixedVersion().isPresent()) {
      out.append(",\"fixedVersion\":");
      CanonicalJson.appendString(f.fixedVersion().get(), out);
    }
    if (f.layer().isPresent()) {
      out.append(",\"layer\":");
      if (layerAsMarker) {
        out.append(CanonicalVerdict.FindingGroup.LAYER);
      } else {
        CanonicalJson.appendString(f.layer().get(), out);
      }
    }
    out.append(",\"matched\":");
    CanonicalJson.appendString(f.matched(), out);
    out.append(",\"packageName\":");
    CanonicalJson.appendString(f.packageName(), out);
    out.append(",\"purl\":");
    CanonicalJson.appendString(f.purl(), out);
    out.append(",\"reason\":");
    CanonicalJson.appendString(f.reason(), out);
    if (f.score().isPresent()) {
      out.append(",\"score\":");
      CanonicalJson.appendNumber(f.score().get(), out);
    }
    out.append(",\"severity\":");
    CanonicalJson.appendString(f.severity().name(), out);
    out.append(",\"status\":");
    CanonicalJson.appendString(f.status().label(), out);
    out.append(",\"version\":");
    CanonicalJson.appendString(f.version(), out);
    out.append('}');
  }

  /** A canonical array of strings. */
  private static void strings(List<String> values, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (String value : values) {
      first = comma(first, out);
      CanonicalJson.appendString(value, out);
    }
    out.append(']');
  }

  private static boolean comma(boolean first, StringBuilder out) {
    if (!first) {
      out.append(',');
    }
    return false;
  }

  /** One finding as JSON. */
  public static ObjectNode finding(Finding f) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("advisoryId", f.advisoryId());
    ArrayNode aliases = node.putArray("aliases");
    f.aliases().forEach(aliases::add);
    node.put("purl", f.purl());
    node.put("ecosystem", f.ecosystem());
    node.put("packageName", f.packageName());
    node.put("version", f.version());
    node.put("status", f.status().label());
    node.put("reason", f.reason());
    node.put("matched", f.matched());
    f.fixedVersion().ifPresent(v -> node.put("fixedVersion", v));
    node.put("severity", f.severity().name());
    f.score().ifPresent(s -> node.put("score", s));
    f.layer().ifPresent(l -> node.put("layer", l));
    return node;
  }

  /** RFC 8785 canonical text of {@code node}. */
  public static String canonical(JsonNode node) {
    return CanonicalJson.of(node);
  }

  /** Reads a verdict back from its canonical body, digest and the snapshot number it was computed at, as stored. */
  public static Verdict read(String canonicalBody, String verdictDigest, long advisorySnapshotId) {
    JsonNode node;
    try {
      node = MAPPER.readTree(canonicalBody);
    } catch (IOException e) {
      throw new UncheckedIOException("stored verdict is not JSON", e);
    }
    JsonNode inputs = node.path("inputs");
    InputManifest manifest = new InputManifest(inputs.path("sbomDigest").asText(), inputs.path("advisoriesDigest").asText(),
        advisorySnapshotId, inputs.path("engineVersion").asText(),
        inputs.path("policyDigest").asText());
    Map<SeverityLevel, Integer> counts = new EnumMap<>(SeverityLevel.class);
    node.path("affectedBySeverity").fields().forEachRemaining(e -> counts.put(SeverityLevel.valueOf(e.getKey()), e.getValue().asInt()));
    List<Finding> findings = new ArrayList<>();
    node.path("findings").forEach(f -> findings.add(readFinding(f)));
    List<NotEvaluated> notEvaluated = new ArrayList<>();
    node.path("notEvaluated").forEach(n -> {
      if (!NotEvaluatedReason.isKnown(n.path("reason").asText())) {
        return; // written by a newer engine: the JSON report passes it through; typed readers skip it
      }
      List<String> examples = new ArrayList<>();
      n.path("examples").forEach(e -> examples.add(e.asText()));
      notEvaluated.add(new NotEvaluated(NotEvaluatedReason.ofCode(n.path("reason").asText()), n.path("count").asInt(), examples));
    });
    return new Verdict(node.path("imageDigest").asText(), Decision.valueOf(node.path("verdict").asText()),
        node.path("rule").asText(), findings, counts, notEvaluated, manifest, verdictDigest);
  }

  private static Finding readFinding(JsonNode f) {
    List<String> aliases = new ArrayList<>();
    f.path("aliases").forEach(a -> aliases.add(a.asText()));
    return new Finding(f.path("advisoryId").asText(), aliases, f.path("purl").asText(), f.path("ecosystem").asText(),
        f.path("packageName").asText(), f.path("version").asText(),
        FindingStatus.valueOf(f.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
        f.path("reason").asText(), f.path("matched").asText(), text(f, "fixedVersion"),
        SeverityLevel.valueOf(f.path("severity").asText()),
        f.has("score") ? Optional.of(f.path("score").asDouble()) : Optional.empty(), text(f, "layer"));
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.has(field) ? Optional.of(node.path(field).asText()) : Optional.empty();
  }
}
