import type { Bilingual } from "../../text/bilingual";
import { CsvError, parse } from "csv-parse/sync";
import { AppError, type FieldError } from "../../errors";
import { isBlank, listItems, textProblem } from "../../lib/fields";
import { EMPTY_AGENCY, applyAgencyPatch, type AgencyPatch, type AgencyState } from "./directory";

// Reading an agency spreadsheet (UTF-8 CSV): the text, its records, the header, and each row as
// an agency with the objections the row itself shows. What needs the directory is csv-import.ts.

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
export type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: Column[] = ["nameTh", "nameEn", "ministry", "domains"];
const TRUE = new Set(["true", "yes", "y", "1", "ใช่", "จริง"]);
const FALSE = new Set(["", "false", "no", "n", "0", "ไม่", "ไม่ใช่", "เท็จ"]);

export const badFile = (message: Bilingual, path = "$") =>
  new AppError("invalid_request", message, { errors: [{ path, message: `${message.th} / ${message.en}` }] });

/** The text of an upload: strict UTF-8 (a byte order mark is dropped by the parser). */
export function decode(body: ArrayBuffer | string): string {
  if (typeof body === "string") return body;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw badFile({ th: "ไฟล์ต้องเป็นข้อความ UTF-8", en: "The file must be UTF-8 text" });
  }
}

export interface CsvRecord {
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
      {
        th: `เครื่องหมายคำพูดผิดรูปแบบ (บรรทัด ${line})`,
        en: `Malformed quoting on line ${line}: quote whole cells and double the quotes inside them`,
      },
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

export function headerColumns(cells: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  cells.forEach((raw, i) => {
    const name = CSV_COLUMNS.find((c) => c.toLowerCase() === raw.trim().toLowerCase());
    if (!name)
      throw badFile(
        { th: `ไม่รู้จักคอลัมน์ "${raw}"`, en: `Unknown column "${raw}"; expected ${CSV_COLUMNS.join(",")}` },
        "header",
      );
    if (columns.has(name)) throw badFile({ th: `คอลัมน์ซ้ำ "${raw}"`, en: `Duplicate column "${raw}"` }, "header");
    columns.set(name, i);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length)
    throw badFile({ th: `ไม่มีคอลัมน์ ${missing.join(", ")}`, en: `Missing column(s): ${missing.join(", ")}` }, "header");
  return columns;
}

/** A CSV error's field: the column name (executive.email -> executiveEmail, domains.2 -> domains). */
function fieldOf(path: string): string {
  const [head, sub] = path.split(".");
  return head === "executive" && sub ? `executive${sub[0]!.toUpperCase()}${sub.slice(1)}` : head!;
}

/** A row read from the file: the agency it describes and what is wrong with it so far. */
export interface Candidate {
  line: number;
  state: AgencyState;
  errors: { field: string; message: string }[];
}

export function readRow(columns: Map<Column, number>, record: CsvRecord): Candidate {
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
