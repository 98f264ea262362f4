import { and, eq, inArray, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { HOUR, MINUTE, SECOND } from "../../lib/clock";
import type { Deps } from "../../deps";

// Sending signed events (Standard Webhooks, https://www.standardwebhooks.com/): each delivery
// row (written in the batch of the change it reports, src/db/statements/portal.ts) is claimed
// with a lease, POSTed with `webhook-id`, `webhook-timestamp` and `webhook-signature`, and
// recorded. Delivery is at least once: a receiver that answered 2xx after we gave up waiting, or
// a deliverer that stopped before recording, means the event comes again, with the same
// `webhook-id` — receivers deduplicate by it. Order is not guaranteed.

/**
 * The wait before each attempt (ms): immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h —
 * Svix's schedule, which the Standard Webhooks specification recommends ("Retry schedule",
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md;
 * https://docs.svix.com/retries). After the 8th attempt fails, the delivery is `failed`.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];
export const MAX_WEBHOOK_ATTEMPTS = WEBHOOK_RETRY_SCHEDULE_MS.length;

/** How long a claim holds a row (ms): longer than a request may take, so no one else sends it meanwhile. */
const LEASE_MS = 2 * MINUTE;
/** Rows claimed and sent together (in parallel, each within its lease). */
const CLAIM_SIZE = 10;
/** Rows one call sends at most (the cron sends the rest on its next run). */
const SWEEP_MAX = 100;
/** The most of a receiver's answer kept as the error (characters). */
const ERROR_MAX = 200;

type Claimed = typeof webhookDeliveries.$inferSelect;

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; final: boolean };

/** A text from outside, fit to keep: control characters and runs of white space made one space, cut short. */
export function shortError(text: string): string {
  const cleaned = text
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.length > ERROR_MAX ? `${cleaned.slice(0, ERROR_MAX - 1)}…` : cleaned;
}

/** The start of an answer's body (about 1 KB at most is read; the rest is cancelled). */
async function bodyStart(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < 1024) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut short is still an answer: its status says enough.
  } finally {
    reader.cancel().catch(() => {});
  }
  return text;
}

/**
 * Claims up to CLAIM_SIZE due rows of enabled endpoints (of the given events only, when given):
 * one UPDATE … RETURNING, so that concurrent deliverers never claim the same row. A claim counts
 * as an attempt (a deliverer that dies holding it does not retry for ever) and holds a lease.
 */
async function claim(deps: Deps, eventIds: string[] | undefined): Promise<Claimed[]> {
  const now = deps.clock.now();
  const only = eventIds ? sql`AND d.event_id IN (${sql.join(eventIds.slice(0, 90), sql`, `)})` : sql``;
  return deps.db
    .update(webhookDeliveries)
    .set({ leaseUntil: now + LEASE_MS, attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(
      sql`${webhookDeliveries.id} IN (
        SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.lease_until IS NULL OR d.lease_until < ${now})
          AND e.status = 'enabled' ${only}
        ORDER BY d.next_attempt_at LIMIT ${CLAIM_SIZE})
      AND ${webhookDeliveries.status} = 'pending' AND (${webhookDeliveries.leaseUntil} IS NULL OR ${webhookDeliveries.leaseUntil} < ${now})`,
    )
    .returning();
}

interface Receiver {
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: number | null;
}

/**
 * The `webhook-signature` of a payload at `now` (ms): the secret's signature, and while a
 * rotation's overlap lasts the old secret's too, space-separated (Standard Webhooks: a receiver
 * accepts the message when any one verifies). Throws when a secret is not `whsec_` base64.
 */
export function signatureOf(receiver: Omit<Receiver, "url">, eventId: string, now: number, payload: string): string {
  const secrets = [receiver.secret];
  if (receiver.previousSecret && receiver.previousSecretUntil !== null && now < receiver.previousSecretUntil)
    secrets.push(receiver.previousSecret);
  return secrets.map((secret) => new Webhook(secret).sign(eventId, new Date(now), payload)).join(" ");
}

/** One POST of a delivery's stored payload, signed with the endpoint's secret(s) at `now` (ms). */
async function post(deps: Deps, endpoint: Receiver, row: Claimed): Promise<Outcome> {
  const now = deps.clock.now();
  let signature: string;
  try {
    signature = signatureOf(endpoint, row.eventId, now, row.payload);
  } catch (error) {
    return { ok: false, status: null, error: shortError(`signing failed: ${String(error)}`), final: false };
  }
  try {
    const res = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": row.eventId,
        "webhook-timestamp": String(Math.floor(now / 1000)),
        "webhook-signature": signature,
        "user-agent": "steward-webhooks/1",
      },
      body: row.payload,
      // A redirect is a failure: the signed request goes where it was registered, nowhere else.
      redirect: "manual",
      signal: AbortSignal.timeout(deps.config.webhookTimeoutMs),
    });
    if (res.status >= 200 && res.status < 300) {
      res.body?.cancel().catch(() => {});
      return { ok: true, status: res.status };
    }
    if (res.status >= 300 && res.status < 400) {
      res.body?.cancel().catch(() => {});
      const to = res.headers.get("location");
      return {
        ok: false,
        status: res.status,
        error: shortError(`redirect not followed${to ? ` (to ${to})` : ""}`),
        final: false,
      };
    }
    const text = shortError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}: ${await bodyStart(res)}`);
    // 410 Gone: the receiver says this endpoint is no more. The delivery fails at once; the
    // endpoint stays as it is (an administrator decides whether to disable it).
    return { ok: false, status: res.status, error: text, final: res.status === 410 };
  } catch (error) {
    const name = error instanceof Error || error instanceof DOMException ? error.name : "";
    const timedOut = name === "TimeoutError" || name === "AbortError";
    return {
      ok: false,
      status: null,
      error: timedOut
        ? `no answer within ${deps.config.webhookTimeoutMs / 1000} s`
        : shortError(`network error: ${error instanceof Error ? error.message : String(error)}`),
      final: false,
    };
  }
}

/** Records an attempt, only while this deliverer still holds the row (its lease and attempt). */
async function record(deps: Deps, row: Claimed, outcome: Outcome): Promise<void> {
  const now = deps.clock.now();
  const held = and(
    eq(webhookDeliveries.id, row.id),
    eq(webhookDeliveries.leaseUntil, row.leaseUntil!),
    eq(webhookDeliveries.attempts, row.attempts),
  );
  if (outcome.ok) {
    await deps.db
      .update(webhookDeliveries)
      .set({ status: "delivered", deliveredAt: now, lastStatus: outcome.status, lastError: null, leaseUntil: null })
      .where(held);
    return;
  }
  const giveUp = outcome.final || row.attempts >= MAX_WEBHOOK_ATTEMPTS;
  await deps.db
    .update(webhookDeliveries)
    .set({
      status: giveUp ? "failed" : "pending",
      lastStatus: outcome.status,
      lastError: outcome.error,
      leaseUntil: null,
      ...(giveUp ? {} : { nextAttemptAt: now + WEBHOOK_RETRY_SCHEDULE_MS[row.attempts]! }),
    })
    .where(held);
}

/**
 * Sends due deliveries: those of the given events (`eventIds`, after the commit that queued
 * them) or every due one (the cron). Deliveries of a disabled or deleted endpoint are not sent.
 * Each is POSTed once per claim: 2xx is `delivered`; anything else (a 3xx too: redirects are
 * not followed), a timeout (config.webhookTimeoutMs) or a network error is retried on
 * WEBHOOK_RETRY_SCHEDULE_MS, then `failed`; 410 fails it at once. Keeps the last HTTP status and
 * a short error (at most 200 characters of the answer, control characters removed). Returns how
 * many deliveries it attempted. Never throws (errors are logged; the cron retries).
 */
export async function deliverWebhooks(deps: Deps, eventIds?: string[]): Promise<number> {
  if (eventIds && eventIds.length === 0) return 0;
  let attempted = 0;
  try {
    while (attempted < SWEEP_MAX) {
      const claimed = await claim(deps, eventIds);
      if (claimed.length === 0) break;
      const ids = [...new Set(claimed.map((r) => r.endpointId))];
      const endpoints = new Map(
        (
          await deps.db
            .select({
              id: webhookEndpoints.id,
              url: webhookEndpoints.url,
              secret: webhookEndpoints.secret,
              previousSecret: webhookEndpoints.previousSecret,
              previousSecretUntil: webhookEndpoints.previousSecretUntil,
            })
            .from(webhookEndpoints)
            .where(inArray(webhookEndpoints.id, ids))
        ).map((e) => [e.id, e]),
      );
      await Promise.all(
        claimed.map(async (row) => {
          const endpoint = endpoints.get(row.endpointId);
          // Deleted between the claim and now: its deliveries went with it.
          if (!endpoint) return;
          await record(deps, row, await post(deps, endpoint, row));
        }),
      );
      attempted += claimed.length;
    }
  } catch (error) {
    console.error("webhook delivery failed", error instanceof Error ? error.message : error);
  }
  return attempted;
}
