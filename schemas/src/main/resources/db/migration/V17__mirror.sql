-- The far side of the air gap (docs/export-center/mirror-bundles.md): what `stella mirror import`
-- loaded from mirror bundles, for read-only lookups. Nothing else in the system writes here.
CREATE SCHEMA IF NOT EXISTS mirror;

-- One row per bundle applied, in order: a full bundle starts the chain, each delta names the
-- export id (digest of export.json) of the bundle it applies onto. The newest row is the state.
CREATE TABLE mirror.bundle (
  seq            bigserial   PRIMARY KEY,
  export_id      text        NOT NULL,
  profile        text        NOT NULL,
  snapshot       bigint      NOT NULL,
  created_at     text        NOT NULL,
  base_export_id text,
  key_id         text        NOT NULL,
  records        bigint      NOT NULL,
  state_sha256   text        NOT NULL,
  added          bigint      NOT NULL,
  changed        bigint      NOT NULL,
  removed        bigint      NOT NULL,
  source         text        NOT NULL,
  imported_at    timestamptz NOT NULL DEFAULT now()
);

-- Every advisory of the state: its canonical JSON and that text's SHA-256 (as the bundle's records index lists it).
CREATE TABLE mirror.advisory (
  advisory_id    text    PRIMARY KEY,
  content_sha256 text    NOT NULL,
  withdrawn      boolean NOT NULL,
  document       text    NOT NULL
);

-- Package (ecosystem/normalised-name, the product key) → advisories that name it.
CREATE TABLE mirror.package_advisory (
  product_key text NOT NULL,
  advisory_id text NOT NULL,
  PRIMARY KEY (product_key, advisory_id)
);
CREATE INDEX package_advisory_advisory ON mirror.package_advisory (advisory_id);
