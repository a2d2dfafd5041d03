package org.stellaops.jobs.runtime;

import org.stellaops.connectors.database.EmbeddedDatabase;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.stellaops.jobs.StellaApplication;

/**
 * A running application: the database (embedded or external, migrated to the current schema)
 * and the Spring context with the batch jobs. Closing it stops both.
 */
public final class StellaContext implements AutoCloseable {
  private final ConfigurableApplicationContext spring;
  private final EmbeddedDatabase embedded;
  private final String jdbcUrl;

  private StellaContext(ConfigurableApplicationContext spring, EmbeddedDatabase embedded, String jdbcUrl) {
    this.spring = spring;
    this.embedded = embedded;
    this.jdbcUrl = jdbcUrl;
  }

  /** Starts the database if embedded, migrates it, and starts the application. */
  public static StellaContext open(DatabaseSettings settings) throws IOException {
    Objects.requireNonNull(settings, "settings is null");
    EmbeddedDatabase embedded = null;
    String url;
    String user;
    String password;
    if (settings.jdbcUrl().isPresent()) {
      url = settings.jdbcUrl().get();
      user = settings.user().orElse(null);
      password = settings.password().orElse(null);
    } else {
      embedded = EmbeddedDatabase.start(settings.embeddedDataDirectory());
      url = embedded.jdbcUrl();
      user = "postgres";
      password = "postgres";
    }
    try {
      ConfigurableApplicationContext spring = new SpringApplicationBuilder(StellaApplication.class)
          .web(WebApplicationType.NONE)
          .bannerMode(Banner.Mode.OFF)
          .logStartupInfo(false)
          .properties(properties(url, user, password, settings.objects()))
          .run();
      return new StellaContext(spring, embedded, url);
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  private static Map<String, Object> properties(String url, String user, String password, ObjectStoreSettings objects) {
    Map<String, Object> p = new HashMap<>();
    p.put("stella.object-store.location", objects.location());
    objects.s3Endpoint().ifPresent(v -> p.put("stella.object-store.s3-endpoint", v));
    objects.s3AccessKey().ifPresent(v -> p.put("stella.object-store.s3-access-key", v));
    objects.s3SecretKey().ifPresent(v -> p.put("stella.object-store.s3-secret-key", v));
    p.put("spring.datasource.url", url);
    if (user != null) {
      p.put("spring.datasource.username", user);
    }
    if (password != null) {
      p.put("spring.datasource.password", password);
    }
    // Partition threads each hold one connection for their chunk and a worker one more for its partition lock.
    p.put("spring.datasource.hikari.maximum-pool-size", "16");
    // Spring Integration is on the class path only for its JDBC-backed queue channel (remote partitioning).
    p.put("spring.autoconfigure.exclude", "org.springframework.boot.autoconfigure.integration.IntegrationAutoConfiguration");
    p.put("spring.batch.job.enabled", "false");
    p.put("spring.batch.jdbc.initialize-schema", "never");
    p.put("spring.batch.jdbc.table-prefix", "batch.BATCH_");
    p.put("spring.flyway.locations", "classpath:db/migration");
    p.put("spring.main.allow-bean-definition-overriding", "false");
    return p;
  }

  /** A bean of the application. */
  public <T> T bean(Class<T> type) {
    return spring.getBean(type);
  }

  /** The application's bean factory (for Spring Batch's step locator in workers). */
  public org.springframework.beans.factory.BeanFactory beanFactory() {
    return spring.getBeanFactory();
  }

  /** A bean of the application by name. */
  public <T> T bean(String name, Class<T> type) {
    return spring.getBean(name, type);
  }

  /** The JDBC URL in use (for messages; carries no password). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  @Override
  public void close() throws IOException {
    try {
      spring.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
