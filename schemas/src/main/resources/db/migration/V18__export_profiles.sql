-- Stored export profiles (docs/export-center/profiles.md): `stella export profiles create --file`.
-- The built-in profiles (json:raw, mirror:full, mirror:delta, trivy:db) are not rows: a stored
-- profile names one of them (kind, variant) and adds its settings.
CREATE TABLE export.export_profiles (
  profile_id  bigserial   PRIMARY KEY,
  tenant_id   text        NOT NULL DEFAULT 'default',
  name        text        NOT NULL,
  kind        text        NOT NULL CHECK (kind IN ('json', 'mirror', 'trivy')),
  variant     text        NOT NULL,
  config      jsonb       NOT NULL,
  source_file text        NOT NULL,
  revision    int         NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, name)
);
