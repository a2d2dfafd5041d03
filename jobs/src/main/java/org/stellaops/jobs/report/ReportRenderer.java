package org.stellaops.jobs.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.stellaops.engine.verdict.VerdictJson;
import org.stellaops.connectors.store.VerdictStore.StoredVerdict;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Decision;
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
  public String render(ReportFormat format, List<StoredVerdict> verdicts) throws IOException {
    StringWriter out = new StringWriter();
    render(format, verdicts::forEach, out);
    return out.toString();
  }

  /**
   * Writes the report of the verdicts {@code verdicts} hands over, one at a time: table and JSON
   * hold one verdict in memory at a time, so a fleet's report needs no more heap than its
   * largest verdict (SARIF, one document of every result, is built whole).
   */
  public Summary render(ReportFormat format, Consumer<Consumer<StoredVerdict>> verdicts, Writer out) throws IOException {
    return switch (format) {
      case table -> table(verdicts, out);
      case json -> json(verdicts, out);
      case sarif -> {
        List<StoredVerdict> all = new java.util.ArrayList<>();
        verdicts.accept(all::add);
        JSON.writeValue(nonClosing(out), SarifReport.of(all));
        out.write("\n");
        yield Summary.of(all);
      }
    };
  }

  /** How many verdicts a report covered, and how many of them FAIL. */
  public record Summary(long total, long failing) {
    static Summary of(List<StoredVerdict> verdicts) {
      return new Summary(verdicts.size(), verdicts.stream().filter(ReportRenderer::fails).count());
    }
  }

  private static boolean fails(StoredVerdict stored) {
    return stored.verdict().decision() == Decision.FAIL;
  }

  private static Writer nonClosing(Writer out) {
    return new java.io.FilterWriter(out) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  private static Summary json(Consumer<Consumer<StoredVerdict>> verdicts, Writer out) throws IOException {
    Summary summary;
    try (JsonGenerator generator = JSON.getFactory().createGenerator(nonClosing(out))) {
      generator.useDefaultPrettyPrinter();
      generator.writeStartObject();
      generator.writeNumberField("schemaVersion", 1);
      generator.writeArrayFieldStart("images");
      summary = each(verdicts, stored -> generator.writeTree(image(stored)));
      generator.writeEndArray();
      generator.writeEndObject();
    }
    out.write("\n");
    return summary;
  }

  /** Something written for one verdict. */
  private interface VerdictWriter {
    void write(StoredVerdict stored) throws IOException;
  }

  /** Writes each verdict as it arrives, counting them and the FAIL ones. */
  private static Summary each(Consumer<Consumer<StoredVerdict>> verdicts, VerdictWriter writer) throws IOException {
    long[] counts = new long[2];
    try {
      verdicts.accept(stored -> {
        counts[0]++;
        counts[1] += fails(stored) ? 1 : 0;
        try {
          writer.write(stored);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Summary(counts[0], counts[1]);
  }

  static ObjectNode json(List<StoredVerdict> verdicts) throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 1);
    ArrayNode images = root.putArray("images");
    for (StoredVerdict stored : verdicts) {
      images.add(image(stored));
    }
    return root;
  }

  private static ObjectNode image(StoredVerdict stored) throws JsonProcessingException {
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
    return image;
  }

  private Summary table(Consumer<Consumer<StoredVerdict>> verdicts, Writer out) throws IOException {
    out.write(String.format(Locale.ROOT, "%-20s %-32s %-7s %5s %5s %5s %5s %7s %8s%n",
        "IMAGE", "NAME", "VERDICT", "CRIT", "HIGH", "MED", "LOW", "UNRATED", "UNKNOWN"));
    Summary summary = each(verdicts, stored -> out.write(tableRows(stored)));
    out.write("CRIT..LOW, UNRATED: affected findings by severity (UNRATED: the advisory gives none); "
        + "UNKNOWN: findings that could not be decided (reason in --format json); not evaluated: components not matched"
        + " against advisories, by reason (all in --format json)\n");
    out.write(summary.total() + " image(s); " + summary.failing() + " FAIL\n");
    return summary;
  }

  private String tableRows(StoredVerdict stored) {
    StringBuilder out = new StringBuilder();
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
