-- The digest of the advisory entries a verdict was evaluated against (InputManifest.advisoriesDigest).
-- A re-evaluation skips an image whose newest verdict has the same SBOM, advisories digest,
-- engine and policy: its verdict is provably unchanged. Verdicts from before have none.
ALTER TABLE policy.verdict ADD COLUMN advisories_digest text;

-- SBOM assignments of an ingest run not yet applied to the fleet index: the run applies them
-- in one pass when its documents are through (like an advisory run seals its snapshot).
CREATE TABLE sbom.fleet_pending (
  seq             bigserial PRIMARY KEY,
  tenant_id       text   NOT NULL DEFAULT 'default',
  job_instance_id bigint NOT NULL,
  image_digest    text   NOT NULL,
  old_sbom_sha256 text,
  new_sbom_sha256 text   NOT NULL
);
CREATE INDEX fleet_pending_run ON sbom.fleet_pending (tenant_id, job_instance_id, seq);
