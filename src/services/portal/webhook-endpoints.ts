import { desc, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints, type User } from "../../db/schema";
import { runBatch } from "../../db/guarded";
import { actorOf, auditStatement } from "../../db/statements/audit";
import { AppError } from "../../errors";
import type { Environment } from "../../env";
import { newId } from "../../lib/ids";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../../lib/vocabulary";
import type { Deps, RequestMeta } from "../../deps";

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
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** The longest URL accepted (characters). */
export const MAX_WEBHOOK_URL = 2000;
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007F-\u009F\u2028\u2029]/;

/**
 * Why `url` cannot receive events, or null when it can: absolute `https:` (plain `http:` only
 * outside production, for loopback receivers in development and tests), no user name or password
 * (a credential in a URL ends up in logs), no fragment (never sent), no white space or control
 * characters, at most 2,000 characters.
 */
export function webhookUrlProblem(url: string, environment: Environment): string | null {
  if (url.length > MAX_WEBHOOK_URL) return `ยาวเกิน ${MAX_WEBHOOK_URL} ตัวอักษร / at most ${MAX_WEBHOOK_URL} characters`;
  if (CONTROL_OR_SPACE.test(url)) return "มีช่องว่างหรืออักขระควบคุม / contains spaces or control characters";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "ไม่ใช่ URL ที่สมบูรณ์ / not an absolute URL";
  }
  const http = parsed.protocol === "http:" && environment !== "production";
  if (parsed.protocol !== "https:" && !http) return "ต้องขึ้นต้นด้วย https:// / must be https://";
  if (parsed.username || parsed.password) return "ห้ามมีชื่อผู้ใช้หรือรหัสผ่านใน URL / no user name or password in the URL";
  if (url.includes("#")) return "ห้ามมีส่วน # ใน URL / no #fragment";
  if (!parsed.hostname) return "ไม่มีชื่อโฮสต์ / no host name";
  if (environment === "production" && isPrivateHost(parsed.hostname))
    return "ห้ามใช้ที่อยู่ภายในเครื่องหรือเครือข่ายภายใน / not a loopback or private network address";
  return null;
}

/**
 * Whether `hostname` (as URL parses it) names this machine or a private network: `localhost`,
 * and IP literals in loopback, private, link-local, carrier-grade NAT or unspecified ranges
 * (RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291). A host name that resolves there is not
 * caught here: Workers do not reach private networks in production.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (!host.includes(":")) return false;
  return host === "::" || host === "::1" || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith("::ffff:");
}

function checkUrl(url: string, environment: Environment): string {
  const problem = webhookUrlProblem(url, environment);
  if (problem)
    throw new AppError(
      "invalid_request",
      { th: "URL ของปลายทางใช้ไม่ได้", en: "The endpoint's URL cannot be used." },
      { errors: [{ path: "url", message: problem }] },
    );
  return url;
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

function endpointOf(row: Row): WebhookEndpoint {
  return { ...row, events: JSON.parse(row.events) as WebhookSubscription };
}

/** Every endpoint, newest first. */
export async function listWebhookEndpoints(deps: Deps): Promise<WebhookEndpoint[]> {
  const rows = await deps.db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(endpointOf);
}

/** One endpoint; throws 404 `not_found`. */
export async function getWebhookEndpoint(deps: Deps, id: string): Promise<WebhookEndpoint> {
  const [row] = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
  if (!row) throw new AppError("not_found", { th: "ไม่พบปลายทางนี้", en: "No such webhook endpoint." });
  return endpointOf(row);
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
  return endpointOf(row);
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

/**
 * Gives an endpoint a fresh secret at once (the old one stops: deliveries signed with it fail
 * at the receiver until it has the new one, and are retried on the schedule). Audited
 * `webhook_endpoint.secret_rotated` (never a secret). Throws 404 `not_found`.
 */
export async function rotateWebhookSecret(
  deps: Deps,
  admin: User,
  id: string,
  meta: RequestMeta,
): Promise<WebhookEndpoint> {
  const now = deps.clock.now();
  const [updated] = await runBatch(deps.db, [
    deps.db
      .update(webhookEndpoints)
      .set({ secret: newWebhookSecret(), updatedAt: now })
      .where(eq(webhookEndpoints.id, id))
      .returning({ id: webhookEndpoints.id }),
    auditStatement(deps.db, {
      actor: actorOf(admin),
      action: "webhook_endpoint.secret_rotated",
      subject: `webhook_endpoint:${id}`,
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
