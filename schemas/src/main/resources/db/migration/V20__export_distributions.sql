-- Where each export run's bundle was sent (`stella export distribute`): a folder, an S3 bucket,
-- an OCI registry. One row per attempt, with what it wrote (digests, object keys) or why it failed.
CREATE TABLE export.export_distributions (
  distribution_id bigserial   PRIMARY KEY,
  run_id          bigint      NOT NULL REFERENCES export.export_runs (run_id),
  type            text        NOT NULL CHECK (type IN ('dir', 'objstore', 'oci')),
  target          text        NOT NULL,
  state           text        NOT NULL CHECK (state IN ('succeeded', 'failed')),
  meta            jsonb       NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX export_distributions_run ON export.export_distributions (run_id);
