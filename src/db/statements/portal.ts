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
 * Whether `userId` is, as the batch runs, an active steward of an agency mapped to `organization`
 * (both SQL expressions). A CKAN call is written only when it agrees: an add for a steward, a
 * removal for anyone else — so a person who is steward of two agencies mapped to one
 * organization keeps it when one role ends, and a stale reconciliation never undoes a change.
 */
export function isStewardOf(userId: SQL, organization: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM memberships sm JOIN agencies sa ON sa.id = sm.agency_id
    WHERE sm.user_id = ${userId} AND sm.status = 'active' AND sa.ckan_organization = ${organization})`;
}

const agrees = (action: CkanAction, userId: SQL, organization: SQL) =>
  action === "organization_member_create"
    ? isStewardOf(userId, organization)
    : sql`NOT ${isStewardOf(userId, organization)}`;

export type CkanAction = "organization_member_create" | "organization_member_delete";

/** The next `seq` of ckan_operations (a batch runs alone, so `max + 1` is free). */
const nextSeq = sql`(SELECT coalesce(max(seq), 0) + 1 FROM ckan_operations)`;

/**
 * One CKAN action call for a person and the organization an agency maps to — only when the
 * agency has a `ckan_organization`, `guard` holds, and the call agrees with steward's view as the
 * batch runs (isStewardOf) — or, with `organization`, for that organization (a reconciliation's
 * repair). `userId` may be `ckan:<CKAN user id>` for a CKAN user who is no steward person
 * (`ckanUser` names them; always removed). `seq` orders the calls.
 */
export function queueCkanOperation(
  db: Db,
  op: {
    action: CkanAction;
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
  const stranger = op.userId.startsWith("ckan:");
  if (op.organization !== undefined) {
    const org = sql`${op.organization}`;
    return db.run(sql`
    INSERT INTO ckan_operations (id, seq, action, organization, agency_id, user_id, email, membership_id, cause, status, attempts, next_attempt_at, created_at, ckan_user)
    SELECT ${newId("ckop")}, ${nextSeq}, ${op.action}, ${op.organization},
      ${op.agencyId}, ${op.userId}, ${op.email}, ${op.membershipId}, ${op.cause}, 'pending', 0, ${op.now}, ${op.now}, ${op.ckanUser ?? null}
    WHERE ${op.guard ?? always} AND ${stranger ? always : agrees(op.action, sql`${op.userId}`, org)}`);
  }
  return db.run(sql`
    INSERT INTO ckan_operations (id, seq, action, organization, agency_id, user_id, email, membership_id, cause, status, attempts, next_attempt_at, created_at)
    SELECT ${newId("ckop")}, ${nextSeq}, ${op.action}, a.ckan_organization,
      a.id, ${op.userId}, ${op.email}, ${op.membershipId}, ${op.cause}, 'pending', 0, ${op.now}, ${op.now}
    FROM agencies a
    WHERE a.id = ${op.agencyId} AND a.ckan_organization IS NOT NULL AND ${op.guard ?? always}
      AND ${agrees(op.action, sql`${op.userId}`, sql`a.ckan_organization`)}`);
}

/**
 * The calls that move an agency's active stewards, as the batch runs, from organization `from`
 * to `to` (either may be null): one INSERT…SELECT each over the agency's active memberships (so a
 * role approved or revoked meanwhile is counted as it is then), each agreeing with steward's
 * view. Run after the agency's update, in its batch; written only when `guard` holds.
 */
export function queueRemapping(
  db: Db,
  change: { agencyId: string; from: string | null; to: string | null; now: number; guard: SQL },
) {
  const moves: [CkanAction, string][] = [];
  if (change.from) moves.push(["organization_member_delete", change.from]);
  if (change.to) moves.push(["organization_member_create", change.to]);
  return moves.map(([action, organization]) =>
    db.run(sql`
    INSERT INTO ckan_operations (id, seq, action, organization, agency_id, user_id, email, membership_id, cause, status, attempts, next_attempt_at, created_at)
    SELECT 'ckop_' || lower(hex(randomblob(12))),
      (SELECT coalesce(max(seq), 0) FROM ckan_operations) + row_number() OVER (ORDER BY m.id),
      ${action}, ${organization}, m.agency_id, m.user_id, coalesce(app.applicant_email, u.email, ''), m.id,
      'agency.remapped', 'pending', 0, ${change.now}, ${change.now}
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    LEFT JOIN applications app ON app.id = m.application_id
    WHERE m.agency_id = ${change.agencyId} AND m.status = 'active' AND ${change.guard}
      AND ${agrees(action, sql`m.user_id`, sql`${organization}`)}`),
  );
}
