package org.stellaops.jobs.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.stellaops.schemas.Checks;

/**
 * Where the object store is: a local directory, or {@code s3://bucket/prefix} with an S3 endpoint
 * and credentials.
 */
public record ObjectStoreSettings(String location, Optional<String> s3Endpoint, Optional<String> s3AccessKey,
    Optional<String> s3SecretKey) {
  public ObjectStoreSettings {
    Checks.requireText(location, "location");
    Objects.requireNonNull(s3Endpoint, "s3Endpoint is null");
    Objects.requireNonNull(s3AccessKey, "s3AccessKey is null");
    Objects.requireNonNull(s3SecretKey, "s3SecretKey is null");
  }

  /** A local directory. */
  public static ObjectStoreSettings directory(Path directory) {
    return new ObjectStoreSettings(directory.toAbsolutePath().toString(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** {@code -Dstella.objects}, else {@code $STELLA_OBJECTS}, else {@code ~/.stella/objects}; S3 settings from the environment. */
  public static ObjectStoreSettings fromEnvironment() {
    String property = System.getProperty("stella.objects");
    String env = System.getenv("STELLA_OBJECTS");
    String location = property != null && !property.isBlank() ? property
        : env != null && !env.isBlank() ? env : Path.of(System.getProperty("user.home"), ".stella", "objects").toString();
    return new ObjectStoreSettings(location, Optional.ofNullable(System.getenv("STELLA_S3_ENDPOINT")),
        Optional.ofNullable(System.getenv("STELLA_S3_ACCESS_KEY")), Optional.ofNullable(System.getenv("STELLA_S3_SECRET_KEY")));
  }
}
