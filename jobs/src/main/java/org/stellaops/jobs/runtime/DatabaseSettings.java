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
    Path embeddedDataDirectory, ObjectStoreSettings objects) {
  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
    Objects.requireNonNull(user, "user is null");
    Objects.requireNonNull(password, "password is null");
    Objects.requireNonNull(embeddedDataDirectory, "embeddedDataDirectory is null");
    Objects.requireNonNull(objects, "objects is null");
    jdbcUrl.ifPresent(url -> {
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("database URL must start with jdbc:postgresql: (got " + url + ")");
      }
    });
  }

  /** An external database. */
  public static DatabaseSettings external(String jdbcUrl, String user, String password) {
    return new DatabaseSettings(Optional.of(jdbcUrl), Optional.ofNullable(user), Optional.ofNullable(password),
        Path.of("unused"), ObjectStoreSettings.fromEnvironment());
  }
}
