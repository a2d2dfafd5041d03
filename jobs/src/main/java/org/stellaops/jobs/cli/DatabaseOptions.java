package org.stellaops.jobs.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.stellaops.jobs.runtime.DatabaseSettings;
import org.stellaops.jobs.runtime.ObjectStoreSettings;
import picocli.CommandLine.Option;

/** Options that choose the database; shared by every command that needs one. */
public final class DatabaseOptions {
  @Option(names = "--db-url", defaultValue = "${env:STELLA_DB_URL}",
      description = "JDBC URL of an external PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/stella "
          + "(env STELLA_DB_URL). Without it, an embedded PostgreSQL is started with its data under --home.")
  String url;

  @Option(names = "--db-user", defaultValue = "${env:STELLA_DB_USER}", description = "Database user (env STELLA_DB_USER).")
  String user;

  @Option(names = "--db-password", defaultValue = "${env:STELLA_DB_PASSWORD}", arity = "0..1", interactive = true,
      description = "Database password (env STELLA_DB_PASSWORD).")
  String password;

  @Option(names = "--home", defaultValue = "${env:STELLA_HOME:-${sys:user.home}/.stella}",
      description = "Where the embedded database keeps its data (env STELLA_HOME, default: ${DEFAULT-VALUE}).")
  Path home;

  @Option(names = "--objects", paramLabel = "DIR|s3://BUCKET/PREFIX", defaultValue = "${sys:stella.objects:-${env:STELLA_OBJECTS:-}}",
      description = "Object store for BOM-Index sidecars: a directory, or an S3 bucket (env STELLA_OBJECTS, default: HOME/objects).")
  String objects;

  @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:STELLA_S3_ENDPOINT}",
      description = "S3 endpoint for an s3:// object store, e.g. http://127.0.0.1:9000 (env STELLA_S3_ENDPOINT).")
  String s3Endpoint;

  @Option(names = "--s3-access-key", paramLabel = "KEY", defaultValue = "${env:STELLA_S3_ACCESS_KEY}",
      description = "S3 access key (env STELLA_S3_ACCESS_KEY).")
  String s3AccessKey;

  @Option(names = "--s3-secret-key", paramLabel = "SECRET", defaultValue = "${env:STELLA_S3_SECRET_KEY}",
      description = "S3 secret key (env STELLA_S3_SECRET_KEY).")
  String s3SecretKey;

  /**
   * Appends the options that choose the same database to {@code args} of a child process: the URL
   * and user, or the home of the embedded database. The password goes through the environment
   * ({@link #password()}), not the command line other users can read.
   */
  public void forward(java.util.List<String> args) {
    if (url != null && !url.isBlank()) {
      args.add("--db-url=" + url);
      if (user != null && !user.isBlank()) {
        args.add("--db-user=" + user);
      }
    } else {
      args.add("--home=" + home.toAbsolutePath());
    }
  }

  /** The database password given, if any. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The settings these options describe. */
  public DatabaseSettings settings() {
    Optional<String> jdbcUrl = Optional.ofNullable(url).filter(s -> !s.isBlank());
    return new DatabaseSettings(jdbcUrl, Optional.ofNullable(user).filter(s -> !s.isBlank()),
        Optional.ofNullable(password), home.resolve("pgdata"), new ObjectStoreSettings(
            objects == null || objects.isBlank() ? home.resolve("objects").toAbsolutePath().toString() : objects,
            Optional.ofNullable(s3Endpoint).filter(v -> !v.isBlank()), Optional.ofNullable(s3AccessKey),
            Optional.ofNullable(s3SecretKey)));
  }
}
