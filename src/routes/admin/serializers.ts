import type * as v from "valibot";
import type { AuditEvent } from "../../db/schema";
import type { AuditEventJson } from "./schemas";

/** An audit event (its schema: AuditEventJson). */
export function auditEventJson(e: AuditEvent) {
  return {
    id: e.id,
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: JSON.parse(e.detail) as Record<string, unknown>,
    ip: e.ip,
  } satisfies v.InferOutput<typeof AuditEventJson>;
}
