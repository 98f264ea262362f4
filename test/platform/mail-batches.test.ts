import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deliverOutbox } from "../../src/services/platform/outbox";
import { unique } from "../helpers/fixtures";
import { rows } from "../helpers/db";
import { json, queue, simulated, statusOf } from "../helpers/resend-sim";

// Batches and pacing (issue 12): Resend's batch endpoint, at most MAIL_REQUESTS_PER_SECOND
// across isolates, a batch always resent whole under its own key.

afterEach(() => {
  vi.restoreAllMocks();
});

describe("batches and pacing", () => {
  it("250 messages due at once: batches of at most 100, never more than 2 requests in a second of simulated time", async () => {
    const T0 = Date.UTC(2026, 10, 30, 4, 0, 0);
    const { deps, clock } = simulated(T0);
    await env.DB.prepare("UPDATE outbox SET status = 'failed' WHERE status = 'pending'").run();
    const ids = await queue(250, T0);
    const requests: { at: number; size: number; key: string; url: string }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
      const body = JSON.parse(String(init?.body)) as unknown[];
      requests.push({
        at: clock.now(),
        size: Array.isArray(body) ? body.length : 1,
        key: new Headers(init?.headers).get("Idempotency-Key") ?? "",
        url: String(url),
      });
      return json(200, { data: (Array.isArray(body) ? body : [body]).map(() => ({ id: unique("re_") })) });
    });
    await deliverOutbox(deps);
    expect(requests.map((r) => r.size)).toEqual([100, 100, 50]);
    expect(requests.every((r) => r.url === "https://api.resend.com/emails/batch")).toBe(true);
    const perSecond = new Map<number, number>();
    for (const r of requests) perSecond.set(Math.floor(r.at / 1000), (perSecond.get(Math.floor(r.at / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(2);
    expect(new Set(requests.map((r) => r.key)).size).toBe(3);
    const statuses = await rows(
      "SELECT status, count(*) AS n FROM outbox WHERE template = 'test_message' AND created_at = ? GROUP BY status",
      T0,
    );
    expect(statuses).toEqual([{ status: "sent", n: ids.length }]);
  });

  it("with a rate of 1, five single messages take five seconds of simulated time", async () => {
    const T0 = Date.UTC(2026, 10, 30, 5, 0, 0);
    const { deps, clock } = simulated(T0, 1);
    await env.DB.prepare("UPDATE outbox SET status = 'failed' WHERE status = 'pending'").run();
    const ids = await queue(5, T0);
    const at: number[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(
      async () => (at.push(clock.now()), json(200, { id: unique("re_") })),
    );
    for (const id of ids) await deliverOutbox(deps, [id]);
    expect(at.map((t) => Math.floor(t / 1000) - Math.floor(T0 / 1000))).toEqual([0, 1, 2, 3, 4]);
  });

  it("a batch that fails with 500 is resent whole, under its own key; a batch refused as invalid goes one by one", async () => {
    const T0 = Date.UTC(2026, 10, 30, 6, 0, 0);
    const { deps, clock } = simulated(T0);
    await env.DB.prepare("UPDATE outbox SET status = 'failed' WHERE status = 'pending'").run();
    const ids = await queue(3, T0);
    const calls: { url: string; key: string }[] = [];
    let n = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
      calls.push({ url: String(url), key: new Headers(init?.headers).get("Idempotency-Key") ?? "" });
      n++;
      if (n === 1)
        return json(500, { name: "internal_server_error", message: "An unexpected error occurred.", statusCode: 500 });
      if (n === 2) return json(422, { name: "validation_error", message: "Invalid `to` field.", statusCode: 422 });
      return json(200, { id: unique("re_") });
    });
    await deliverOutbox(deps);
    clock.set((await statusOf(ids[0]!)).next_attempt_at + 1);
    await deliverOutbox(deps);
    expect(calls[0]!.url).toBe("https://api.resend.com/emails/batch");
    expect(calls[1]).toEqual(calls[0]); // the same batch, the same key
    expect(
      calls
        .slice(2)
        .map((c) => c.key)
        .sort(),
    ).toEqual([...ids].sort()); // then alone, each its own id
    for (const id of ids) expect((await statusOf(id)).status).toBe("sent");
  });

  it("a batch retried after a recipient was suppressed is still resent whole, under its key", async () => {
    const T0 = Date.UTC(2026, 10, 30, 7, 0, 0);
    const { deps, clock } = simulated(T0);
    await env.DB.prepare("UPDATE outbox SET status = 'failed' WHERE status = 'pending'").run();
    const ids = await queue(3, T0);
    const sizes: number[] = [];
    const keys: string[] = [];
    let n = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (_url, init) => {
      sizes.push((JSON.parse(String(init?.body)) as unknown[]).length);
      keys.push(new Headers(init?.headers).get("Idempotency-Key") ?? "");
      if (++n === 1) return Promise.reject(new TypeError("fetch failed")); // perhaps sent, perhaps not
      return json(200, { data: [{ id: unique("re_") }, { id: unique("re_") }, { id: unique("re_") }] });
    });
    await deliverOutbox(deps);
    const [first] = await rows('SELECT "to" FROM outbox WHERE id = ?', ids[0]);
    await env.DB.prepare("INSERT INTO email_suppressions (address, reason, created_at) VALUES (?, 'bounce', ?)")
      .bind((JSON.parse(String(first!.to)) as string[])[0]!, T0)
      .run();
    clock.set((await statusOf(ids[0]!)).next_attempt_at);
    await deliverOutbox(deps);
    expect(sizes).toEqual([3, 3]);
    expect(keys[1]).toBe(keys[0]);
    for (const id of ids) expect((await statusOf(id)).status).toBe("sent");
  });
});
