package org.stellaops.jobs.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.jobs.S3Proxy;

/** The same contract for the local directory and a real S3 server (S3Proxy). */
class ObjectStoreConformanceTest {
  @TempDir static Path dir;
  private static S3Proxy s3;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Proxy.start(dir);
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @Test
  void localDirectory() throws Exception {
    conforms(new LocalObjectStore(dir.resolve("local")));
  }

  @Test
  void s3ThroughMinio() throws Exception {
    conforms(S3ObjectStore.of("s3://stella-objects/fleet-a", s3.endpoint(), S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY));
    assertThatThrownBy(() -> S3ObjectStore.of("s3://stella-objects", s3.endpoint(), S3Proxy.ACCESS_KEY, "wrong-secret"))
        .hasMessageContaining("Cannot reach bucket stella-objects at " + s3.endpoint());
  }

  private static void conforms(ObjectStore store) throws Exception {
    String key = ObjectStore.bomIndexKey("sha256:" + "a".repeat(64));
    assertThat(store.get(key)).isEmpty();
    store.put(key, "first".getBytes(StandardCharsets.UTF_8));
    assertThat(store.get(key)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("first"));
    byte[] large = new byte[3 * 1024 * 1024];
    new java.util.Random(1).nextBytes(large);
    store.put(key, large);
    assertThat(store.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(large));
    assertThat(store.get("indexes/other/bom-index.bin")).isEmpty();
    assertThatThrownBy(() -> store.put("../escape", new byte[1])).hasMessage("not a valid object key: ../escape");
    assertThatThrownBy(() -> store.put("/absolute", new byte[1])).hasMessage("not a valid object key: /absolute");
  }
}
