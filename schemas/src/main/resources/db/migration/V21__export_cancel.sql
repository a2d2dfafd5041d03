-- `stella export run cancel ID`: the time a cancel was asked for a running run. The exporting
-- process checks it as it goes, stops, removes what it staged, and records the run as failed
-- with error_class 'cancelled'.
ALTER TABLE export.export_runs ADD COLUMN cancel_requested_at timestamptz;

-- What each export run read (the seed's export_inputs): the advisory snapshot, and for a delta
-- the bundle it applies onto, with the digest that identifies each (a mirror bundle's state
-- digest, a base bundle's export id). `stella export run get ID` lists them.
CREATE TABLE export.export_inputs (
  run_id      bigint NOT NULL REFERENCES export.export_runs (run_id),
  artifact_id text   NOT NULL,
  hash        text,
  PRIMARY KEY (run_id, artifact_id)
);
