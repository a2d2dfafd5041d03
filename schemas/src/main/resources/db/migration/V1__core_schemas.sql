-- Stella Ops data plane: core tables. One schema per area; every tenant-scoped table has
-- tenant_id. Raw documents are stored as received and never updated; normalised records
-- point back at them. History tables are append-only.

CREATE SCHEMA IF NOT EXISTS vuln;
CREATE SCHEMA IF NOT EXISTS sbom;
CREATE SCHEMA IF NOT EXISTS policy;
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SCHEMA IF NOT EXISTS batch;

-- Advisory documents exactly as received, addressed by the SHA-256 of their bytes.
CREATE TABLE vuln.raw_document (
  tenant_id     text        NOT NULL DEFAULT 'default',
  sha256        text        NOT NULL,
  source        text        NOT NULL,
  path          text        NOT NULL,
  media_type    text        NOT NULL,
  size_bytes    bigint      NOT NULL,
  content       bytea       NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);

-- A snapshot groups the advisory changes of one ingest run; ids only grow. A snapshot is
-- sealed when its run completes; evaluations read advisories as of the newest sealed one.
CREATE TABLE vuln.snapshot (
  snapshot_id     bigserial   PRIMARY KEY,
  tenant_id       text        NOT NULL DEFAULT 'default',
  job_instance_id bigint      NOT NULL UNIQUE,
  sealed          boolean     NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Every normalised revision of every advisory, pointing at its raw document.
CREATE TABLE vuln.advisory_revision (
  tenant_id      text   NOT NULL DEFAULT 'default',
  advisory_id    text   NOT NULL,
  revision       int    NOT NULL,
  snapshot_id    bigint NOT NULL REFERENCES vuln.snapshot (snapshot_id),
  raw_sha256     text   NOT NULL,
  content_sha256 text   NOT NULL,
  withdrawn      boolean NOT NULL,
  modified       text,
  document       jsonb  NOT NULL,
  PRIMARY KEY (tenant_id, advisory_id, revision),
  FOREIGN KEY (tenant_id, raw_sha256) REFERENCES vuln.raw_document (tenant_id, sha256)
);
CREATE INDEX advisory_revision_snapshot ON vuln.advisory_revision (tenant_id, snapshot_id);

-- The affected packages of each revision, for selection and analyst SQL.
CREATE TABLE vuln.affected_package (
  tenant_id    text NOT NULL DEFAULT 'default',
  advisory_id  text NOT NULL,
  revision     int  NOT NULL,
  ordinal      int  NOT NULL,
  ecosystem    text NOT NULL,
  package_name text NOT NULL,
  product_key  text NOT NULL,
  PRIMARY KEY (tenant_id, advisory_id, revision, ordinal),
  FOREIGN KEY (tenant_id, advisory_id, revision) REFERENCES vuln.advisory_revision (tenant_id, advisory_id, revision)
);
CREATE INDEX affected_package_product ON vuln.affected_package (tenant_id, product_key);

-- Which product keys an advisory change touched, per snapshot: the input of impact selection.
CREATE TABLE vuln.export_delta (
  tenant_id   text   NOT NULL DEFAULT 'default',
  snapshot_id bigint NOT NULL REFERENCES vuln.snapshot (snapshot_id),
  product_key text   NOT NULL,
  advisory_id text   NOT NULL,
  change      text   NOT NULL CHECK (change IN ('added', 'changed', 'withdrawn', 'removed')),
  PRIMARY KEY (tenant_id, snapshot_id, product_key, advisory_id)
);

-- SBOM documents exactly as received.
CREATE TABLE sbom.document (
  tenant_id             text        NOT NULL DEFAULT 'default',
  sha256                text        NOT NULL,
  format                text        NOT NULL,
  spec_version          text        NOT NULL,
  path                  text        NOT NULL,
  size_bytes            bigint      NOT NULL,
  content               bytea       NOT NULL,
  name                  text,
  declared_image_digest text,
  component_count       int         NOT NULL,
  received_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);

CREATE TABLE sbom.component (
  tenant_id   text NOT NULL DEFAULT 'default',
  sbom_sha256 text NOT NULL,
  ordinal     int  NOT NULL,
  purl        text,
  name        text NOT NULL,
  version     text,
  type        text NOT NULL,
  licenses    text[] NOT NULL,
  hashes      jsonb NOT NULL,
  scope       text,
  layer       text,
  PRIMARY KEY (tenant_id, sbom_sha256, ordinal),
  FOREIGN KEY (tenant_id, sbom_sha256) REFERENCES sbom.document (tenant_id, sha256)
);
CREATE INDEX component_purl ON sbom.component (tenant_id, purl);

-- The current SBOM of each image, and the append-only history of assignments.
CREATE TABLE sbom.image (
  tenant_id    text NOT NULL DEFAULT 'default',
  image_digest text NOT NULL,
  sbom_sha256  text NOT NULL,
  PRIMARY KEY (tenant_id, image_digest),
  FOREIGN KEY (tenant_id, sbom_sha256) REFERENCES sbom.document (tenant_id, sha256)
);

CREATE TABLE sbom.image_history (
  seq             bigserial PRIMARY KEY,
  tenant_id       text   NOT NULL DEFAULT 'default',
  image_digest    text   NOT NULL,
  sbom_sha256     text   NOT NULL,
  job_instance_id bigint NOT NULL,
  UNIQUE (tenant_id, image_digest, sbom_sha256, job_instance_id)
);

-- Verdicts: append-only; one per distinct input manifest.
CREATE TABLE policy.verdict (
  verdict_id           bigserial PRIMARY KEY,
  tenant_id            text   NOT NULL DEFAULT 'default',
  image_digest         text   NOT NULL,
  sbom_digest          text   NOT NULL,
  advisory_snapshot_id bigint NOT NULL,
  engine_version       text   NOT NULL,
  policy_digest        text   NOT NULL,
  decision             text   NOT NULL CHECK (decision IN ('PASS', 'FAIL')),
  verdict_digest       text   NOT NULL,
  document             text   NOT NULL,
  job_instance_id      bigint NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, image_digest, sbom_digest, advisory_snapshot_id, engine_version, policy_digest)
);
CREATE INDEX verdict_image ON policy.verdict (tenant_id, image_digest, verdict_id DESC);

CREATE TABLE policy.finding (
  tenant_id     text   NOT NULL DEFAULT 'default',
  verdict_id    bigint NOT NULL REFERENCES policy.verdict (verdict_id),
  ordinal       int    NOT NULL,
  advisory_id   text   NOT NULL,
  purl          text   NOT NULL,
  ecosystem     text   NOT NULL,
  package_name  text   NOT NULL,
  version       text   NOT NULL,
  status        text   NOT NULL,
  severity      text   NOT NULL,
  score         double precision,
  matched       text   NOT NULL,
  fixed_version text,
  reason        text   NOT NULL,
  PRIMARY KEY (verdict_id, ordinal)
);

-- Documents that could not be ingested, with where and why; one row per document per run.
CREATE TABLE audit.ingest_error (
  error_id        bigserial PRIMARY KEY,
  tenant_id       text        NOT NULL DEFAULT 'default',
  job_name        text        NOT NULL,
  job_instance_id bigint      NOT NULL,
  source          text        NOT NULL,
  location        text        NOT NULL,
  reason          text        NOT NULL,
  sha256          text,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, job_instance_id, source)
);
