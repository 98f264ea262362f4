import type * as v from "valibot";
import type { AuditEvent, User } from "../../db/schema";
import type { StewardRow, KeySummary } from "../../services/applications/stewards";
import { keyStatus } from "../../services/keys/api-keys";
import { describeAuditEvent, detailOf } from "../../text/audit";
import type { AdminUserJson, AuditEventJson, KeySummaryJson, StewardJson } from "./schemas";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An audit event (its schema: AuditEventJson), with its description in words. */
export function auditEventJson(e: AuditEvent, labels?: ReadonlyMap<string, string>) {
  return {
    id: e.id,
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: detailOf(e.detail),
    ip: e.ip,
    description: describeAuditEvent(e, labels),
  } satisfies v.InferOutput<typeof AuditEventJson>;
}

/** A steward role in the directory (its schema: StewardJson). */
export function stewardJson(s: StewardRow) {
  return {
    ...s,
    since: new Date(s.since).toISOString(),
    statusChangedAt: iso(s.statusChangedAt),
  } satisfies v.InferOutput<typeof StewardJson>;
}

/** A key as administrators see it, never its secret (its schema: KeySummaryJson). */
export function keySummaryJson(k: KeySummary, now: number) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    status: keyStatus({ revokedAt: k.revokedAt, expiresAt: k.expiresAt, graceUntil: k.graceUntil }, now),
    createdAt: new Date(k.createdAt).toISOString(),
    expiresAt: iso(k.expiresAt),
    graceUntil: iso(k.graceUntil),
    revokedAt: iso(k.revokedAt),
    lastUsedAt: iso(k.lastUsedAt),
  } satisfies v.InferOutput<typeof KeySummaryJson>;
}

/** A person in the administrators' lists (its schema: AdminUserJson). */
export function adminUserJson(u: User) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    status: u.status,
    isAdmin: u.isAdmin,
    createdAt: new Date(u.createdAt).toISOString(),
  } satisfies v.InferOutput<typeof AdminUserJson>;
}
