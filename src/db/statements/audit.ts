import type { SQL } from "drizzle-orm";
import { auditEvents } from "../schema";
import { insertWhere } from "../guarded";
import type { Db } from "../../env";
import { newId } from "../../lib/ids";
import type { AuditAction } from "../../lib/vocabulary";
import type { RequestMeta } from "../../deps";

export interface AuditEntry {
  actor: string;
  /** One of the closed list (src/lib/vocabulary.ts); the text layer describes each. */
  action: AuditAction;
  subject: string;
  detail?: Record<string, unknown>;
}

function auditValues(entry: AuditEntry, at: number, meta: RequestMeta | null) {
  return {
    id: newId("aud"),
    at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    detail: JSON.stringify(entry.detail ?? {}),
    ip: meta?.ip ?? null,
  };
}

/** The audit row of an action, as a statement for the action's batch. */
export function auditStatement(db: Db, entry: AuditEntry, at: number, meta: RequestMeta | null, guard?: SQL) {
  const values = auditValues(entry, at, meta);
  return guard ? insertWhere(db, auditEvents, values, guard) : db.insert(auditEvents).values(values);
}
