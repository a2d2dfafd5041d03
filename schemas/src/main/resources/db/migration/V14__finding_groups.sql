-- Findings stored once per component, not once per image.
--
-- The findings of one component (one purl) are the same in every image that holds it, except for
-- the layer. A verdict's canonical body is stored as its frame (the body with an empty findings
-- array) and the list of its finding groups; each group is stored once, content-addressed by the
-- SHA-256 of its template, with the quoted layer replaced by the character U+0001. A full
-- re-evaluation of a fleet then writes one small row per image and only the groups not seen
-- before, instead of every image's thousands of findings.
CREATE TABLE policy.finding_group (
  group_id  bigserial PRIMARY KEY,
  tenant_id text NOT NULL DEFAULT 'default',
  digest    text NOT NULL,
  template  text NOT NULL,
  findings  int  NOT NULL,
  UNIQUE (tenant_id, digest)
);

-- The findings of a group as rows, for SQL (the policy.finding view adds verdict and layer).
CREATE TABLE policy.group_finding (
  group_id      bigint NOT NULL REFERENCES policy.finding_group (group_id),
  ordinal       int    NOT NULL,
  advisory_id   text   NOT NULL,
  purl          text   NOT NULL,
  ecosystem     text   NOT NULL,
  package_name  text   NOT NULL,
  version       text   NOT NULL,
  status        text   NOT NULL,
  severity      text   NOT NULL,
  score         double precision,
  matched       text   NOT NULL,
  fixed_version text,
  reason        text   NOT NULL,
  PRIMARY KEY (group_id, ordinal)
);

-- A verdict written from now on: document is the frame, findings_at the position (in characters)
-- inside its findings brackets, finding_groups the groups in canonical order, and for each the
-- index (1-based) into layers of the quoted layer that replaces U+0001, or 0 for none.
-- Verdicts written before keep their whole body in document and these columns NULL.
ALTER TABLE policy.verdict
  ADD COLUMN findings_at    int,
  ADD COLUMN finding_groups bigint[],
  ADD COLUMN group_layers   smallint[],
  ADD COLUMN layers         text[];

ALTER TABLE policy.finding RENAME TO finding_v1;

-- Every finding of every verdict, as one table was before: rows of verdicts written before this
-- migration, then the rows of each verdict's groups in canonical order.
CREATE VIEW policy.finding AS
  SELECT f.tenant_id, f.verdict_id, f.ordinal, f.advisory_id, f.purl, f.ecosystem, f.package_name, f.version,
         f.status, f.severity, f.score, f.matched, f.fixed_version, f.reason
    FROM policy.finding_v1 f
  UNION ALL
  SELECT v.tenant_id, v.verdict_id,
         (row_number() OVER (PARTITION BY v.verdict_id ORDER BY u.n, f.ordinal) - 1)::int,
         f.advisory_id, f.purl, f.ecosystem, f.package_name, f.version,
         f.status, f.severity, f.score, f.matched, f.fixed_version, f.reason
    FROM policy.verdict v
    CROSS JOIN LATERAL unnest(v.finding_groups) WITH ORDINALITY AS u (group_id, n)
    JOIN policy.group_finding f ON f.group_id = u.group_id;

-- The canonical body of a verdict, whichever way it is stored: its SHA-256 is verdict_digest.
CREATE FUNCTION policy.verdict_document(v policy.verdict) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN v.findings_at IS NULL THEN v.document
    ELSE substr(v.document, 1, v.findings_at)
      || coalesce((SELECT string_agg(CASE WHEN u.layer = 0 THEN g.template
                                          ELSE replace(g.template, chr(1), v.layers[u.layer]) END, ',' ORDER BY u.n)
                     FROM unnest(v.finding_groups, v.group_layers) WITH ORDINALITY AS u (group_id, layer, n)
                     JOIN policy.finding_group g ON g.group_id = u.group_id), '')
      || substr(v.document, v.findings_at + 1)
  END
$$;
