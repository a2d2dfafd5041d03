package org.stellaops.jobs.report;

/** The output formats of {@code stella report}. */
public enum ReportFormat {
  table,
  json,
  sarif
}
