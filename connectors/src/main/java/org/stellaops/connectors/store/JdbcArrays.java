package org.stellaops.connectors.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/** SQL arrays for {@code = ANY(?)} lookups: one round trip for a whole chunk's keys. */
public final class JdbcArrays {
  private JdbcArrays() {}

  /** A {@code text[]} of {@code values}. */
  public static Array text(Connection connection, Collection<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }
}
