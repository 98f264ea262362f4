import { inArray } from "drizzle-orm";
import { agencies, agencyDomains, auditEvents, type User } from "../../db/schema";
import type { Statement } from "../../db/guarded";
import { AppError } from "../../errors";
import type { Db } from "../../env";
import { newId } from "../../lib/ids";
import { commitAgencyBatch, domainOwners, isGovernmentFor } from "./directory";
import { actorOf } from "../../db/statements/audit";
import { agencyColumns } from "./agency-state";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { emailDomain } from "./mail-domains";
import { M } from "./validation";
import {
  CSV_COLUMNS,
  MAX_IMPORT_ROWS,
  badFile,
  decode,
  headerColumns,
  parseCsv,
  readRow,
  type Candidate,
} from "./csv-rows";

// Bulk registration of agencies from a spreadsheet (UTF-8 CSV). All or nothing by default;
// with skipInvalid the valid rows go in (one atomic batch) and the others are reported.

export type ImportStatus = "imported" | "invalid" | "skipped";
export interface ImportRow {
  line: number;
  status: ImportStatus;
  nameTh: string;
  errors: { field: string; message: string }[];
}
export interface ImportReport {
  imported: number;
  skipped: number;
  rows: ImportRow[];
}

async function existingNames(db: Db, names: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(names.filter(Boolean))];
  for (let i = 0; i < unique.length; i += 90) {
    const rows = await db
      .select({ nameTh: agencies.nameTh })
      .from(agencies)
      .where(inArray(agencies.nameTh, unique.slice(i, i + 90)));
    for (const row of rows) found.add(row.nameTh);
  }
  return found;
}

/** Adds the objections that need the database or earlier rows: duplicates, domains in use, non-government executives. */
async function checkAgainstDirectory(deps: Deps, candidates: Candidate[]): Promise<void> {
  const owners = await domainOwners(
    deps.db,
    candidates.flatMap((c) => [
      ...c.state.domains,
      ...(c.state.executive ? [emailDomain(c.state.executive.email)] : []),
    ]),
  );
  const names = await existingNames(
    deps.db,
    candidates.map((c) => c.state.nameTh),
  );
  const seenDomains = new Map<string, number>();
  const seenNames = new Map<string, number>();
  for (const { line, state, errors } of candidates) {
    for (const domain of state.domains) {
      if (deps.config.sharedMailDomains.includes(domain))
        errors.push({ field: "domains", message: `${M.shared}: ${domain}` });
      else if (owners.has(domain))
        errors.push({
          field: "domains",
          message: `${domain}: ซ้ำกับโดเมนของหน่วยงานที่มีอยู่แล้ว / duplicate: already belongs to an agency`,
        });
      else if (seenDomains.has(domain))
        errors.push({
          field: "domains",
          message: `${domain}: ซ้ำกับบรรทัดที่ ${seenDomains.get(domain)} / duplicate of line ${seenDomains.get(domain)}`,
        });
      else seenDomains.set(domain, line);
    }
    if (state.nameTh && names.has(state.nameTh))
      errors.push({
        field: "nameTh",
        message: "ซ้ำ: มีหน่วยงานชื่อนี้แล้ว / duplicate: an agency with this name already exists",
      });
    else if (state.nameTh && seenNames.has(state.nameTh))
      errors.push({
        field: "nameTh",
        message: `ซ้ำกับบรรทัดที่ ${seenNames.get(state.nameTh)} / duplicate of line ${seenNames.get(state.nameTh)}`,
      });
    else if (state.nameTh) seenNames.set(state.nameTh, line);
    const email = state.executive?.email;
    if (
      email &&
      !isGovernmentFor(email, { state, owners, shared: deps.config.sharedMailDomains, agencyId: null }) &&
      !errors.some((e) => e.field === "executiveEmail")
    ) {
      errors.push({ field: "executiveEmail", message: "ต้องเป็นอีเมลหน่วยงานรัฐ / Must be a government e-mail address" });
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The writes of an import: multi-row inserts kept under D1's 100 bound parameters each. */
function importStatements(
  deps: Deps,
  admin: User,
  valid: Candidate[],
  meta: RequestMeta,
  summary: Record<string, unknown>,
): Statement[] {
  const now = deps.clock.now();
  const actor = actorOf(admin);
  const rows = valid.map((c) => ({ id: newId("agc"), ...c }));
  const agencyRows = rows.map((r) => ({ id: r.id, ...agencyColumns(r.state), createdAt: now, updatedAt: now }));
  const domainRows = rows.flatMap((r) => r.state.domains.map((domain) => ({ domain, agencyId: r.id })));
  const auditRows = rows.map((r) => ({
    id: newId("aud"),
    at: now,
    actor,
    action: "agency.created",
    subject: `agency:${r.id}`,
    detail: JSON.stringify({ agency: r.state, source: "csv", line: r.line }),
    ip: meta.ip,
  }));
  return [
    ...chunks(agencyRows, 5).map((part) => deps.db.insert(agencies).values(part)),
    ...chunks(domainRows, 45).map((part) => deps.db.insert(agencyDomains).values(part)),
    ...chunks(auditRows, 14).map((part) => deps.db.insert(auditEvents).values(part)),
    auditStatement(deps.db, {
      actor,
      action: "agency.imported",
      subject: "agencies",
      detail: { ...summary, agencies: rows.map((r) => r.id) },
      at: now,
      meta,
    }),
  ];
}

/**
 * Imports agencies from CSV text. `accepted` is false when a row is invalid and skipInvalid is
 * off: then nothing is written and every row is reported (valid ones as "skipped").
 */
export async function importAgenciesCsv(
  deps: Deps,
  admin: User,
  body: ArrayBuffer | string,
  options: { skipInvalid: boolean },
  meta: RequestMeta,
): Promise<{ accepted: boolean; report: ImportReport }> {
  const [header, ...records] = parseCsv(decode(body));
  if (!header)
    throw badFile(
      { th: `ไฟล์ว่าง ต้องมีหัวตาราง`, en: `The file is empty; the first row names the columns: ${CSV_COLUMNS.join(",")}` },
      "header",
    );
  if (records.length > MAX_IMPORT_ROWS)
    throw new AppError("payload_too_large", {
      th: `ไม่เกิน ${MAX_IMPORT_ROWS} แถวต่อไฟล์`,
      en: `At most ${MAX_IMPORT_ROWS} rows per file`,
    });
  const columns = headerColumns(header.cells);
  const candidates = records.map((r) => readRow(columns, r));
  await checkAgainstDirectory(deps, candidates);
  const valid = candidates.filter((c) => c.errors.length === 0);
  const invalidCount = candidates.length - valid.length;
  const accepted = invalidCount === 0 || options.skipInvalid;
  const rows: ImportRow[] = candidates.map((c) => ({
    line: c.line,
    status: c.errors.length ? "invalid" : accepted ? "imported" : "skipped",
    nameTh: c.state.nameTh,
    errors: c.errors,
  }));
  if (!accepted) return { accepted, report: { imported: 0, skipped: candidates.length, rows } };
  if (valid.length > 0) {
    const summary = {
      imported: valid.length,
      skipped: invalidCount,
      skipInvalid: options.skipInvalid,
      invalidLines: candidates.filter((c) => c.errors.length).map((c) => c.line),
    };
    await commitAgencyBatch(deps.db, importStatements(deps, admin, valid, meta, summary));
  }
  return { accepted, report: { imported: valid.length, skipped: invalidCount, rows } };
}
