-- Streaming re-evaluation and notifications (docs/streaming.md).

-- When a snapshot was sealed. The stream takes it as the event time of everything the snapshot
-- changed: throttle and digest windows are cut by it, so a replay after a restart falls into the
-- same windows and produces the same deliveries.
ALTER TABLE vuln.snapshot ADD COLUMN sealed_at timestamptz;
UPDATE vuln.snapshot SET sealed_at = created_at WHERE seal_seq IS NOT NULL;
CREATE FUNCTION vuln.stamp_sealed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seal_seq IS NOT NULL AND OLD.seal_seq IS NULL THEN
    NEW.sealed_at := clock_timestamp();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER snapshot_sealed_at BEFORE UPDATE ON vuln.snapshot
  FOR EACH ROW EXECUTE FUNCTION vuln.stamp_sealed_at();

CREATE SCHEMA IF NOT EXISTS notify;

-- Notification rules as applied with `stella notify rules apply`: the parsed rule (what the
-- stream evaluates) and the file it came from.
CREATE TABLE notify.rule (
  tenant_id   text        NOT NULL DEFAULT 'default',
  name        text        NOT NULL,
  enabled     boolean     NOT NULL,
  rule        jsonb       NOT NULL,
  source_file text        NOT NULL,
  revision    int         NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, name)
);

-- Events the stream derived (rescan.delta), payload by reference: keys and counts. The id is a
-- digest of what the event says, so a replayed event is recorded once.
CREATE TABLE notify.event (
  event_id     text        PRIMARY KEY,
  tenant_id    text        NOT NULL DEFAULT 'default',
  kind         text        NOT NULL,
  image_digest text        NOT NULL,
  snapshot     bigint      NOT NULL,
  occurred_at  timestamptz NOT NULL,
  payload      jsonb       NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_image ON notify.event (image_digest, snapshot);

-- The transactional outbox: one row per message to send. The id is a digest of (rule, action,
-- target, event or digest window), so a message is queued at most once, also when the stream
-- replays after a restart. The dispatcher moves a row from pending to sent, or to dead.
CREATE TABLE notify.delivery (
  delivery_id     text        PRIMARY KEY,
  tenant_id       text        NOT NULL DEFAULT 'default',
  rule_name       text        NOT NULL,
  action_index    int         NOT NULL,
  channel         text        NOT NULL CHECK (channel IN ('webhook', 'slack', 'teams', 'email')),
  target          text        NOT NULL,
  template        text        NOT NULL,
  kind            text        NOT NULL CHECK (kind IN ('event', 'digest', 'test')),
  event_ids       text[]      NOT NULL,
  payload         jsonb       NOT NULL,
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
  attempts        int         NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz
);
CREATE INDEX delivery_due ON notify.delivery (next_attempt_at) WHERE status IN ('pending', 'sending');
