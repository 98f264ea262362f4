import { stringify } from "csv-stringify/sync";
import { desc, sql } from "drizzle-orm";
import { auditEvents, type AuditEvent } from "../../db/schema";
import type { Db } from "../../env";

/** The newest audit events, at most `limit`. */
export async function listAuditEvents(db: Db, limit: number): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .orderBy(desc(auditEvents.at), sql`audit_events.rowid DESC`)
    .limit(limit);
}

/**
 * The events as CSV (csv-stringify): CRLF rows, one per event, `detail` as JSON; a cell that a
 * spreadsheet would run as a formula is prefixed with `'` (OWASP CSV injection).
 */
export function auditCsv(events: AuditEvent[]): string {
  const header = ["id", "at", "actor", "action", "subject", "detail", "ip"];
  const rows = events.map((e) => [e.id, new Date(e.at).toISOString(), e.actor, e.action, e.subject, e.detail, e.ip]);
  return stringify([header, ...rows], { record_delimiter: "windows", escape_formulas: true, quoted_match: /[\r\n]/ });
}
