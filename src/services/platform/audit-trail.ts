import { stringify } from "csv-stringify/sync";
import { and, desc, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { agencies, apiKeys, applications, auditEvents, memberships, users, type AuditEvent } from "../../db/schema";
import { afterCursor, contains, endsWith, pageLimit, pageOf, type Paged } from "../../db/paging";
import type { Db } from "../../env";
import { describeAuditEvent, subjectOf } from "../../text/audit";
import { bangkokTimestamp } from "../../text/dates";

// The audit trail for administrators: filtered, paged, described in words, exported as CSV.

export interface AuditFilter {
  /** Part of the actor (an address, `admin:…`, `executive:…`, `system`). */
  actor?: string | null;
  /** An action (`membership.revoked`) or its family (`membership`). */
  action?: string | null;
  /** A subject (`membership:mem_…`), or a bare id that ends one. */
  subject?: string | null;
  /** Events about the agency, its applications, steward roles and keys. */
  agencyId?: string | null;
  /** Bounds, ms since the epoch, both inclusive. */
  from?: number | null;
  to?: number | null;
  cursor?: string | null;
  limit?: number | null;
}

function conditions(filter: AuditFilter): SQL | undefined {
  const actor = filter.actor?.trim();
  const action = filter.action?.trim();
  const subject = filter.subject?.trim();
  const agency = filter.agencyId?.trim();
  return and(
    actor ? contains(auditEvents.actor, actor) : undefined,
    action
      ? action.includes(".")
        ? eq(auditEvents.action, action)
        : sql`substr(${auditEvents.action}, 1, length(${action}) + 1) = ${`${action}.`}`
      : undefined,
    subject
      ? subject.includes(":")
        ? eq(auditEvents.subject, subject)
        : endsWith(auditEvents.subject, `:${subject}`)
      : undefined,
    agency
      ? or(
          eq(auditEvents.subject, `agency:${agency}`),
          sql`${auditEvents.subject} IN (SELECT 'application:' || id FROM applications WHERE agency_id = ${agency})`,
          sql`${auditEvents.subject} IN (SELECT 'membership:' || id FROM memberships WHERE agency_id = ${agency})`,
          sql`${auditEvents.subject} IN (SELECT 'key:' || id FROM api_keys WHERE agency_id = ${agency})`,
          sql`(json_valid(${auditEvents.detail}) AND json_extract(${auditEvents.detail}, '$.agencyId') = ${agency})`,
        )
      : undefined,
    filter.from != null ? gte(auditEvents.at, filter.from) : undefined,
    filter.to != null ? lte(auditEvents.at, filter.to) : undefined,
  );
}

/** One page of events, newest first (CONTRACT: GET /api/v1/admin/audit). */
export async function listAuditTrail(db: Db, filter: AuditFilter): Promise<Paged<AuditEvent>> {
  const limit = pageLimit(filter.limit);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(conditions(filter), afterCursor(auditEvents.at, auditEvents.id, filter.cursor)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (e) => ({ at: e.at, id: e.id }));
}

/**
 * What the events' subjects are called (by `kind:id`): a person's name, a role's holder and
 * agency, an application's applicant and agency, an agency's Thai name, a key's name. One
 * query per kind, 90 ids at a time (D1's bound-parameter limit).
 */
export async function subjectLabels(db: Db, events: AuditEvent[]): Promise<Map<string, string>> {
  const ids = new Map<string, Set<string>>();
  for (const e of events) {
    const s = subjectOf(e.subject);
    if (s) ids.set(s.kind, (ids.get(s.kind) ?? new Set()).add(s.id));
  }
  const labels = new Map<string, string>();
  const each = async <T>(
    kind: string,
    load: (chunk: string[]) => Promise<T[]>,
    label: (row: T) => [string, string],
  ) => {
    const list = [...(ids.get(kind) ?? [])];
    for (let i = 0; i < list.length; i += 90)
      for (const row of await load(list.slice(i, i + 90))) {
        const [id, text] = label(row);
        labels.set(`${kind}:${id}`, text);
      }
  };
  const person = (name: string | null, email: string | null) => name?.trim() || email || "";
  await Promise.all([
    each(
      "user",
      (chunk) =>
        db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, chunk)),
      (u) => [u.id, person(u.name, u.email)],
    ),
    each(
      "membership",
      (chunk) =>
        db
          .select({ id: memberships.id, name: users.name, email: users.email, agency: agencies.nameTh })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
          .where(inArray(memberships.id, chunk)),
      (m) => [m.id, `${person(m.name, m.email)} · ${m.agency}`],
    ),
    each(
      "application",
      (chunk) =>
        db
          .select({
            id: applications.id,
            name: users.name,
            email: applications.applicantEmail,
            agency: agencies.nameTh,
          })
          .from(applications)
          .innerJoin(users, eq(users.id, applications.userId))
          .innerJoin(agencies, eq(agencies.id, applications.agencyId))
          .where(inArray(applications.id, chunk)),
      (a) => [a.id, `${person(a.name, a.email)} · ${a.agency}`],
    ),
    each(
      "agency",
      (chunk) =>
        db.select({ id: agencies.id, name: agencies.nameTh }).from(agencies).where(inArray(agencies.id, chunk)),
      (a) => [a.id, a.name],
    ),
    each(
      "key",
      (chunk) =>
        db
          .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix })
          .from(apiKeys)
          .where(inArray(apiKeys.id, chunk)),
      (k) => [k.id, `${k.name} (${k.prefix}…)`],
    ),
  ]);
  return labels;
}

/** The most rows one CSV export holds; narrow the filters for more. */
export const MAX_EXPORT_ROWS = 20_000;

/** Every event the filters match, newest first, at most MAX_EXPORT_ROWS (read a page at a time). */
export async function exportAuditTrail(db: Db, filter: AuditFilter): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const page: Paged<AuditEvent> = await listAuditTrail(db, { ...filter, cursor, limit: 100 });
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && events.length < MAX_EXPORT_ROWS);
  return events.slice(0, MAX_EXPORT_ROWS);
}

/** The CSV's columns, Thai headers (the English under each is in docs/admin.md). */
export const AUDIT_CSV_HEADER = [
  "เวลา (กรุงเทพฯ)",
  "เวลา (UTC)",
  "ผู้ดำเนินการ",
  "เหตุการณ์",
  "รหัสเหตุการณ์",
  "เรื่อง",
  "รายละเอียด",
  "IP",
  "รหัสบันทึก",
] as const;

/**
 * The events as CSV for spreadsheets (csv-stringify): a UTF-8 byte-order mark first (Excel on
 * Windows reads Thai correctly only with it), CRLF rows, Bangkok time, the event in a Thai
 * sentence, `detail` as JSON; a cell a spreadsheet would run as a formula is prefixed with `'`
 * (OWASP CSV injection).
 */
export function auditCsv(events: AuditEvent[], labels?: ReadonlyMap<string, string>): string {
  const rows = events.map((e) => [
    bangkokTimestamp(e.at),
    new Date(e.at).toISOString(),
    e.actor,
    describeAuditEvent(e, labels).th,
    e.action,
    e.subject,
    e.detail,
    e.ip,
    e.id,
  ]);
  return (
    "\uFEFF" +
    stringify([[...AUDIT_CSV_HEADER], ...rows], {
      record_delimiter: "windows",
      escape_formulas: true,
      quoted_match: /[\r\n]/,
    })
  );
}
