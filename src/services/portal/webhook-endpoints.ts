import { desc, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { actorOf, auditStatement } from "../../db/statements/audit";
import { AppError } from "../../errors";
import { newId } from "../../lib/ids";
import { HOUR } from "../../lib/clock";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../lib/vocabulary";
import type { Deps, RequestMeta } from "../../deps";
import { checkUrl } from "./webhook-urls";

// Administrator-registered receivers of signed events (Standard Webhooks): other portals (DKAN,
// GD Catalog) and an agency's own systems. The signing secret must be kept as it is (an HMAC key,
// not a password: a hash could not sign), so administrators see it to configure their receiver.

/** What an endpoint subscribes to: every event (`["*"]`) or some of WEBHOOK_EVENT_TYPES. */
export type WebhookSubscription = ["*"] | WebhookEventType[];

/** An endpoint as administrators see it (with its secret: they configure the receiver with it). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  secret: string;
  events: WebhookSubscription;
  status: "enabled" | "disabled";
  /** Until when (ms) deliveries are also signed with the secret before the last rotation; null: they are not (any more). */
  previousSecretUntil: number | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** `["*"]` when asked for every event (alone or among others), else the types once each, in the list's order. */
export function subscriptionOf(events: readonly string[]): WebhookSubscription {
  if (events.includes("*")) return ["*"];
  const chosen = WEBHOOK_EVENT_TYPES.filter((t) => events.includes(t));
  const unknown = events.findIndex((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
  if (unknown >= 0 || chosen.length === 0)
    throw new AppError(
      "invalid_request",
      { th: "กรุณาเลือกเหตุการณ์อย่างน้อยหนึ่งรายการ", en: "Choose at least one known event type." },
      { errors: [{ path: unknown >= 0 ? `events.${unknown}` : "events", message: "an event type, or *" }] },
    );
  return chosen;
}

/** A fresh signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks' format; 24 at least). */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

type Row = typeof webhookEndpoints.$inferSelect;

function endpointOf(row: Row, now: number): WebhookEndpoint {
  // The secret before a rotation is never shown again (the receiver already has it).
  const { previousSecret: _previous, previousSecretUntil: until, ...shown } = row;
  return {
    ...shown,
    events: JSON.parse(row.events) as WebhookSubscription,
    previousSecretUntil: until !== null && until > now ? until : null,
  };
}

/** Every endpoint, newest first. */
export async function listWebhookEndpoints(deps: Deps): Promise<WebhookEndpoint[]> {
  const rows = await deps.db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
  return rows.map((row) => endpointOf(row, deps.clock.now()));
}

/** One endpoint; throws 404 `not_found`. */
export async function getWebhookEndpoint(deps: Deps, id: string): Promise<WebhookEndpoint> {
  const [row] = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
  if (!row) throw new AppError("not_found", { th: "ไม่พบปลายทางนี้", en: "No such webhook endpoint." });
  return endpointOf(row, deps.clock.now());
}

export interface EndpointInput {
  url: string;
  description?: string;
  events: readonly string[];
}

/**
 * Registers an endpoint, enabled, with a fresh secret; audited `webhook_endpoint.created` (the
 * URL and events, never the secret). Throws 400 `invalid_request` for a URL webhookUrlProblem
 * refuses or an event list subscriptionOf refuses.
 */
export async function registerWebhookEndpoint(
  deps: Deps,
  admin: User,
  input: EndpointInput,
  meta: RequestMeta,
): Promise<WebhookEndpoint> {
  const now = deps.clock.now();
  const row: Row = {
    id: newId("whe"),
    url: checkUrl(input.url, deps.config.environment),
    description: input.description ?? "",
    secret: newWebhookSecret(),
    previousSecret: null,
    previousSecretUntil: null,
    events: JSON.stringify(subscriptionOf(input.events)),
    status: "enabled",
    createdBy: actorOf(admin),
    createdAt: now,
    updatedAt: now,
  };
  await runBatch(deps.db, [
    deps.db.insert(webhookEndpoints).values(row),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "webhook_endpoint.created",
      subject: `webhook_endpoint:${row.id}`,
      detail: { url: row.url, events: JSON.parse(row.events) },
      at: now,
      meta,
    }),
  ]);
  return endpointOf(row, deps.clock.now());
}

export interface EndpointChange {
  url?: string;
  description?: string;
  events?: readonly string[];
  status?: "enabled" | "disabled";
}

/**
 * Changes an endpoint's URL, description, events or status; audited `webhook_endpoint.updated`
 * with what changed. Disabling it fails its pending deliveries ("endpoint disabled") in the same
 * batch: they are listed, and may be sent again once it is enabled. Throws 404 `not_found`,
 * 400 `invalid_request` (as registerWebhookEndpoint).
 */
export async function updateWebhookEndpoint(
  deps: Deps,
  admin: User,
  id: string,
  change: EndpointChange,
  meta: RequestMeta,
): Promise<WebhookEndpoint> {
  const before = await getWebhookEndpoint(deps, id);
  const now = deps.clock.now();
  const set: Partial<Row> = { updatedAt: now };
  if (change.url !== undefined) set.url = checkUrl(change.url, deps.config.environment);
  if (change.description !== undefined) set.description = change.description;
  if (change.events !== undefined) set.events = JSON.stringify(subscriptionOf(change.events));
  if (change.status !== undefined) set.status = change.status;
  const exists = sql`EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ${id})`;
  const [updated] = await runBatch(deps.db, [
    deps.db.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id)).returning(),
    ...(change.status === "disabled"
      ? [
          deps.db
            .update(webhookDeliveries)
            .set({ status: "failed", lastError: "endpoint disabled", leaseUntil: null })
            .where(sql`${webhookDeliveries.endpointId} = ${id} AND ${webhookDeliveries.status} = 'pending'`),
        ]
      : []),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "webhook_endpoint.updated",
      subject: `webhook_endpoint:${id}`,
      detail: {
        ...(set.url !== undefined && set.url !== before.url ? { url: set.url, previousUrl: before.url } : {}),
        ...(set.events !== undefined ? { events: JSON.parse(set.events) } : {}),
        ...(set.status !== undefined ? { status: set.status } : {}),
        ...(set.description !== undefined ? { description: set.description } : {}),
      },
      at: now,
      meta,
      guard: exists,
    }),
  ]);
  const row = (updated ?? [])[0] as Row | undefined;
  if (!row) throw new AppError("not_found", { th: "ไม่พบปลายทางนี้", en: "No such webhook endpoint." });
  return getWebhookEndpoint(deps, id);
}

/** How long the secret before a rotation still signs deliveries (ms): a day to give the receiver the new one. */
export const SECRET_OVERLAP_MS = 24 * HOUR;

/**
 * Gives an endpoint a fresh secret. For SECRET_OVERLAP_MS after, each delivery carries two
 * signatures in `webhook-signature` (the new secret's and the old one's, space-separated, as
 * Standard Webhooks provides for rotation), so a receiver that still verifies with the old secret
 * keeps accepting them until it has the new one. `immediately` (a secret that leaked): the old
 * secret stops at once. Audited `webhook_endpoint.secret_rotated` (never a secret). Throws 404
 * `not_found`.
 */
export async function rotateWebhookSecret(
  deps: Deps,
  admin: User,
  id: string,
  { immediately = false }: { immediately?: boolean },
  meta: RequestMeta,
): Promise<WebhookEndpoint> {
  const now = deps.clock.now();
  const oldUntil = immediately ? null : now + SECRET_OVERLAP_MS;
  const [updated] = await runBatch(deps.db, [
    deps.db
      .update(webhookEndpoints)
      .set({
        secret: newWebhookSecret(),
        // The value the row holds as the update runs (two rotations at once keep one chain).
        previousSecret: immediately ? null : sql`${webhookEndpoints.secret}`,
        previousSecretUntil: oldUntil,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning({ id: webhookEndpoints.id }),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "webhook_endpoint.secret_rotated",
      subject: `webhook_endpoint:${id}`,
      detail: { oldSecretSignsUntil: oldUntil === null ? null : new Date(oldUntil).toISOString() },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ${id})`,
    }),
  ]);
  if ((updated ?? []).length === 0)
    throw new AppError("not_found", { th: "ไม่พบปลายทางนี้", en: "No such webhook endpoint." });
  return getWebhookEndpoint(deps, id);
}

/**
 * Deletes an endpoint with its deliveries (none is sent after this), audited
 * `webhook_endpoint.deleted` with its URL. Throws 404 `not_found` (also when another
 * administrator deleted it first).
 */
export async function deleteWebhookEndpoint(deps: Deps, admin: User, id: string, meta: RequestMeta): Promise<void> {
  const now = deps.clock.now();
  const endpoint = await getWebhookEndpoint(deps, id);
  const [, deleted] = await runBatch(deps.db, [
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "webhook_endpoint.deleted",
      subject: `webhook_endpoint:${id}`,
      detail: { url: endpoint.url, events: endpoint.events },
      at: now,
      meta,
      guard: sql`EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ${id})`,
    }),
    deps.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id }),
    deps.db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id)),
  ]);
  if ((deleted ?? []).length === 0)
    throw new AppError("not_found", { th: "ไม่พบปลายทางนี้", en: "No such webhook endpoint." });
}
