package org.stellaops.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.stellaops.engine.verdict.VerdictJson;
import org.stellaops.jobs.store.VerdictStore.StoredVerdict;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.FindingStatus;
import org.stellaops.schemas.verdict.Verdict;

/** Renders stored verdicts as a table for people, JSON for scripts, or SARIF 2.1.0 for code-scanning tools. */
public final class ReportRenderer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Most important first: affected before unknown, then by severity, then by purl. */
  static final Comparator<Finding> IMPORTANCE = Comparator
      .comparing((Finding f) -> f.status() != FindingStatus.AFFECTED)
      .thenComparing(Finding::severity)
      .thenComparing(Finding::purl)
      .thenComparing(Finding::advisoryId);
  private final int top;

  public ReportRenderer(int top) {
    this.top = top;
  }

  /** The whole report as text. */
  public String render(ReportFormat format, List<StoredVerdict> verdicts) throws JsonProcessingException {
    return switch (format) {
      case table -> table(verdicts);
      case json -> JSON.writeValueAsString(json(verdicts)) + "\n";
      case sarif -> JSON.writeValueAsString(SarifReport.of(verdicts)) + "\n";
    };
  }

  static ObjectNode json(List<StoredVerdict> verdicts) throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 1);
    ArrayNode images = root.putArray("images");
    for (StoredVerdict stored : verdicts) {
      ObjectNode body = (ObjectNode) JSON.readTree(stored.canonicalBody());
      ObjectNode image = JSON.createObjectNode();
      image.put("imageDigest", stored.verdict().imageDigest());
      stored.imageName().ifPresent(name -> image.put("imageName", name));
      image.put("verdict", stored.verdict().decision().name());
      image.put("verdictDigest", stored.verdict().verdictDigest());
      image.put("stale", stored.sbomChanged());
      image.set("rule", body.get("rule"));
      image.set("affectedBySeverity", body.get("affectedBySeverity"));
      ObjectNode inputs = ((ObjectNode) body.get("inputs")).deepCopy();
      inputs.put("advisorySnapshotId", stored.verdict().manifest().advisorySnapshotId());
      image.set("inputs", inputs);
      image.set("findings", body.get("findings"));
      image.set("notEvaluated", body.has("notEvaluated") ? body.get("notEvaluated") : JSON.createArrayNode());
      images.add(image);
    }
    return root;
  }

  private String table(List<StoredVerdict> verdicts) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-20s %-32s %-7s %5s %5s %5s %5s %7s %8s%n",
        "IMAGE", "NAME", "VERDICT", "CRIT", "HIGH", "MED", "LOW", "UNRATED", "UNKNOWN"));
    for (StoredVerdict stored : verdicts) {
      Verdict v = stored.verdict();
      long unknown = v.findings().stream().filter(f -> f.status() == FindingStatus.UNKNOWN).count();
      out.append(String.format(Locale.ROOT, "%-20s %-32s %-7s %5d %5d %5d %5d %7d %8d%s%n",
          shortDigest(v.imageDigest()), clip(stored.imageName().orElse("-"), 32), v.decision(),
          count(v, SeverityLevel.CRITICAL), count(v, SeverityLevel.HIGH),
          count(v, SeverityLevel.MEDIUM), count(v, SeverityLevel.LOW), count(v, SeverityLevel.UNKNOWN), unknown,
          stored.sbomChanged() ? "  (SBOM changed since: reevaluate)" : ""));
      v.findings().stream().sorted(IMPORTANCE).limit(top).forEach(f -> out.append(String.format(Locale.ROOT,
          "    %-8s %-8s %-22s %s  matched %s%s%n", f.status().label(), f.severity(), f.advisoryId(), f.purl(),
          f.matched(), f.fixedVersion().map(x -> "; fixed in " + x).orElse(""))));
      if (v.findings().size() > top) {
        out.append("    ... ").append(v.findings().size() - top).append(" more finding(s); --top N or --format json shows them\n");
      }
      if (!v.notEvaluated().isEmpty()) {
        out.append("    not evaluated: ").append(v.notEvaluated().stream()
            .map(n -> n.count() + " " + n.reason().code() + " (e.g. " + n.examples().get(0) + ")")
            .collect(java.util.stream.Collectors.joining(", "))).append('\n');
      }
    }
    out.append("CRIT..LOW, UNRATED: affected findings by severity (UNRATED: the advisory gives none); "
        + "UNKNOWN: findings that could not be decided (reason in --format json); not evaluated: components not matched"
        + " against advisories, by reason (all in --format json)\n");
    out.append(verdicts.size()).append(" image(s); ")
        .append(verdicts.stream().filter(s -> s.verdict().decision().name().equals("FAIL")).count()).append(" FAIL\n");
    return out.toString();
  }

  private static int count(Verdict v, SeverityLevel level) {
    return v.affectedBySeverity().getOrDefault(level, 0);
  }

  private static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "~";
  }

  static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) : digest;
  }

}
