-- Export runs (docs/exports/trivy-db.md; the Export Center builds on this table).
CREATE SCHEMA IF NOT EXISTS export;

-- One row per export started: its profile (e.g. trivy:db), the advisory snapshot it read, its
-- parameters, and once finished its summary (counts per bucket, what was left out and why) and
-- outputs (file sizes and digests). A run that never finished stays 'running' with no finished_at.
CREATE TABLE export.export_runs (
  run_id      bigserial   PRIMARY KEY,
  tenant_id   text        NOT NULL DEFAULT 'default',
  profile     text        NOT NULL,
  status      text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  snapshot    bigint,
  parameters  jsonb       NOT NULL,
  summary     jsonb,
  outputs     jsonb,
  error       text,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX export_runs_profile ON export.export_runs (tenant_id, profile, run_id DESC);
