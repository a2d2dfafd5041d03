package org.stellaops.schemas.sbom;

/** The SBOM document formats we read. */
public enum SbomFormat {
  CYCLONEDX_JSON,
  CYCLONEDX_XML,
  SPDX_JSON
}
