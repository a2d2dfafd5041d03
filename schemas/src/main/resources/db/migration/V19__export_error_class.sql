-- Why a run failed, as a class metrics can count (docs/export-center/metrics.md): interrupted, io,
-- integrity, schema_mismatch, export_error. NULL for runs that did not fail (and for failed runs
-- recorded before this column existed).
ALTER TABLE export.export_runs ADD COLUMN error_class text;
UPDATE export.export_runs SET error_class = CASE WHEN error LIKE 'interrupted:%' THEN 'interrupted' ELSE 'export_error' END
  WHERE status = 'failed';

-- Bundles `stella mirror import` refused because they did not verify or disagreed with their
-- manifest: where from, and the problems, for the operator and for export_verify_fail_total.
CREATE TABLE mirror.import_refusal (
  refusal_id bigserial   PRIMARY KEY,
  source     text        NOT NULL,
  problems   jsonb       NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now()
);
