import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SECOND } from "../../src/lib/clock";
import { deliverOutbox } from "../../src/services/platform/outbox";
import { backoff } from "../../src/lib/backoff";
import { queueEmail } from "../../src/db/statements/outbox";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import { submitApplication } from "../../src/services/applications/submit";
import { users } from "../../src/db/schema";
import { eq } from "drizzle-orm";
import { createAgency, db, unique } from "../helpers/fixtures";
import { applicant } from "../helpers/flow-approval";
import { json, queue, simulated, statusOf } from "../helpers/resend-sim";

// Retries of a message (issue 12): backoff and jitter, retry-after, timeouts, the same
// Idempotency-Key every time; the team's limits and the operator's mistakes.

afterEach(() => {
  vi.restoreAllMocks();
});

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
