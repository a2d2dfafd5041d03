-- Per product key of a revision: the SHA-256 of everything evaluation reads for that key (the
-- advisory's id, aliases, severity and withdrawal, and its affected entries for that key). Export
-- deltas say "changed" for a key only when this digest changed, so a summary edit touches no image.
-- Rows written before this migration have none and count as changed.
ALTER TABLE vuln.affected_package ADD COLUMN evaluation_sha256 text;
CREATE INDEX advisory_revision_advisory ON vuln.advisory_revision (tenant_id, advisory_id, revision);
