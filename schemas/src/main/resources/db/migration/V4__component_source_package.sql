-- The distro source package a binary package was built from (name or name@version), when the
-- SBOM says: Debian and Ubuntu advisories name source packages.
ALTER TABLE sbom.component ADD COLUMN source_package text;
