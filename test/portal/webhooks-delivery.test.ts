import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HOUR, MINUTE, SECOND } from "../../src/lib/clock";
import {
  deliverWebhooks,
  MAX_WEBHOOK_ATTEMPTS,
  WEBHOOK_RETRY_SCHEDULE_MS,
} from "../../src/services/portal/webhook-delivery";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import { vi } from "vitest";
import {
  addEndpoint,
  deliveriesOf,
  intercept,
  neverAnswer,
  queueEvent,
  simulated,
  verified,
} from "../helpers/webhook-receiver";

// Sending signed events (issue 13): Standard Webhooks headers and signature, the retry schedule,
// the same webhook-id on every attempt, timeouts, redirects, leases under concurrent deliverers.

// Storage is shared within the file: each test's events go to its own endpoints only.
beforeEach(async () => {
  await env.DB.prepare("UPDATE webhook_endpoints SET status = 'disabled'").run();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("one delivery", () => {
  it("POSTs the stored payload, signed: a receiver verifies it with the secret; 2xx marks it delivered", async () => {
    const T0 = Date.now();
    const { deps } = simulated(T0);
    const endpoint = await addEndpoint();
    const eventId = await queueEvent("key.created", T0, { keyId: "key_1", prefix: "stw_test_ab" });
    const received = intercept(() => new Response(null, { status: 204 }));
    await deliverWebhooks(deps, [eventId]);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.url).toBe(endpoint.url);
    expect(request!.redirect).toBe("manual");
    expect(request!.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": eventId,
      "webhook-timestamp": String(Math.floor(T0 / 1000)),
    });
    expect(request!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = verified(endpoint.secret, request!);
    expect(payload).toEqual({
      type: "key.created",
      timestamp: new Date(T0).toISOString(),
      data: { keyId: "key_1", prefix: "stw_test_ab" },
    });
    // Another secret does not verify it: the signature is over this endpoint's secret.
    const other = await addEndpoint({ status: "disabled" });
    expect(() => verified(other.secret, request!)).toThrow();
    expect(() => verified(endpoint.secret, { ...request!, body: request!.body.replace("key_1", "key_2") })).toThrow();
    expect((await deliveriesOf(endpoint.id, eventId))[0]).toMatchObject({
      status: "delivered",
      attempts: 1,
      last_status: 204,
      last_error: null,
      lease_until: null,
    });
    await deliverWebhooks(deps);
    expect(received).toHaveLength(1); // delivered: never again
  });

  it("500, then success on the retry 5 s later: delivered, with the same webhook-id, signed anew", async () => {
    const T0 = Date.now();
    const { deps, clock } = simulated(T0);
    const endpoint = await addEndpoint();
    const eventId = await queueEvent("key.revoked", T0, { keyId: "key_2" });
    const received = intercept((_r, n) =>
      n === 1 ? new Response(`Internal error\u0000\n${"x".repeat(5000)}`, { status: 500 }) : new Response("ok"),
    );
    await deliverWebhooks(deps, [eventId]);
    let [row] = await deliveriesOf(endpoint.id, eventId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_status: 500, next_attempt_at: T0 + 5 * SECOND });
    expect(row!.last_error!.length).toBeLessThanOrEqual(200);
    expect(row!.last_error).toMatch(/^HTTP 500/);
    expect(row!.last_error).not.toMatch(/[\u0000-\u001f]/);
    clock.advance(4 * SECOND);
    await deliverWebhooks(deps);
    expect(received).toHaveLength(1); // not due yet
    clock.advance(SECOND);
    await deliverWebhooks(deps);
    [row] = await deliveriesOf(endpoint.id, eventId);
    expect(row).toMatchObject({ status: "delivered", attempts: 2, last_status: 200 });
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([eventId, eventId]);
    expect(received[1]!.headers["webhook-timestamp"]).toBe(String(Math.floor((T0 + 5 * SECOND) / 1000)));
    expect(verified(endpoint.secret, received[1]!).data).toEqual({ keyId: "key_2" });
  });

  it("a timeout and a network error are retried; a redirect is a failure, not followed", async () => {
    const T0 = Date.now();
    const { deps, clock } = simulated(T0);
    const endpoint = await addEndpoint();
    const eventId = await queueEvent("key.rotated", T0);
    const received = intercept((r, n, signal) => {
      if (n === 1) return neverAnswer(r, n, signal);
      if (n === 2) throw new TypeError("Network connection lost.");
      if (n === 3) return new Response(null, { status: 302, headers: { location: "https://elsewhere.example.test/" } });
      return new Response("ok");
    });
    const due = async () => {
      const [row] = await deliveriesOf(endpoint.id, eventId);
      clock.set(row!.next_attempt_at);
      await deliverWebhooks(deps);
      return (await deliveriesOf(endpoint.id, eventId))[0]!;
    };
    let row = await due();
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_status: null });
    expect(row.last_error).toMatch(/no answer within/);
    row = await due();
    expect(row).toMatchObject({ status: "pending", attempts: 2, last_status: null });
    expect(row.last_error).toMatch(/network error: Network connection lost/);
    expect(row.next_attempt_at - clock.now()).toBe(5 * MINUTE);
    row = await due();
    expect(row).toMatchObject({ status: "pending", attempts: 3, last_status: 302 });
    expect(row.last_error).toMatch(/redirect not followed/);
    row = await due();
    expect(row).toMatchObject({ status: "delivered", attempts: 4 });
    expect(received.map((r) => r.url)).toEqual([endpoint.url, endpoint.url, endpoint.url, endpoint.url]);
  });

  it("the schedule is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; after the 8th failure: failed", async () => {
    expect(WEBHOOK_RETRY_SCHEDULE_MS).toEqual([
      0,
      5 * SECOND,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      10 * HOUR,
    ]);
    const T0 = Date.now();
    const { deps, clock } = simulated(T0);
    const endpoint = await addEndpoint();
    const eventId = await queueEvent("key.created", T0);
    const received = intercept(() => new Response("down", { status: 503 }));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_WEBHOOK_ATTEMPTS; attempt++) {
      const [before] = await deliveriesOf(endpoint.id, eventId);
      waits.push(before!.next_attempt_at - clock.now());
      clock.set(before!.next_attempt_at);
      await deliverWebhooks(deps);
    }
    expect(waits).toEqual(WEBHOOK_RETRY_SCHEDULE_MS);
    const [row] = await deliveriesOf(endpoint.id, eventId);
    expect(row).toMatchObject({
      status: "failed",
      attempts: 8,
      last_status: 503,
      last_error: "HTTP 503 Service Unavailable: down",
    });
    clock.advance(24 * HOUR);
    await deliverWebhooks(deps);
    expect(received).toHaveLength(8);
    expect(new Set(received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([eventId]));
  });

  it("410 Gone fails the delivery at once; the endpoint stays enabled", async () => {
    const T0 = Date.now();
    const { deps } = simulated(T0);
    const endpoint = await addEndpoint();
    const eventId = await queueEvent("key.created", T0);
    intercept(() => new Response("gone", { status: 410 }));
    await deliverWebhooks(deps, [eventId]);
    expect((await deliveriesOf(endpoint.id, eventId))[0]).toMatchObject({
      status: "failed",
      attempts: 1,
      last_status: 410,
    });
  });
});

describe("who gets what", () => {
  it("only enabled, subscribed endpoints get a delivery; a disabled endpoint's pending ones are not sent", async () => {
    const T0 = Date.now();
    const { deps } = simulated(T0);
    const all = await addEndpoint({ events: ["*"] });
    const keys = await addEndpoint({ events: ["key.revoked"] });
    const memberships = await addEndpoint({ events: ["membership.revoked"] });
    const off = await addEndpoint({ status: "disabled" });
    const eventId = await queueEvent("key.revoked", T0);
    expect((await deliveriesOf(all.id, eventId)).length).toBe(1);
    expect((await deliveriesOf(keys.id, eventId)).length).toBe(1);
    expect((await deliveriesOf(memberships.id, eventId)).length).toBe(0);
    expect((await deliveriesOf(off.id, eventId)).length).toBe(0);
    // Queued while enabled, then disabled (straight in the table): not sent.
    await env.DB.prepare("UPDATE webhook_endpoints SET status = 'disabled' WHERE id = ?").bind(keys.id).run();
    const received = intercept();
    await deliverWebhooks(deps, [eventId]);
    expect(received.map((r) => r.url)).toEqual([all.url]);
    expect((await deliveriesOf(keys.id, eventId))[0]).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("concurrent deliverers", () => {
  it("three deliverers at once send each of 25 deliveries exactly once", async () => {
    const T0 = Date.now();
    const { deps } = simulated(T0);
    const endpoint = await addEndpoint({ events: ["key.created"] });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await queueEvent("key.created", T0, { n: i }));
    const received = intercept(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return new Response("ok");
    });
    await Promise.all([deliverWebhooks(deps), deliverWebhooks(deps), deliverWebhooks(deps)]);
    const sent = received.filter((r) => r.url === endpoint.url).map((r) => r.headers["webhook-id"]);
    expect(sent.sort()).toEqual([...ids].sort());
    const rows = await deliveriesOf(endpoint.id);
    expect(rows.every((r) => r.status === "delivered" && r.attempts === 1)).toBe(true);
  });

  it("the cron's run sends what is due, and a failing delivery does not stop its other work", async () => {
    const T0 = Date.now();
    const { deps } = simulated(T0);
    const endpoint = await addEndpoint({ events: ["key.rotated"] });
    const eventId = await queueEvent("key.rotated", T0);
    intercept(() => {
      throw new TypeError("boom");
    });
    const ran = await runScheduledWork(deps);
    expect(ran.at(-1)).toBe("deliver_webhooks");
    expect((await deliveriesOf(endpoint.id, eventId))[0]).toMatchObject({ status: "pending", attempts: 1 });
  });
});
