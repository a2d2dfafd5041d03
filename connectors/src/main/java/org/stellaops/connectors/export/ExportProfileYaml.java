package org.stellaops.connectors.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.stellaops.connectors.yaml.LocatedYaml;
import org.stellaops.connectors.yaml.LocatedYaml.Document;
import org.stellaops.connectors.yaml.LocatedYaml.InvalidYamlException;
import org.stellaops.connectors.yaml.LocatedYaml.Problems;

/**
 * Reads export profiles from YAML, one per document ({@code ---} separates several). Every error
 * names the file, line, column and reason; a file with any error stores nothing.
 *
 * <pre>
 * name: nightly-mirror
 * kind: mirror              # json | mirror | trivy
 * variant: delta            # json: raw; mirror: full | delta; trivy: db
 * description: Nightly delta for the lab network
 * include: [advisories]
 * signing:
 *   key: /etc/stella/keys/stella-export.key
 * output: /srv/exports/nightly-{snapshot}
 * shardRecords: 100000
 * base: latest              # mirror:delta only
 * scope:
 *   ecosystems: [npm, PyPI]
 *   packages: [npm/lodash]
 *   modifiedFrom: 2025-01-01
 *   modifiedTo: 2026-01-01
 * encryption:               # mirror only
 *   recipients: [age1...]
 * </pre>
 */
public final class ExportProfileYaml {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Set<String> TOP = Set.of("name", "kind", "variant", "description", "include", "signing", "output", "shardRecords",
      "base", "scope", "encryption");

  private ExportProfileYaml() {}

  public static List<ExportProfile> read(String file, String text) throws InvalidYamlException {
    List<ExportProfile> profiles = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Document document : LocatedYaml.read(file, text)) {
      if (!document.root().isObject()) {
        throw new InvalidYamlException(file + ":" + document.start() + ": a profile is a mapping (name:, kind:, variant:, ...), found "
            + LocatedYaml.kind(document.root()));
      }
      ExportProfile profile = profile(document.root(), document.problems());
      if (!names.add(profile.name())) {
        document.problems().fail("name", "profile '" + profile.name() + "' is defined twice in this file");
      }
      profiles.add(profile);
    }
    if (profiles.isEmpty()) {
      throw new InvalidYamlException(file + ":1:1: no profile in the file");
    }
    return profiles;
  }

  private static ExportProfile profile(JsonNode root, Problems problems) throws InvalidYamlException {
    problems.onlyKeys(root, "", TOP);
    String name = problems.requiredText(root, "name");
    if (!NAME.matcher(name).matches() || name.contains(":")) {
      problems.fail("name", "a profile name is 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit;"
          + " got '" + name + "'");
    }
    String kind = problems.requiredText(root, "kind");
    if (!ExportProfile.KINDS.contains(kind)) {
      problems.fail("kind", "kind is one of " + ExportProfile.KINDS + "; got '" + kind + "'");
    }
    String variant = problems.requiredText(root, "variant");
    if (!ExportProfile.variants(kind).contains(variant)) {
      problems.fail("variant", "a " + kind + " profile's variant is one of " + ExportProfile.variants(kind) + "; got '" + variant + "'"
          + (kind.equals("trivy") && variant.equals("java-db") ? " (the Java DB indexes Maven Central artifacts, which Stella does not hold)" : ""));
    }
    Optional<String> description = root.has("description") ? Optional.of(problems.text(root, "description")) : Optional.empty();
    List<String> include = root.has("include") ? problems.texts(root, "include") : List.of("advisories");
    for (int i = 0; i < include.size(); i++) {
      if (!ExportProfile.CONTENT_TYPES.contains(include.get(i))) {
        problems.fail("include[" + i + "]", "this version exports " + ExportProfile.CONTENT_TYPES + "; got '" + include.get(i) + "'");
      }
    }
    JsonNode signing = problems.object(root, "signing");
    problems.onlyKeys(signing, "signing", Set.of("key"));
    Optional<String> key = signing.has("key") ? Optional.of(problems.text(signing, "signing.key")) : Optional.empty();
    Optional<String> output = root.has("output") ? Optional.of(problems.text(root, "output")) : Optional.empty();
    OptionalInt shardRecords = problems.optionalInt(root, "shardRecords", 1, 100_000_000);
    if (shardRecords.isPresent() && kind.equals("trivy")) {
      problems.fail("shardRecords", "a Trivy DB is one file: shardRecords is for json and mirror profiles");
    }
    Optional<String> base = root.has("base") ? Optional.of(problems.text(root, "base")) : Optional.empty();
    if (base.isPresent() && !(kind.equals("mirror") && variant.equals("delta"))) {
      problems.fail("base", "base is for mirror delta profiles only");
    }
    if (kind.equals("trivy") && key.isPresent()) {
      problems.fail("signing", "a Trivy DB is not signed by Stella (Trivy does not check signatures); remove signing");
    }
    JsonNode scopeNode = problems.object(root, "scope");
    problems.onlyKeys(scopeNode, "scope", Set.of("ecosystems", "packages", "modifiedFrom", "modifiedTo"));
    List<String> packages = problems.texts(scopeNode, "scope.packages");
    for (int i = 0; i < packages.size(); i++) {
      String p = packages.get(i);
      if (p.indexOf('/') <= 0 || p.endsWith("/")) {
        problems.fail("scope.packages[" + i + "]", "a package is ECOSYSTEM/NAME (e.g. npm/lodash); got '" + p + "'");
      }
    }
    Optional<String> from = scopeNode.has("modifiedFrom") ? Optional.of(problems.text(scopeNode, "scope.modifiedFrom")) : Optional.empty();
    Optional<String> to = scopeNode.has("modifiedTo") ? Optional.of(problems.text(scopeNode, "scope.modifiedTo")) : Optional.empty();
    for (Optional<String> time : List.of(from, to)) {
      if (time.isPresent() && !isTime(time.get())) {
        problems.fail(time == from ? "scope.modifiedFrom" : "scope.modifiedTo", "expected a date (2025-01-31) or an RFC 3339 time; got '"
            + time.get() + "'");
      }
    }
    if (kind.equals("trivy") && !scopeNode.isEmpty()) {
      problems.fail("scope", "a Trivy DB export has no scope selectors (stella export trivy-db --sources)");
    }
    JsonNode encryption = problems.object(root, "encryption");
    problems.onlyKeys(encryption, "encryption", Set.of("recipients"));
    List<String> recipients = problems.texts(encryption, "encryption.recipients");
    for (int i = 0; i < recipients.size(); i++) {
      if (!recipients.get(i).matches("age1[0-9a-z]{50,}")) {
        problems.fail("encryption.recipients[" + i + "]", "an age X25519 recipient is age1...; got '" + recipients.get(i) + "'");
      }
    }
    if (!recipients.isEmpty() && !kind.equals("mirror")) {
      problems.fail("encryption", "encryption is for mirror profiles");
    }
    return new ExportProfile(name, kind, variant, description, include, key, output, shardRecords, base,
        new ExportProfile.Scope(problems.texts(scopeNode, "scope.ecosystems"), packages, from, to), recipients);
  }

  private static boolean isTime(String text) {
    try {
      java.time.OffsetDateTime.parse(text);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      try {
        java.time.LocalDate.parse(text);
        return true;
      } catch (java.time.format.DateTimeParseException again) {
        return false;
      }
    }
  }
}
