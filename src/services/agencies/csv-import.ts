import { CsvError, parse } from "csv-parse/sync";
import { inArray } from "drizzle-orm";
import { agencies, agencyDomains, auditEvents, type User } from "../../db/schema";
import type { Statement } from "../../db/guarded";
import { AppError, type FieldError } from "../../errors";
import type { Db } from "../../env";
import { isBlank, listItems, textProblem } from "../../lib/fields";
import { newId } from "../../lib/ids";
import {
  EMPTY_AGENCY,
  actorOf,
  agencyColumns,
  applyAgencyPatch,
  commitAgencyBatch,
  domainOwners,
  isGovernmentFor,
  type AgencyPatch,
  type AgencyState,
} from "./directory";
import { auditStatement } from "../../db/statements/audit";
import type { Deps, RequestMeta } from "../../deps";
import { emailDomain } from "./mail-domains";

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

export const MAX_IMPORT_ROWS = 1000;
export const CSV_COLUMNS = [
  "nameTh",
  "nameEn",
  "ministry",
  "domains",
  "executiveName",
  "executivePosition",
  "executiveEmail",
  "reviewRequired",
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: Column[] = ["nameTh", "nameEn", "ministry", "domains"];
const TRUE = new Set(["true", "yes", "y", "1", "ใช่", "จริง"]);
const FALSE = new Set(["", "false", "no", "n", "0", "ไม่", "ไม่ใช่", "เท็จ"]);

const badFile = (message: string, path = "$") =>
  new AppError("invalid_request", message, { errors: [{ path, message }] });

/** The text of an upload: strict UTF-8 (a byte order mark is dropped by the parser). */
function decode(body: ArrayBuffer | string): string {
  if (typeof body === "string") return body;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw badFile("ไฟล์ต้องเป็นข้อความ UTF-8 / The file must be UTF-8 text");
  }
}

interface CsvRecord {
  /** The line the record starts on (1-based); a quoted cell may span several lines. */
  line: number;
  cells: string[];
}

/**
 * The non-blank records of RFC 4180 text, parsed by csv-parse: quoted cells may hold commas,
 * doubled quotes and line breaks; CRLF, LF and CR rows may mix. Throws a 400 naming the line
 * of malformed quoting.
 */
export function parseCsv(text: string): CsvRecord[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as typeof parsed; // with `info`, each record comes as { record, info }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    throw badFile(
      `เครื่องหมายคำพูดผิดรูปแบบ (บรรทัด ${line}) / Malformed quoting on line ${line}: quote whole cells and double the quotes inside them`,
      `line ${line}`,
    );
  }
  return parsed
    .map(({ record, info }) => ({
      // info.lines is the line the record ends on; quoted line breaks moved it down.
      line: info.lines - record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0),
      cells: record,
    }))
    .filter((r) => r.cells.some((c) => !isBlank(c)));
}

function headerColumns(cells: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  cells.forEach((raw, i) => {
    const name = CSV_COLUMNS.find((c) => c.toLowerCase() === raw.trim().toLowerCase());
    if (!name)
      throw badFile(`ไม่รู้จักคอลัมน์ "${raw}" / Unknown column "${raw}"; expected ${CSV_COLUMNS.join(",")}`, "header");
    if (columns.has(name)) throw badFile(`คอลัมน์ซ้ำ "${raw}" / Duplicate column "${raw}"`, "header");
    columns.set(name, i);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length)
    throw badFile(`ไม่มีคอลัมน์ ${missing.join(", ")} / Missing column(s): ${missing.join(", ")}`, "header");
  return columns;
}

/** A CSV error's field: the column name (executive.email -> executiveEmail, domains.2 -> domains). */
function fieldOf(path: string): string {
  const [head, sub] = path.split(".");
  return head === "executive" && sub ? `executive${sub[0]!.toUpperCase()}${sub.slice(1)}` : head!;
}

interface Candidate {
  line: number;
  state: AgencyState;
  errors: { field: string; message: string }[];
}

function readRow(columns: Map<Column, number>, record: CsvRecord): Candidate {
  // Cells as they are: the field rules check for control characters before they trim.
  const get = (c: Column) => (columns.has(c) ? (record.cells[columns.get(c)!] ?? "") : "");
  if (record.cells.length > columns.size) {
    // The cells are shifted: reading them as columns would only add misleading errors.
    const message = `มี ${record.cells.length} ช่อง แต่หัวตารางมี ${columns.size} คอลัมน์ (ใส่เครื่องหมายคำพูดรอบข้อความที่มีจุลภาค) / ${record.cells.length} cells for ${columns.size} columns: quote values that contain commas`;
    return {
      line: record.line,
      state: { ...EMPTY_AGENCY, nameTh: get("nameTh").trim() },
      errors: [{ field: "row", message }],
    };
  }
  const errors: { field: string; message: string }[] = [];
  const executive = [get("executiveName"), get("executivePosition"), get("executiveEmail")];
  const rawReview = get("reviewRequired");
  const review = rawReview.trim().toLowerCase();
  const reviewProblem = textProblem(rawReview, { multiLine: false });
  if (reviewProblem) errors.push({ field: "reviewRequired", message: reviewProblem });
  else if (!TRUE.has(review) && !FALSE.has(review))
    errors.push({ field: "reviewRequired", message: "ต้องเป็น true หรือ false / Must be true or false" });
  const patch: AgencyPatch = {
    nameTh: get("nameTh"),
    nameEn: get("nameEn"),
    ministry: get("ministry"),
    domains: listItems(get("domains")),
    executive: executive.some((cell) => !isBlank(cell))
      ? { name: executive[0]!, position: executive[1]!, email: executive[2]! }
      : null,
    reviewRequired: TRUE.has(review),
  };
  const { state, errors: fieldErrors } = applyAgencyPatch(EMPTY_AGENCY, patch);
  errors.push(...fieldErrors.map((e: FieldError) => ({ field: fieldOf(e.path), message: e.message })));
  return { line: record.line, state, errors };
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
      if (owners.has(domain))
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
      !isGovernmentFor(email, state, owners, deps.config.sharedMailDomains, null) &&
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
    auditStatement(
      deps.db,
      {
        actor,
        action: "agency.imported",
        subject: "agencies",
        detail: { ...summary, agencies: rows.map((r) => r.id) },
      },
      now,
      meta,
    ),
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
      `ไฟล์ว่าง ต้องมีหัวตาราง / The file is empty; the first row names the columns: ${CSV_COLUMNS.join(",")}`,
      "header",
    );
  if (records.length > MAX_IMPORT_ROWS)
    throw new AppError(
      "payload_too_large",
      `ไม่เกิน ${MAX_IMPORT_ROWS} แถวต่อไฟล์ / At most ${MAX_IMPORT_ROWS} rows per file`,
    );
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
