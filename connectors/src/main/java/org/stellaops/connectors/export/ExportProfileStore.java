package org.stellaops.connectors.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Export profiles in {@code export.export_profiles}, by name. */
@Repository
public class ExportProfileStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JdbcTemplate jdbc;

  public ExportProfileStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored profile, the file it came from, its revision and when it last changed. */
  public record Stored(ExportProfile profile, String sourceFile, int revision, Instant updatedAt) {}

  /** What storing a profile did. */
  public enum Change {
    CREATED, UPDATED, UNCHANGED
  }

  /** Creates or replaces each profile by name; one the same as stored keeps its revision. */
  public List<Change> apply(List<ExportProfile> profiles, String sourceFile) {
    List<Change> changes = new ArrayList<>();
    for (ExportProfile profile : profiles) {
      String config = config(profile).toString();
      List<String> existing = jdbc.queryForList("SELECT config::text FROM export.export_profiles WHERE tenant_id = 'default' AND name = ?",
          String.class, profile.name());
      if (existing.isEmpty()) {
        jdbc.update("INSERT INTO export.export_profiles (name, kind, variant, config, source_file) VALUES (?, ?, ?, ?::jsonb, ?)",
            profile.name(), profile.kind(), profile.variant(), config, sourceFile);
        changes.add(Change.CREATED);
      } else if (tree(existing.get(0)).equals(tree(config))) {
        changes.add(Change.UNCHANGED);
      } else {
        jdbc.update("UPDATE export.export_profiles SET kind = ?, variant = ?, config = ?::jsonb, source_file = ?, revision = revision + 1,"
            + " updated_at = now() WHERE tenant_id = 'default' AND name = ?", profile.kind(), profile.variant(), config, sourceFile,
            profile.name());
        changes.add(Change.UPDATED);
      }
    }
    return changes;
  }

  /** The profiles, by name; of one kind when given. */
  public List<Stored> list(Optional<String> kind) {
    return jdbc.query("SELECT config::text, source_file, revision, updated_at FROM export.export_profiles WHERE tenant_id = 'default'"
        + " AND (?::text IS NULL OR kind = ?::text) ORDER BY name", (r, i) -> new Stored(profile(tree(r.getString(1))), r.getString(2), r.getInt(3),
            r.getTimestamp(4).toInstant()), kind.orElse(null), kind.orElse(null));
  }

  public Optional<Stored> get(String name) {
    return list(Optional.empty()).stream().filter(s -> s.profile().name().equals(name)).findFirst();
  }

  /** Removes profile {@code name}; false when there is none. */
  public boolean delete(String name) {
    return jdbc.update("DELETE FROM export.export_profiles WHERE tenant_id = 'default' AND name = ?", name) == 1;
  }

  /** A profile as the JSON this store keeps (also what `profiles list --format json` prints). */
  public static ObjectNode config(ExportProfile p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", p.name()).put("kind", p.kind()).put("variant", p.variant());
    p.description().ifPresent(d -> n.put("description", d));
    p.include().forEach(n.putArray("include")::add);
    if (p.include().isEmpty()) {
      n.putArray("include");
    }
    p.key().ifPresent(k -> n.putObject("signing").put("key", k));
    p.output().ifPresent(o -> n.put("output", o));
    p.shardRecords().ifPresent(s -> n.put("shardRecords", s));
    p.base().ifPresent(b -> n.put("base", b));
    ExportProfile.Scope scope = p.scope();
    if (!scope.equals(ExportProfile.Scope.ALL)) {
      ObjectNode s = n.putObject("scope");
      if (!scope.ecosystems().isEmpty()) {
        scope.ecosystems().forEach(s.putArray("ecosystems")::add);
      }
      if (!scope.packages().isEmpty()) {
        scope.packages().forEach(s.putArray("packages")::add);
      }
      scope.modifiedFrom().ifPresent(f -> s.put("modifiedFrom", f));
      scope.modifiedTo().ifPresent(t -> s.put("modifiedTo", t));
    }
    if (!p.recipients().isEmpty()) {
      p.recipients().forEach(n.putObject("encryption").putArray("recipients")::add);
    }
    return n;
  }

  static ExportProfile profile(JsonNode n) {
    List<String> include = new ArrayList<>();
    n.path("include").forEach(i -> include.add(i.asText()));
    return new ExportProfile(n.path("name").asText(), n.path("kind").asText(), n.path("variant").asText(),
        Optional.ofNullable(n.path("description").asText(null)), include, Optional.ofNullable(n.path("signing").path("key").asText(null)),
        Optional.ofNullable(n.path("output").asText(null)),
        n.has("shardRecords") ? OptionalInt.of(n.path("shardRecords").asInt()) : OptionalInt.empty(),
        Optional.ofNullable(n.path("base").asText(null)),
        new ExportProfile.Scope(texts(n.path("scope").path("ecosystems")), texts(n.path("scope").path("packages")),
            Optional.ofNullable(n.path("scope").path("modifiedFrom").asText(null)), Optional.ofNullable(n.path("scope").path("modifiedTo")
                .asText(null))),
        texts(n.path("encryption").path("recipients")));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
