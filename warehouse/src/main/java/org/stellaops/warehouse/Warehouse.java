package org.stellaops.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reading a warehouse: its published snapshots (those with a manifest), and analyst SQL through
 * embedded DuckDB, with one view per table named after it over exactly the files the snapshot's
 * manifest lists (Hive partition columns {@code snapshot_date} and {@code tenant} included).
 */
public final class Warehouse {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Warehouse() {}

  /** The published snapshot dates, oldest first. */
  public static List<LocalDate> snapshots(Path root) throws IOException {
    Path dir = root.resolve(WarehouseSnapshotWriter.MANIFESTS);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("snapshot_date=") && n.endsWith(".json"))
          .map(n -> LocalDate.parse(n.substring("snapshot_date=".length(), n.length() - ".json".length()))).sorted().toList();
    }
  }

  /**
   * An in-memory DuckDB connection with a view per table over snapshot {@code date} (the newest
   * when empty); not found when the warehouse has no such snapshot.
   */
  public static Connection open(Path root, Optional<LocalDate> date) throws IOException, SQLException {
    List<LocalDate> dates = snapshots(root);
    if (dates.isEmpty()) {
      throw new java.nio.file.NoSuchFileException(root + ": no warehouse snapshot (stella warehouse snapshot)");
    }
    LocalDate chosen = date.orElse(dates.get(dates.size() - 1));
    if (!dates.contains(chosen)) {
      throw new java.nio.file.NoSuchFileException(root + ": no warehouse snapshot of " + chosen + "; there are " + dates);
    }
    return views(root, List.of(WarehouseManifest.read(root, chosen)));
  }

  /**
   * An in-memory DuckDB connection whose views span every published snapshot, for questions over
   * time: a state table holds each snapshot's rows (tell them apart by {@code snapshot_date}); an
   * append-only table holds its log once, as of the newest snapshot.
   */
  public static Connection openAll(Path root) throws IOException, SQLException {
    List<LocalDate> dates = snapshots(root);
    if (dates.isEmpty()) {
      throw new java.nio.file.NoSuchFileException(root + ": no warehouse snapshot (stella warehouse snapshot)");
    }
    List<WarehouseManifest> manifests = new ArrayList<>();
    for (LocalDate d : dates) {
      manifests.add(WarehouseManifest.read(root, d));
    }
    return views(root, manifests);
  }

  private static Connection views(Path root, List<WarehouseManifest> manifests) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = connection.createStatement()) {
      for (WarehouseTable table : WarehouseTable.ALL) {
        java.util.LinkedHashSet<String> files = new java.util.LinkedHashSet<>();
        List<WarehouseManifest> sources = table.appendOnly() ? manifests.subList(manifests.size() - 1, manifests.size()) : manifests;
        for (WarehouseManifest manifest : sources) {
          WarehouseManifest.TableFiles listed = manifest.tables().get(table.name());
          if (listed != null) {
            listed.files().forEach(f -> files.add(root.resolve(f.path()).toAbsolutePath().toString()));
          }
        }
        s.execute("CREATE VIEW " + table.name() + " AS " + (files.isEmpty() ? empty(table)
            : "SELECT * FROM read_parquet([" + String.join(", ", files.stream().map(Warehouse::quote).toList())
                + "], hive_partitioning = true)"));
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static String empty(WarehouseTable table) {
    StringBuilder select = new StringBuilder("SELECT ");
    for (WarehouseTable.Column c : table.columns()) {
      String type = switch (c.kind()) {
        case TEXT -> "VARCHAR";
        case LONG -> "BIGINT";
        case DOUBLE -> "DOUBLE";
        case BOOLEAN -> "BOOLEAN";
        case TIMESTAMP -> "TIMESTAMPTZ";
        case DATE -> "DATE";
      };
      select.append("CAST(NULL AS ").append(type).append(") AS ").append(c.name()).append(", ");
    }
    return select.append("CAST(NULL AS DATE) AS snapshot_date, CAST(NULL AS VARCHAR) AS tenant WHERE false").toString();
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** A query's columns and rows. */
  public record Result(List<String> columns, List<List<Object>> rows) {}

  public static Result query(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData meta = r.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          row.add(r.getObject(i));
        }
        rows.add(row);
      }
      return new Result(columns, rows);
    }
  }

  /** Prints {@code result} as {@code table} (aligned), {@code csv} (RFC 4180) or {@code json} (an array of objects). */
  public static void print(Result result, String format, PrintWriter out) throws IOException {
    switch (format) {
      case "csv" -> {
        out.println(String.join(",", result.columns().stream().map(Warehouse::csv).toList()));
        for (List<Object> row : result.rows()) {
          out.println(String.join(",", row.stream().map(v -> v == null ? "" : csv(v.toString())).toList()));
        }
      }
      case "json" -> {
        ArrayNode array = JSON.createArrayNode();
        for (List<Object> row : result.rows()) {
          ObjectNode o = array.addObject();
          for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            String name = result.columns().get(i);
            if (v == null) {
              o.putNull(name);
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
              o.put(name, ((Number) v).longValue());
            } else if (v instanceof Number n) {
              o.put(name, n.doubleValue());
            } else if (v instanceof Boolean b) {
              o.put(name, b);
            } else {
              o.put(name, v.toString());
            }
          }
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
      }
      default -> {
        int[] widths = new int[result.columns().size()];
        for (int i = 0; i < widths.length; i++) {
          widths[i] = result.columns().get(i).length();
        }
        for (List<Object> row : result.rows()) {
          for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(widths[i], String.valueOf(row.get(i)).length());
          }
        }
        printRow(out, result.columns(), widths);
        for (List<Object> row : result.rows()) {
          printRow(out, row.stream().map(String::valueOf).toList(), widths);
        }
        out.printf(Locale.ROOT, "(%d row%s)%n", result.rows().size(), result.rows().size() == 1 ? "" : "s");
      }
    }
    out.flush();
  }

  private static void printRow(PrintWriter out, List<String> values, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", values.get(i)));
    }
    out.println(line.toString().stripTrailing());
  }

  private static String csv(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
