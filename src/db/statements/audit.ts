import type { User } from "../schema";
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

/** An audit row to write: what happened, when (epoch ms), from which request, and on which condition. */
export interface AuditRow extends AuditEntry {
  /** Epoch milliseconds of the action (the injected clock's `now()`). */
  at: number;
  /** The request the action came from; null for scheduled work. */
  meta: RequestMeta | null;
  /** When given, the row is written only if this condition holds (the guard of the action's batch). */
  guard?: SQL;
}

/**
 * The audit row of an action, as a statement for the action's batch (one transition, one
 * atomic batch: the row is written with the change or not at all).
 */
export function auditStatement(db: Db, row: AuditRow) {
  const values = {
    id: newId("aud"),
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    detail: JSON.stringify(row.detail ?? {}),
    ip: row.meta?.ip ?? null,
  };
  return row.guard ? insertWhere(db, auditEvents, values, row.guard) : db.insert(auditEvents).values(values);
}

/** How the audit trail names an administrator who acted: `admin:<e-mail>` (or their id). */
export function actorOf(admin: Pick<User, "email" | "id">): string {
  return `admin:${admin.email ?? admin.id}`;
}
