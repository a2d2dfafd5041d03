-- Entrypoint use of components, only where the SBOM states it (NULL: unknown), and per SBOM
-- product the combined use of its listings: 'used' if any listing is used, else 'not-used' if
-- any is stated not used, else NULL (unknown). `stella impact --used-by-entrypoint` reads it.
ALTER TABLE sbom.component ADD COLUMN used_by_entrypoint boolean;
ALTER TABLE sbom.sbom_product ADD COLUMN usage text CHECK (usage IN ('used', 'not-used'));
