import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../env";
import { newId } from "../../lib/ids";
import type { WebhookEventType } from "../../lib/vocabulary";

// Rows owed to the portal side, written in the batch of the change that causes them (the
// outbox pattern): CKAN action calls and signed webhook events. Delivered after commit and by
// the cron (src/services/portal/).

const always = sql`1`;

/**
 * One event for every enabled webhook endpoint subscribed to `type` (`["*"]` or the type
 * itself), as `{ type, timestamp, data }` (Standard Webhooks' payload shape; `timestamp` ISO
 * 8601). Written only when `guard` holds. Returns the statement and the event's id (the
 * `webhook-id` header every delivery of it carries).
 */
export function queueWebhookEvent(
  db: Db,
  event: { type: WebhookEventType; data: Record<string, unknown>; now: number; guard?: SQL },
) {
  const eventId = newId("evt");
  const payload = JSON.stringify({ type: event.type, timestamp: new Date(event.now).toISOString(), data: event.data });
  const statement = db.run(sql`
    INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
    SELECT 'whd_' || lower(hex(randomblob(16))), e.id, ${eventId}, ${event.type}, ${payload}, 'pending', 0, ${event.now}, ${event.now}
    FROM webhook_endpoints e
    WHERE e.status = 'enabled'
      AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value IN ('*', ${event.type}))
      AND ${event.guard ?? always}`);
  return { eventId, statement };
}

/**
 * One CKAN action call for a person and the organization an agency maps to — only when the
 * agency has a `ckan_organization` and `guard` holds (an unmapped agency gets no row) — or, with
 * `organization`, for that organization (a reconciliation's repair, an agency's old mapping).
 * `userId` may be `ckan:<CKAN user id>` for a CKAN user who is no steward person (`ckanUser` names
 * them). `seq` orders the calls: a batch runs alone, so `max(seq) + 1` is the next number.
 */
export function queueCkanOperation(
  db: Db,
  op: {
    action: "organization_member_create" | "organization_member_delete";
    agencyId: string;
    userId: string;
    email: string;
    membershipId: string | null;
    cause: string;
    now: number;
    guard?: SQL;
    organization?: string;
    ckanUser?: string;
  },
) {
  if (op.organization !== undefined)
    return db.run(sql`
    INSERT INTO ckan_operations (id, seq, action, organization, agency_id, user_id, email, membership_id, cause, status, attempts, next_attempt_at, created_at, ckan_user)
    SELECT ${newId("ckop")}, (SELECT coalesce(max(seq), 0) + 1 FROM ckan_operations), ${op.action}, ${op.organization},
      ${op.agencyId}, ${op.userId}, ${op.email}, ${op.membershipId}, ${op.cause}, 'pending', 0, ${op.now}, ${op.now}, ${op.ckanUser ?? null}
    WHERE ${op.guard ?? always}`);
  return db.run(sql`
    INSERT INTO ckan_operations (id, seq, action, organization, agency_id, user_id, email, membership_id, cause, status, attempts, next_attempt_at, created_at)
    SELECT ${newId("ckop")}, (SELECT coalesce(max(seq), 0) + 1 FROM ckan_operations), ${op.action}, a.ckan_organization,
      a.id, ${op.userId}, ${op.email}, ${op.membershipId}, ${op.cause}, 'pending', 0, ${op.now}, ${op.now}
    FROM agencies a
    WHERE a.id = ${op.agencyId} AND a.ckan_organization IS NOT NULL AND ${op.guard ?? always}`);
}
