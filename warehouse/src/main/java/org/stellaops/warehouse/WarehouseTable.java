package org.stellaops.warehouse;

import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * A warehouse table: its name (the Parquet folder and the SQL view), its schema version and its
 * columns. Values of a row are given in column order; {@code null} is allowed where a column is
 * optional. Documented column by column in {@code docs/warehouse.md}.
 *
 * <p>A table is a picture of the state on the snapshot date (each snapshot holds all its rows), or
 * {@code appendOnly}: a log whose rows never change once recorded, where each snapshot writes only
 * the rows recorded since the previous snapshot and lists the earlier partitions' files with them.
 */
public record WarehouseTable(String name, int version, boolean appendOnly, List<Column> columns) {
  public WarehouseTable {
    columns = List.copyOf(columns);
  }

  /** Column types: text, whole number, decimal number, true/false, a time (UTC, microseconds), a calendar date. */
  public enum Kind {
    TEXT, LONG, DOUBLE, BOOLEAN, TIMESTAMP, DATE
  }

  /** One column: name, kind, and whether it may be null. */
  public record Column(String name, Kind kind, boolean optional) {
    static Column required(String name, Kind kind) {
      return new Column(name, kind, false);
    }

    static Column optional(String name, Kind kind) {
      return new Column(name, kind, true);
    }
  }

  /** The Parquet schema: strings as UTF-8 binaries, times as microsecond UTC timestamps. */
  public MessageType parquetSchema() {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Column c : columns) {
      Repetition repetition = c.optional() ? Repetition.OPTIONAL : Repetition.REQUIRED;
      switch (c.kind()) {
        case TEXT -> message.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(c.name());
        case LONG -> message.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
        case DOUBLE -> message.primitive(PrimitiveTypeName.DOUBLE, repetition).named(c.name());
        case BOOLEAN -> message.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
        case TIMESTAMP -> message.primitive(PrimitiveTypeName.INT64, repetition)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
        case DATE -> message.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(c.name());
        default -> throw new IllegalStateException(c.kind().name());
      }
    }
    return message.named("stella_" + name);
  }

  static final WarehouseTable ADVISORIES = new WarehouseTable("advisories", 1, false, List.of(
      Column.required("advisory_id", Kind.TEXT), Column.required("severity", Kind.TEXT), Column.optional("cvss_score", Kind.DOUBLE),
      Column.required("summary", Kind.TEXT), Column.optional("published", Kind.TEXT), Column.optional("modified", Kind.TEXT),
      Column.required("withdrawn", Kind.BOOLEAN), Column.required("aliases", Kind.TEXT), Column.required("advisory_snapshot", Kind.LONG)));

  static final WarehouseTable AFFECTED_PACKAGES = new WarehouseTable("affected_packages", 1, false, List.of(
      Column.required("advisory_id", Kind.TEXT), Column.required("ecosystem", Kind.TEXT), Column.required("package_name", Kind.TEXT),
      Column.required("product_key", Kind.TEXT), Column.required("advisory_snapshot", Kind.LONG)));

  static final WarehouseTable KEV = new WarehouseTable("kev", 1, false, List.of(
      Column.required("cve_id", Kind.TEXT), Column.optional("vendor_project", Kind.TEXT), Column.optional("product", Kind.TEXT),
      Column.optional("vulnerability_name", Kind.TEXT), Column.required("date_added", Kind.DATE), Column.optional("due_date", Kind.DATE),
      Column.optional("known_ransomware", Kind.TEXT), Column.required("catalog_version", Kind.TEXT)));

  static final WarehouseTable EPSS = new WarehouseTable("epss", 1, false, List.of(
      Column.required("cve_id", Kind.TEXT), Column.required("epss", Kind.DOUBLE), Column.required("percentile", Kind.DOUBLE),
      Column.optional("model_version", Kind.TEXT), Column.optional("score_date", Kind.DATE)));

  static final WarehouseTable IMAGES = new WarehouseTable("images", 1, false, List.of(
      Column.required("image_digest", Kind.TEXT), Column.optional("repository", Kind.TEXT), Column.required("sbom_digest", Kind.TEXT),
      Column.required("components", Kind.LONG)));

  static final WarehouseTable COMPONENTS = new WarehouseTable("components", 1, false, List.of(
      Column.required("image_digest", Kind.TEXT), Column.required("ordinal", Kind.LONG), Column.optional("purl", Kind.TEXT),
      Column.required("name", Kind.TEXT), Column.optional("version", Kind.TEXT), Column.required("type", Kind.TEXT),
      Column.optional("ecosystem", Kind.TEXT), Column.optional("product_key", Kind.TEXT), Column.optional("layer", Kind.TEXT),
      Column.optional("source_package", Kind.TEXT), Column.required("licenses", Kind.TEXT), Column.optional("scope", Kind.TEXT),
      Column.optional("used_by_entrypoint", Kind.BOOLEAN)));

  static final WarehouseTable VERDICTS = new WarehouseTable("verdicts", 1, false, List.of(
      Column.required("image_digest", Kind.TEXT), Column.required("verdict", Kind.TEXT), Column.required("rule", Kind.TEXT),
      Column.required("verdict_digest", Kind.TEXT), Column.required("advisory_snapshot", Kind.LONG),
      Column.required("sbom_digest", Kind.TEXT), Column.required("policy_digest", Kind.TEXT), Column.required("engine_version", Kind.TEXT),
      Column.required("evaluated_at", Kind.TIMESTAMP)));

  static final WarehouseTable FINDINGS = new WarehouseTable("findings", 1, false, List.of(
      Column.required("image_digest", Kind.TEXT), Column.required("verdict_digest", Kind.TEXT), Column.required("advisory_id", Kind.TEXT),
      Column.required("purl", Kind.TEXT), Column.required("ecosystem", Kind.TEXT), Column.required("package_name", Kind.TEXT),
      Column.required("version", Kind.TEXT), Column.required("status", Kind.TEXT), Column.required("severity", Kind.TEXT),
      Column.optional("cvss_score", Kind.DOUBLE), Column.optional("fixed_version", Kind.TEXT)));

  static final WarehouseTable IMAGE_HISTORY = new WarehouseTable("image_history", 1, true, List.of(
      Column.required("seq", Kind.LONG), Column.required("image_digest", Kind.TEXT), Column.required("sbom_digest", Kind.TEXT),
      Column.required("job_instance_id", Kind.LONG)));

  static final WarehouseTable EXPORT_DELTAS = new WarehouseTable("export_deltas", 1, true, List.of(
      Column.required("advisory_snapshot", Kind.LONG), Column.required("product_key", Kind.TEXT), Column.required("advisory_id", Kind.TEXT),
      Column.required("change", Kind.TEXT)));

  static final WarehouseTable EXPORT_RUNS = new WarehouseTable("export_runs", 1, false, List.of(
      Column.required("run_id", Kind.LONG), Column.required("profile", Kind.TEXT), Column.required("status", Kind.TEXT),
      Column.optional("advisory_snapshot", Kind.LONG), Column.required("started_at", Kind.TIMESTAMP),
      Column.optional("finished_at", Kind.TIMESTAMP), Column.optional("error_class", Kind.TEXT), Column.optional("export_id", Kind.TEXT)));

  /** The tables of a snapshot, in the order they are written. */
  public static final List<WarehouseTable> ALL = List.of(ADVISORIES, AFFECTED_PACKAGES, KEV, EPSS, IMAGES, COMPONENTS, VERDICTS, FINDINGS, IMAGE_HISTORY,
      EXPORT_DELTAS, EXPORT_RUNS);

  public static WarehouseTable named(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no warehouse table " + name + "; the tables are "
            + ALL.stream().map(WarehouseTable::name).toList()));
  }
}
