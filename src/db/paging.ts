import { and, or, lt, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { AppError } from "../errors";

// Keyset paging for the administrators' lists: newest first by (time, id), a cursor that names
// the last row shown. Stable while rows are added (no offsets that skip or repeat a row).

/** Rows per page when the caller names none, and the most one page may hold (CONTRACT). */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

/** Where a page ends: the last row's time (ms since the epoch) and id. */
export interface PagePosition {
  at: number;
  id: string;
}

/** A page of rows and the cursor of the next one (null on the last page). */
export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/** The opaque cursor of a position: base64url of `<ms>.<id>`. */
export function encodeCursor(position: PagePosition): string {
  return btoa(`${position.at}.${position.id}`).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Reads a cursor; 400 `invalid_request` (path `cursor`) for anything that is not one. */
export function decodeCursor(cursor: string): PagePosition {
  const bad = () =>
    new AppError(
      "invalid_request",
      { th: "ตัวชี้หน้าไม่ถูกต้อง", en: "The cursor is not one this list gave." },
      {
        errors: [{ path: "cursor", message: "not a cursor of this list" }],
      },
    );
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw bad();
  let text: string;
  try {
    text = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    throw bad();
  }
  const match = /^(\d{1,15})\.([A-Za-z0-9_]{1,64})$/.exec(text);
  if (!match) throw bad();
  return { at: Number(match[1]), id: match[2]! };
}

/** The condition for rows after a cursor in (time DESC, id DESC) order; undefined without one. */
export function afterCursor(time: SQLWrapper, id: SQLWrapper, cursor: string | undefined | null): SQL | undefined {
  if (!cursor) return undefined;
  const { at, id: lastId } = decodeCursor(cursor);
  return or(lt(time as never, at), and(eq(time as never, at), lt(id as never, lastId)));
}

/**
 * Cuts `limit + 1` fetched rows to one page: when the extra row exists there is a next page,
 * and its cursor names the last row kept.
 */
export function pageOf<T>(rows: T[], limit: number, positionOf: (row: T) => PagePosition): Paged<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}

/** The limit asked for, within 1..MAX_PAGE_LIMIT (DEFAULT_PAGE_LIMIT when none). */
export function pageLimit(limit: number | undefined | null): number {
  if (!limit || !Number.isFinite(limit)) return DEFAULT_PAGE_LIMIT;
  return Math.max(1, Math.min(MAX_PAGE_LIMIT, Math.trunc(limit)));
}

/**
 * `column` contains `text`, ASCII letters in any case (as LIKE would), with no wildcard in
 * `text`. Not LIKE: D1 refuses LIKE patterns over 50 bytes ("LIKE or GLOB pattern too
 * complex", SQLITE_LIMIT_LIKE_PATTERN_LENGTH), which is 16 Thai characters.
 */
export function contains(column: SQLWrapper, text: string): SQL {
  return sql`instr(lower(${column}), lower(${text})) > 0`;
}

/** `column` ends with `suffix` (exactly), for keys such as `<purpose>:<address>`; no LIKE (see contains). */
export function endsWith(column: SQLWrapper, suffix: string): SQL {
  return sql`substr(${column}, -length(${suffix})) = ${suffix}`;
}
