package org.stellaops.jobs.objects;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the object store: a local directory, or S3 when the location is {@code s3://bucket/prefix}. */
@Configuration
public class ObjectStoreConfig {
  @Bean
  ObjectStore objectStore(@Value("${stella.object-store.location}") String location,
      @Value("${stella.object-store.s3-endpoint:}") String endpoint,
      @Value("${stella.object-store.s3-access-key:}") String accessKey,
      @Value("${stella.object-store.s3-secret-key:}") String secretKey) throws IOException {
    if (location.startsWith("s3://")) {
      if (endpoint.isBlank()) {
        throw new IllegalArgumentException("the object store " + location + " needs an S3 endpoint"
            + " (--s3-endpoint or STELLA_S3_ENDPOINT, e.g. http://127.0.0.1:9000)");
      }
      return S3ObjectStore.of(location, endpoint, accessKey, secretKey);
    }
    return new LocalObjectStore(Path.of(location));
  }
}
