package org.stellaops.jobs;

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
 * A real PostgreSQL for tests: the server named by {@code STELLA_TEST_DB_URL} (a JDBC URL of a
 * database whose user may create databases), else one embedded server per test JVM. Each call
 * to {@link #fresh} creates a new, empty database on it.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres embedded;

  static {
    // Tests write BOM-Index sidecars into a temporary object store, never into ~/.stella.
    if (System.getProperty("stella.objects") == null) {
      try {
        java.nio.file.Path objects = java.nio.file.Files.createTempDirectory("stella-test-objects");
        System.setProperty("stella.objects", objects.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary object store for tests", e);
      }
    }
  }

  private TestDatabase() {}

  /** A JDBC URL of a new empty database (user and password included). */
  public static synchronized String fresh() {
    String admin = adminUrl();
    String name = "stella_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
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
        embedded = EmbeddedPostgres.builder().setOverrideWorkingDirectory(EmbeddedBinaries.directory().toFile()).start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
        } catch (IOException e) {
          // the JVM is exiting; the temporary data directory goes with it
        }
      }));
    }
    return embedded.getJdbcUrl("postgres", "postgres") + "&password=postgres";
  }
}
