package org.stellaops.jobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application holding the batch jobs; started by the {@code stella} CLI. The
 * PostgreSQL stores live in {@code connectors} (shared with the Flink job) and are scanned too.
 */
@SpringBootApplication(scanBasePackages = {"org.stellaops.jobs", "org.stellaops.connectors.store", "org.stellaops.connectors.notify",
    "org.stellaops.connectors.export"})
public class StellaApplication {}
