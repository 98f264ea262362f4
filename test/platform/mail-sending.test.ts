import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SECOND, fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import { resendMailer } from "../../src/services/platform/mailer";
import { backoff, deliverOutbox } from "../../src/services/platform/outbox";
import { queueEmail } from "../../src/db/statements/outbox";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import { submitApplication } from "../../src/services/applications/submit";
import { users } from "../../src/db/schema";
import { eq } from "drizzle-orm";
import { createAgency, db, unique } from "../helpers/fixtures";
import { applicant } from "../helpers/flow-approval";
import { rows } from "../helpers/db";

// Rate-aware sending (issue 12): Resend's answers intercepted at fetch, as its API documents
// them (https://resend.com/docs/api-reference/errors, .../emails/send-batch-emails).

afterEach(() => {
  vi.restoreAllMocks();
});

/** Deps sending through Resend on a fixed clock that sleeping moves (simulated time). */
function simulated(start: number, perSecond = 2) {
  const clock = fixedClock(start);
  const base = buildDeps(env);
  const deps: Deps = {
    ...base,
    clock,
    config: { ...base.config, mailRequestsPerSecond: perSecond, mailTimeoutMs: 50 },
    mail: resendMailer("re_test", 50),
    sleep: async (ms) => clock.advance(ms),
  };
  return { deps, clock };
}

async function queue(n: number, now: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const to = `${unique("r")}@mail.go.th`;
    const message = queueEmail(db, {
      template: "test_message",
      to: [to],
      email: { subject: `Test ${i}`, text: "hello", html: "<p>hello</p>" },
      now,
    });
    await message.statement;
    ids.push(message.id);
  }
  return ids;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const statusOf = async (id: string) =>
  (await rows("SELECT status, attempts, next_attempt_at, provider_id, last_error FROM outbox WHERE id = ?", id))[0] as {
    status: string;
    attempts: number;
    next_attempt_at: number;
    provider_id: string | null;
    last_error: string | null;
  };

describe("retries", () => {
  it("500, then 429 with retry-after, then a timeout, then 200: delivered once, the same Idempotency-Key every time", async () => {
    const T0 = Date.UTC(2026, 10, 30, 3, 0, 0);
    const { deps, clock } = simulated(T0);
    const [id] = await queue(1, T0);
    const keys: string[] = [];
    let call = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (_url, init) => {
      keys.push(new Headers(init?.headers).get("Idempotency-Key") ?? "");
      call++;
      if (call === 1)
        return json(500, { name: "internal_server_error", message: "An unexpected error occurred.", statusCode: 500 });
      if (call === 2)
        return json(
          429,
          {
            name: "rate_limit_exceeded",
            message: "Too many requests. You can only make 2 requests per second.",
            statusCode: 429,
          },
          { "retry-after": "7" },
        );
      // The third never answers: the mailer's timeout aborts it.
      if (call === 3)
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
        );
      return json(200, { id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" });
    });

    await deliverOutbox(deps, [id!]);
    let row = await statusOf(id!);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    clock.set(row.next_attempt_at);
    await deliverOutbox(deps);
    row = await statusOf(id!);
    expect(row).toMatchObject({ status: "pending", attempts: 1 }); // a 429 spends no attempt
    expect(row.next_attempt_at).toBe(clock.now() + 7 * SECOND); // retry-after honoured
    clock.set(row.next_attempt_at);
    await deliverOutbox(deps);
    row = await statusOf(id!);
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row.last_error).toMatch(/no answer/);
    clock.set(row.next_attempt_at);
    await deliverOutbox(deps);
    expect(await statusOf(id!)).toMatchObject({
      status: "sent",
      attempts: 3,
      provider_id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
    });
    expect(keys).toEqual([id, id, id, id]);
    await deliverOutbox(deps);
    expect(call).toBe(4); // one successful call, none after it
  });

  it("backoff doubles from a minute to six hours, with jitter in its upper half", () => {
    expect(backoff(0, () => 0)).toBe(30_000);
    expect(backoff(0, () => 1)).toBe(60_000);
    expect(backoff(3, () => 0.5)).toBe(6 * 60_000);
    expect(backoff(20, () => 1)).toBe(6 * 3600_000);
  });

  it("the worker stops after the commit, before its waitUntil runs: the cron sends the message later", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const [user] = await db.select().from(users).where(eq(users.email, who.email));
    const T0 = Date.now();
    const { deps } = simulated(T0);
    // The service commits its transition (the outbox row in the same batch); nobody delivers.
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => json(200, { id: unique("re_") }));
    const { outboxIds } = await submitApplication(
      deps,
      user!,
      { agencyId: agency.id, role: "steward", position: "นักวิเคราะห์", phone: "021234567", reason: "เผยแพร่ข้อมูล" },
      { ip: null, userAgent: null },
    );
    expect(outboxIds.length).toBeGreaterThan(0);
    for (const id of outboxIds) expect((await statusOf(id)).status).toBe("pending");
    await runScheduledWork(deps);
    for (const id of outboxIds) expect((await statusOf(id)).status).toBe("sent");
  });
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

describe("the team's limits and the operator's mistakes", () => {
  it("429s do not spend a message's attempts: eight of them in a row and it still waits, then goes", async () => {
    const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
    const { deps, clock } = simulated(T0);
    const [id] = await queue(1, T0);
    let n = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async () =>
      ++n <= 9
        ? json(
            429,
            {
              name: "daily_quota_exceeded",
              message: "You have reached your daily email sending quota.",
              statusCode: 429,
            },
            { "retry-after": "60" },
          )
        : json(200, { id: "after-quota" }),
    );
    for (let i = 0; i < 9; i++) {
      await deliverOutbox(deps, i === 0 ? [id!] : undefined);
      const row = await statusOf(id!);
      expect(row).toMatchObject({ status: "pending", attempts: 0 });
      expect(row.next_attempt_at).toBe(clock.now() + 60 * SECOND);
      clock.set(row.next_attempt_at);
    }
    await deliverOutbox(deps);
    expect(await statusOf(id!)).toMatchObject({ status: "sent", provider_id: "after-quota", attempts: 1 });
  });

  it("a refused API key (401) is retried later, and the sweep stops at the first refusal", async () => {
    const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
    const { deps } = simulated(T0);
    await env.DB.prepare("UPDATE outbox SET status = 'failed' WHERE status = 'pending'").run();
    const a = await queue(1, T0);
    const b = await queue(1, T0 + 1);
    let calls = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
      calls++;
      return json(401, {
        name: "restricted_api_key",
        message: "This API key is restricted to only send emails.",
        statusCode: 401,
      });
    });
    await deliverOutbox(deps, [...a, ...b]);
    expect(calls).toBe(1);
    for (const id of [...a, ...b]) expect((await statusOf(id)).status).toBe("pending");
  });

  it("a sign-in code is sent even to a suppressed address: the person asking is at the screen", async () => {
    const agency = await createAgency();
    const email = `${unique("u")}@${agency.domain}`;
    await env.DB.prepare("INSERT INTO email_suppressions (address, reason, created_at) VALUES (?, 'bounce', ?)")
      .bind(email, Date.now())
      .run();
    const { deps } = simulated(Date.now());
    const sent: string[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (_u, init) => {
      sent.push(String(init?.body));
      return json(200, { id: unique("re_") });
    });
    const code = queueEmail(db, {
      template: "sign_in_code",
      to: [email],
      email: { subject: "รหัส / Code", text: "123456", html: "<p>123456</p>" },
      now: deps.clock.now(),
    });
    await code.statement;
    await deliverOutbox(deps, [code.id]);
    expect((await statusOf(code.id)).status).toBe("sent");
    expect(sent).toHaveLength(1);
  });
});
