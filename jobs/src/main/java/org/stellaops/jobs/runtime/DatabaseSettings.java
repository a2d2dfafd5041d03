package org.stellaops.jobs.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the system of record is: an external PostgreSQL when {@code jdbcUrl} is set, otherwise
 * an embedded PostgreSQL whose data lives under {@code embeddedDataDirectory}; and where the object
 * store (BOM-Index sidecars) keeps its files.
 */
public record DatabaseSettings(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password,
    Path embeddedDataDirectory, Path objectsDirectory) {
  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
    Objects.requireNonNull(user, "user is null");
    Objects.requireNonNull(password, "password is null");
    Objects.requireNonNull(embeddedDataDirectory, "embeddedDataDirectory is null");
    Objects.requireNonNull(objectsDirectory, "objectsDirectory is null");
    jdbcUrl.ifPresent(url -> {
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("database URL must start with jdbc:postgresql: (got " + url + ")");
      }
    });
  }

  /** An external database. */
  public static DatabaseSettings external(String jdbcUrl, String user, String password) {
    return new DatabaseSettings(Optional.of(jdbcUrl), Optional.ofNullable(user), Optional.ofNullable(password),
        Path.of("unused"), defaultObjectsDirectory());
  }

  /** {@code -Dstella.objects}, else {@code $STELLA_OBJECTS}, else {@code ~/.stella/objects}. */
  public static Path defaultObjectsDirectory() {
    String property = System.getProperty("stella.objects");
    String env = System.getenv("STELLA_OBJECTS");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".stella", "objects");
  }
}
