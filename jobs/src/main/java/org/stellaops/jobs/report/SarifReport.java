package org.stellaops.jobs.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stellaops.engine.EngineVersion;
import org.stellaops.connectors.store.VerdictStore.StoredVerdict;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.FindingStatus;
import org.stellaops.schemas.verdict.NotEvaluated;

/** SARIF 2.1.0: one run, one rule per advisory, one result per finding, located by image and purl. */
final class SarifReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SarifReport() {}

  static ObjectNode of(List<StoredVerdict> verdicts) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "stella");
    driver.put("semanticVersion", "0.1.0");
    driver.put("version", EngineVersion.CURRENT);
    Map<String, Finding> rules = new TreeMap<>();
    ArrayNode results = run.putArray("results");
    for (StoredVerdict stored : verdicts) {
      for (Finding f : stored.verdict().findings()) {
        rules.putIfAbsent(f.advisoryId(), f);
        ObjectNode result = results.addObject();
        result.put("ruleId", f.advisoryId());
        result.put("level", level(f));
        result.putObject("message").put("text", f.purl() + ": " + f.reason()
            + f.fixedVersion().map(x -> " (fixed in " + x + ")").orElse(""));
        ObjectNode location = result.putArray("locations").addObject();
        location.putArray("logicalLocations").addObject()
            .put("fullyQualifiedName", stored.verdict().imageDigest() + "/" + f.purl()).put("kind", "package");
        ObjectNode properties = result.putObject("properties");
        properties.put("imageDigest", stored.verdict().imageDigest());
        properties.put("status", f.status().label());
        properties.put("severity", f.severity().name());
        properties.put("matched", f.matched());
      }
    }
    ArrayNode notifications = run.putArray("invocations").addObject().put("executionSuccessful", true)
        .putArray("toolExecutionNotifications");
    for (StoredVerdict stored : verdicts) {
      for (NotEvaluated group : stored.verdict().notEvaluated()) {
        ObjectNode notification = notifications.addObject();
        notification.put("level", "note");
        notification.putObject("message").put("text", stored.verdict().imageDigest() + ": " + group.count()
            + " component(s) not evaluated: " + group.reason().description() + " (e.g. " + String.join(", ", group.examples()) + ")");
        notification.putObject("descriptor").put("id", "not-evaluated/" + group.reason().code());
        ObjectNode properties = notification.putObject("properties");
        properties.put("imageDigest", stored.verdict().imageDigest());
        properties.put("reason", group.reason().code());
        properties.put("count", group.count());
      }
    }
    ArrayNode ruleArray = driver.putArray("rules");
    rules.forEach((id, f) -> {
      ObjectNode rule = ruleArray.addObject();
      rule.put("id", id);
      rule.putObject("shortDescription").put("text", id + (f.aliases().isEmpty() ? "" : " (" + String.join(", ", f.aliases()) + ")"));
      f.score().ifPresent(s -> rule.putObject("properties").put("security-severity", String.valueOf(s)));
    });
    return root;
  }

  private static String level(Finding f) {
    if (f.status() == FindingStatus.UNKNOWN) {
      return "note";
    }
    return f.severity() == SeverityLevel.CRITICAL || f.severity() == SeverityLevel.HIGH ? "error" : "warning";
  }
}
