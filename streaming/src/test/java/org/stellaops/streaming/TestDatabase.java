package org.stellaops.streaming;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.stellaops.connectors.database.EmbeddedBinaries;

/**
 * A real PostgreSQL for the stream's tests: one embedded server per test JVM (or the server of
 * STELLA_TEST_DB_URL), a fresh database per call. The stella CLI migrates it on first use.
 */
final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres embedded;

  private TestDatabase() {}

  /** The JDBC URL (user and password included) of a new, empty database. */
  static synchronized String fresh() {
    String admin = adminUrl();
    String name = "stream_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + admin, e);
    }
    return admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  private static String adminUrl() {
    String external = System.getenv("STELLA_TEST_DB_URL");
    if (external != null && !external.isBlank()) {
      return external;
    }
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().setOverrideWorkingDirectory(EmbeddedBinaries.directory().toFile())
            .setServerConfig("max_connections", "200").start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
        } catch (IOException e) {
          // the JVM is exiting
        }
      }));
    }
    return embedded.getJdbcUrl("postgres", "postgres") + "&password=postgres";
  }
}
