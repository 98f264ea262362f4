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

/** A cell that a spreadsheet would run as a formula is prefixed with `'` (OWASP CSV injection). */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The events as CSV: one row each, `detail` as JSON, cells safe from formula injection. */
export function auditCsv(events: AuditEvent[]): string {
  const header = ["id", "at", "actor", "action", "subject", "detail", "ip"];
  const lines = events.map((e) =>
    [e.id, new Date(e.at).toISOString(), e.actor, e.action, e.subject, e.detail, e.ip].map(csvCell).join(","),
  );
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
