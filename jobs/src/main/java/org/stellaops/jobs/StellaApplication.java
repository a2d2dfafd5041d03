package org.stellaops.jobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application holding the batch jobs; started by the {@code stella} CLI. */
@SpringBootApplication
public class StellaApplication {}
