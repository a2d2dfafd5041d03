package org.stellaops.streaming;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** One-off queries of a test database. */
final class Sql {
  private Sql() {}

  static long count(String url, String sql, Object... args) {
    return query(url, jdbc -> jdbc.queryForObject(sql, Long.class, args));
  }

  static List<String> strings(String url, String sql, Object... args) {
    return query(url, jdbc -> jdbc.queryForList(sql, String.class, args));
  }

  static <T> T query(String url, java.util.function.Function<JdbcTemplate, T> work) {
    SingleConnectionDataSource ds = new SingleConnectionDataSource(url, true);
    try {
      return work.apply(new JdbcTemplate(ds));
    } finally {
      ds.destroy();
    }
  }
}
