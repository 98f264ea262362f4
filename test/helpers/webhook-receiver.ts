import { env } from "cloudflare:test";
import { vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import { queueWebhookEvent } from "../../src/db/statements/portal";
import { newWebhookSecret } from "../../src/services/portal/webhook-endpoints";
import type { WebhookEventType } from "../../src/lib/vocabulary";
import { db, unique } from "./fixtures";
import { rows } from "./db";

// Receivers of signed events live outside the machine: their URLs are on `.example.test`, and
// outbound fetch to them is intercepted here. Anything else goes to the real fetch.

/** One request a receiver got: where, the headers that matter, the raw body. */
export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  redirect: string | undefined;
}

type Answer = (request: Received, n: number, signal: AbortSignal | null) => Response | Promise<Response>;

/**
 * Intercepts fetch to `*.example.test`: each request is recorded and answered by `answer`
 * (200 by default). Restored by `vi.restoreAllMocks()`.
 */
export function intercept(answer: Answer = () => new Response("ok")) {
  const received: Received[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!new URL(url).hostname.endsWith(".example.test")) return real(input, init);
    const request: Received = {
      url,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: String(init?.body ?? ""),
      redirect: init?.redirect,
    };
    received.push(request);
    return answer(request, received.length, init?.signal ?? null);
  });
  return received;
}

/** A request that never answers: it ends when the deliverer's timeout aborts it. */
export const neverAnswer = (_r: Received, _n: number, signal: AbortSignal | null) =>
  new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));

/**
 * Verifies a received request the way a receiver does (`new Webhook(secret).verify`), at the
 * moment it was signed (the package refuses timestamps 5 minutes from its own clock, and tests
 * move theirs by hours). Returns the verified payload; throws if the signature is wrong.
 */
export function verified(secret: string, request: Received): { type: string; timestamp: string; data: any } {
  const at = Number(request.headers["webhook-timestamp"]) * 1000;
  const now = vi.spyOn(Date, "now").mockReturnValue(at);
  try {
    return new Webhook(secret).verify(request.body, request.headers) as never;
  } finally {
    now.mockRestore();
  }
}

/** An endpoint written straight to the table (as the service would), with its fresh secret. */
export async function addEndpoint(
  options: { events?: string[]; status?: "enabled" | "disabled"; path?: string } = {},
): Promise<{ id: string; url: string; secret: string }> {
  const id = unique("whe_");
  const url = `https://${unique("r")}.example.test${options.path ?? "/hooks"}`;
  const secret = newWebhookSecret();
  await env.DB.prepare(
    "INSERT INTO webhook_endpoints (id, url, description, secret, events, status, created_by, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?, 'admin:test', ?, ?)",
  )
    .bind(id, url, secret, JSON.stringify(options.events ?? ["*"]), options.status ?? "enabled", Date.now(), Date.now())
    .run();
  return { id, url, secret };
}

/** Queues one event at `now` (ms) to every subscribed endpoint, as a transition's batch would; its id. */
export async function queueEvent(type: WebhookEventType, now: number, data: Record<string, unknown> = {}) {
  const { eventId, statement } = queueWebhookEvent(db, { type, data, now });
  await statement;
  return eventId;
}

/** Deps on a fixed clock, with a 50 ms receiver timeout. */
export function simulated(start: number) {
  const clock = fixedClock(start);
  const base = buildDeps(env);
  const deps: Deps = { ...base, clock, config: { ...base.config, webhookTimeoutMs: 50 } };
  return { deps, clock };
}

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_status: number | null;
  last_error: string | null;
}

/** The deliveries of an endpoint (of one event, when given), oldest first. */
export async function deliveriesOf(endpointId: string, eventId?: string): Promise<DeliveryRow[]> {
  return (await rows(
    `SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ${eventId ? "AND event_id = ?" : ""} ORDER BY created_at, rowid`,
    ...(eventId ? [endpointId, eventId] : [endpointId]),
  )) as unknown as DeliveryRow[];
}

/** Waits until every delivery of the endpoint was attempted and recorded (after-response work). */
export async function settled(endpointId: string): Promise<DeliveryRow[]> {
  for (let i = 0; i < 100; i++) {
    const all = await deliveriesOf(endpointId);
    if (all.every((d) => d.status !== "pending" || (d.attempts > 0 && d.lease_until === null))) return all;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("webhook deliveries did not settle");
}
