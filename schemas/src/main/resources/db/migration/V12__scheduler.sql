-- Schedules of re-evaluation runs (stella schedule apply), their per-source impact cursors, and
-- a record of every run: what it selected and why, how long it took, and what changed per image.
CREATE SCHEMA IF NOT EXISTS scheduler;

CREATE TABLE scheduler.schedule (
  name        text        PRIMARY KEY,
  definition  jsonb       NOT NULL,            -- the validated schedule, as stella schedule list --format json shows it
  source_yaml text        NOT NULL,            -- the document it was applied from
  cron        text        NOT NULL,            -- Spring cron (seconds first) derived from `when`
  zone        text        NOT NULL,
  enabled     boolean     NOT NULL DEFAULT true,
  fired_up_to timestamptz NOT NULL,            -- every slot at or before this instant has been fired or skipped
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The newest snapshot number whose export deltas a schedule's runs have processed, per source of
-- deltas ('advisories'; VEX will be another source). Moved only when a run succeeds, in the same
-- transaction that records its success.
CREATE TABLE scheduler.cursor (
  schedule_name text        NOT NULL REFERENCES scheduler.schedule (name) ON DELETE CASCADE,
  source        text        NOT NULL,
  snapshot      bigint      NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (schedule_name, source)
);

CREATE TABLE scheduler.run (
  run_id          bigserial   PRIMARY KEY,
  schedule_name   text        NOT NULL,
  trigger         text        NOT NULL CHECK (trigger IN ('cron', 'catch-up', 'manual')),
  slot            timestamptz,                  -- the cron slot fired; NULL for manual runs
  missed_slots    int         NOT NULL DEFAULT 0, -- earlier slots folded into this catch-up run
  status          text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  from_snapshot   bigint      NOT NULL,           -- deltas of snapshots in (from, to] are processed
  to_snapshot     bigint      NOT NULL,
  selected        int,
  impacted        int,
  unevaluated     int,
  stale           int,
  deferred        int,
  evaluated       int,
  unchanged       int,
  new_criticals   int,
  fixed           int,
  flips           int,
  selection_ms    double precision,
  duration_ms     bigint,
  started_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  error           text,
  UNIQUE (schedule_name, slot)
);
CREATE INDEX run_schedule ON scheduler.run (schedule_name, run_id DESC);

CREATE TABLE scheduler.run_image (
  run_id              bigint NOT NULL REFERENCES scheduler.run (run_id) ON DELETE CASCADE,
  ordinal             int    NOT NULL,
  image_digest        text   NOT NULL,
  reasons             text[] NOT NULL,   -- delta, no-verdict, stale
  product_keys        text[] NOT NULL,   -- the changed product keys that selected it (reason delta)
  previous_verdict_id bigint,
  verdict_id          bigint,
  previous_decision   text,
  decision            text,
  new_criticals       int,
  fixed               int,
  PRIMARY KEY (run_id, ordinal)
);
