package org.stellaops.connectors.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk loading with PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)} on the connection of the
 * current transaction, so a copy commits or rolls back with the rest of the chunk.
 */
final class CsvCopy {
  private final StringBuilder rows = new StringBuilder();
  private int rowCount;

  /** Appends a row; {@code null} is SQL NULL, everything else is quoted text. */
  CsvCopy row(Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        rows.append(',');
      }
      if (values[i] != null) {
        quote(String.valueOf(values[i]));
      }
    }
    rows.append('\n');
    rowCount++;
    return this;
  }

  int rowCount() {
    return rowCount;
  }

  /** Runs {@code COPY table (columns) FROM STDIN} with the rows appended so far. */
  long copyInto(DataSource dataSource, String tableAndColumns) throws SQLException, IOException {
    if (rowCount == 0) {
      return 0;
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      return connection.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT csv)", new StringReader(rows.toString()));
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /** A PostgreSQL array literal of text values. */
  static String textArray(Collection<String> values) {
    StringBuilder literal = new StringBuilder("{");
    for (String value : values) {
      if (literal.length() > 1) {
        literal.append(',');
      }
      literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return literal.append('}').toString();
  }

  private void quote(String value) {
    rows.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
