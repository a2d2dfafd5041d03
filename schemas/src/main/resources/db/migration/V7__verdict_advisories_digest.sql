-- The digest of the advisory entries a verdict was evaluated against (InputManifest.advisoriesDigest).
-- A re-evaluation skips an image whose newest verdict has the same SBOM, advisories digest,
-- engine and policy: its verdict is provably unchanged. Verdicts from before have none.
ALTER TABLE policy.verdict ADD COLUMN advisories_digest text;
