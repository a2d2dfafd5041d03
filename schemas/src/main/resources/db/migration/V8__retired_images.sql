-- Images taken out of the fleet (`stella images retire`): no longer evaluated, reported or
-- selected; their verdicts and SBOM history stay. Ingesting an SBOM for the digest again brings
-- the image back.
CREATE TABLE sbom.image_retired (
  tenant_id    text        NOT NULL DEFAULT 'default',
  image_digest text        NOT NULL,
  sbom_sha256  text        NOT NULL,
  retired_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, image_digest, retired_at)
);
