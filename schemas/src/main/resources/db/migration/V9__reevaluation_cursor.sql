-- `reevaluate --changed`: the newest snapshot number whose changes it has re-evaluated. A delta is
-- selected by the next --changed run after it seals; a run killed before moving the cursor only
-- selects again what the advisories-digest check then skips.
CREATE TABLE policy.reevaluation_cursor (
  tenant_id   text   PRIMARY KEY DEFAULT 'default',
  snapshot_id bigint NOT NULL
);
