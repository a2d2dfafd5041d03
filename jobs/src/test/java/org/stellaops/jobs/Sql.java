package org.stellaops.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small SQL helpers for assertions. */
public final class Sql {
  /** Every image's current verdict digest (newest snapshot, then newest verdict), as one text: {@code image=digest,...}. */
  public static final String CURRENT_VERDICTS = "SELECT string_agg(image_digest || '=' || verdict_digest, ','"
      + " ORDER BY image_digest) FROM (SELECT DISTINCT ON (image_digest) image_digest, verdict_digest FROM policy.verdict"
      + " ORDER BY image_digest, advisory_snapshot_id DESC, verdict_id DESC) v";

  private Sql() {}

  /** The first column of the first row, as text. */
  public static String scalar(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A count query. */
  public static long count(String url, String sql) {
    String value = scalar(url, sql);
    return value == null ? 0 : Long.parseLong(value);
  }
}
