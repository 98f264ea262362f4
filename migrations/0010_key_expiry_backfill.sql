-- Lifetime policy (issue 11): keys made before it had no end. Each now ends at its scope's
-- default maximum after its creation (publish 365 days, read 730), but never sooner than 30 days
-- after this migration, so that no owner loses a key without the 14- and 3-day warnings.
UPDATE `api_keys`
SET `expires_at` = max(
  `created_at` + (CASE WHEN instr(`scopes`, '"publish"') > 0 THEN 365 ELSE 730 END) * 86400000,
  CAST(unixepoch('now') AS INTEGER) * 1000 + 30 * 86400000
)
WHERE `expires_at` IS NULL AND `revoked_at` IS NULL;
