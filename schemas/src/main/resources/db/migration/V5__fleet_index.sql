-- Fleet index (docs/architecture.md, "Impact selection"): every image gets a stable ordinal; per
-- product key, and per product key and version, a RoaringBitmap of the ordinals of the images
-- whose current SBOM holds it. Updated incrementally as SBOMs are assigned to images;
-- `stella index rebuild` recomputes it from sbom.image and sbom.sbom_product to identical bytes.
CREATE TABLE sbom.image_ordinal (
  tenant_id    text    NOT NULL DEFAULT 'default',
  image_digest text    NOT NULL,
  ordinal      int     NOT NULL,
  PRIMARY KEY (tenant_id, image_digest),
  UNIQUE (tenant_id, ordinal)
);

-- The product keys (and compared versions) of each SBOM document, computed once when it is stored.
CREATE TABLE sbom.sbom_product (
  tenant_id   text NOT NULL DEFAULT 'default',
  sbom_sha256 text NOT NULL,
  product_key text NOT NULL,
  version     text NOT NULL,
  PRIMARY KEY (tenant_id, sbom_sha256, product_key, version)
);
CREATE INDEX sbom_product_key ON sbom.sbom_product (tenant_id, product_key);

CREATE TABLE sbom.fleet_index (
  tenant_id   text  NOT NULL DEFAULT 'default',
  product_key text  NOT NULL,
  images      bytea NOT NULL,
  image_count int   NOT NULL,
  PRIMARY KEY (tenant_id, product_key)
);

CREATE TABLE sbom.fleet_index_version (
  tenant_id   text  NOT NULL DEFAULT 'default',
  product_key text  NOT NULL,
  version     text  NOT NULL,
  images      bytea NOT NULL,
  image_count int   NOT NULL,
  PRIMARY KEY (tenant_id, product_key, version)
);

-- SBOM documents stored before this migration: their product keys are filled in by the
-- application on first use (FleetIndexStore.backfill), since computing them needs purl rules.
ALTER TABLE sbom.document ADD COLUMN products_indexed boolean NOT NULL DEFAULT false;
