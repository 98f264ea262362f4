#!/usr/bin/env node
// Writes (to the path given, else prints) idempotent SQL for the development seed (seed/dev-seed.mjs); `npm run db:seed`
// applies it with `wrangler d1 execute DB --local`. Running it twice changes nothing twice.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { agencies, terms } from "../seed/dev-seed.mjs";

const q = (value) => (value === null || value === undefined ? "NULL" : `'${String(value).replaceAll("'", "''")}'`);
const now = Date.now();
const lines = [];

for (const a of agencies) {
  const e = a.executive;
  lines.push(
    `INSERT INTO agencies (id, name_th, name_en, ministry_th, ministry_en, executive_name, executive_position, executive_email, review_required, approval_ttl_days, created_at, updated_at)
VALUES (${q(a.id)}, ${q(a.nameTh)}, ${q(a.nameEn)}, ${q(a.ministryTh)}, ${q(a.ministryEn)}, ${q(e?.name)}, ${q(e?.position)}, ${q(e?.email)}, ${a.reviewRequired ? 1 : 0}, 14, ${now}, ${now})
ON CONFLICT DO NOTHING;`,
  );
  // Skipped when an agency of that Thai name exists under another id (made by hand): its domains too.
  for (const domain of a.domains) {
    lines.push(
      `INSERT INTO agency_domains (domain, agency_id) SELECT ${q(domain)}, ${q(a.id)} WHERE EXISTS (SELECT 1 FROM agencies WHERE id = ${q(a.id)}) ON CONFLICT(domain) DO NOTHING;`,
    );
  }
}

const sha256 = createHash("sha256").update(`${terms.bodyTh}\n\n${terms.bodyEn}`, "utf8").digest("hex");
lines.push(
  `INSERT INTO terms_versions (version, title_th, title_en, body_th, body_en, sha256, effective_at, created_at)
VALUES (${q(terms.version)}, ${q(terms.titleTh)}, ${q(terms.titleEn)}, ${q(terms.bodyTh)}, ${q(terms.bodyEn)}, ${q(sha256)}, ${Date.parse(terms.effectiveAt)}, ${now})
ON CONFLICT(version) DO NOTHING;`,
);

const sql = `${lines.join("\n")}\n`;
const out = process.argv[2];
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, sql);
} else {
  process.stdout.write(sql);
}
