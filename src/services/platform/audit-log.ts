import { desc, sql } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import type { Db } from "../../env";

export async function listAuditEvents(db: Db, limit: number) {
  const rows = await db.select().from(auditEvents).orderBy(desc(auditEvents.at), sql`audit_events.rowid DESC`).limit(limit);
  return rows.map((e) => ({
    id: e.id,
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: JSON.parse(e.detail) as Record<string, unknown>,
    ip: e.ip,
  }));
}

/** A cell that a spreadsheet would run as a formula is prefixed with `'` (OWASP CSV injection). */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditCsv(events: Awaited<ReturnType<typeof listAuditEvents>>): string {
  const header = ["id", "at", "actor", "action", "subject", "detail", "ip"];
  const lines = events.map((e) => [e.id, e.at, e.actor, e.action, e.subject, e.detail, e.ip].map(csvCell).join(","));
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
