package org.stellaops.connectors.export;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A stored export profile ({@code stella export profiles create --file profile.yaml}): what
 * {@code stella export run create --profile NAME} builds when its options do not say otherwise.
 *
 * @param name the profile's name (lower-case letters, digits, '.', '_', '-')
 * @param kind {@code json}, {@code mirror} or {@code trivy}
 * @param variant {@code raw} (json), {@code full} or {@code delta} (mirror), {@code db} (trivy)
 * @param description free text for the listing
 * @param include the content types the export holds ({@code advisories} today)
 * @param key the signing key file (PKCS#8 PEM), when the profile names one
 * @param output the bundle folder, where {@code {snapshot}} and {@code {name}} are replaced
 * @param shardRecords records per shard
 * @param base mirror:delta only: {@code latest} (the newest mirror bundle a run of this database wrote that still exists) or a folder
 * @param scope the scope selectors ({@code ecosystems}, {@code packages}: lists; {@code modifiedFrom}, {@code modifiedTo}: one text each)
 * @param recipients mirror only: age X25519 recipients the record files are encrypted to
 */
public record ExportProfile(String name, String kind, String variant, Optional<String> description, List<String> include,
    Optional<String> key, Optional<String> output, OptionalInt shardRecords, Optional<String> base, Scope scope,
    List<String> recipients) {
  /** Which advisories: as the CLI's --ecosystems, --packages, --modified-from, --modified-to. */
  public record Scope(List<String> ecosystems, List<String> packages, Optional<String> modifiedFrom, Optional<String> modifiedTo) {
    public static final Scope ALL = new Scope(List.of(), List.of(), Optional.empty(), Optional.empty());

    public Scope {
      ecosystems = List.copyOf(ecosystems);
      packages = List.copyOf(packages);
    }
  }

  public static final List<String> KINDS = List.of("json", "mirror", "trivy");
  public static final List<String> CONTENT_TYPES = List.of("advisories");

  public ExportProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(variant, "variant");
    include = List.copyOf(include);
    scope = scope == null ? Scope.ALL : scope;
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }

  /** The built-in profile this one specialises: {@code kind:variant}, e.g. {@code mirror:delta}. */
  public String builtIn() {
    return kind + ":" + variant;
  }

  /** The variants of a kind. */
  public static List<String> variants(String kind) {
    return switch (kind) {
      case "json" -> List.of("raw");
      case "mirror" -> List.of("full", "delta");
      case "trivy" -> List.of("db");
      default -> List.of();
    };
  }

  /** The bundle folder for snapshot {@code snapshot}, when the profile has an output template. */
  public Optional<String> outputFor(long snapshot) {
    return output.map(o -> o.replace("{snapshot}", Long.toString(snapshot)).replace("{name}", name));
  }
}
