-- Snapshot numbers follow the order in which ingest runs complete (seal), not the order in
-- which they start: a run killed and resumed after a later run has sealed becomes visible
-- after it, never retroactively. snapshot_id stays the internal key that revisions and deltas
-- carry while their run is open; seal_seq is the snapshot number users, verdicts and
-- replay see. Numbers are gap-free (max + 1 under the ingest job's lock).
ALTER TABLE vuln.snapshot ADD COLUMN seal_seq bigint UNIQUE;
UPDATE vuln.snapshot s SET seal_seq = o.n
  FROM (SELECT snapshot_id, row_number() OVER (ORDER BY snapshot_id) AS n FROM vuln.snapshot WHERE sealed) o
  WHERE o.snapshot_id = s.snapshot_id;
ALTER TABLE vuln.snapshot ADD CONSTRAINT snapshot_sealed_has_number CHECK (sealed = (seal_seq IS NOT NULL));

-- What kind of rejection: the reader could not read the document (bad input), the database
-- refused to store it (bad input it could not hold, e.g. U+0000 in text), or the reader failed
-- unexpectedly (a bug in stella, not the document's fault).
ALTER TABLE audit.ingest_error ADD COLUMN kind text NOT NULL DEFAULT 'unreadable'
  CHECK (kind IN ('unreadable', 'refused', 'internal'));
