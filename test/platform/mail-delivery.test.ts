import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SECOND, fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import { resendMailer } from "../../src/services/platform/mailer";
import { MAX_DELIVERY_ATTEMPTS, deliverOutbox } from "../../src/services/platform/outbox";
import { queueEmail } from "../../src/db/statements/outbox";
import worker from "../../src/index";
import { Client, ORIGIN, mailTo } from "../helpers/client";
import { createAgency, db, unique } from "../helpers/fixtures";
import { rows } from "../helpers/db";
import { json } from "../helpers/resend-sim";

afterEach(() => {
  vi.restoreAllMocks();
});

const T0 = Date.UTC(2026, 4, 1, 9, 0, 0);

function resendDeps() {
  const clock = fixedClock(T0);
  const deps: Deps = {
    ...buildDeps(env),
    clock,
    mail: resendMailer("re_test"),
    sleep: async (ms) => clock.advance(ms),
  };
  return { deps, clock };
}

/** A queued message (status pending), as a transition's batch writes it. */
async function queued(now = T0) {
  const to = `${unique("r")}@mail.go.th`;
  const message = queueEmail(db, {
    template: "test_message",
    to: [to],
    email: { subject: `ทดสอบ / Test ${to}`, text: "สวัสดี / Hello", html: "<p>สวัสดี / Hello</p>" },
    now,
  });
  await message.statement;
  return { id: message.id, to };
}

async function outboxRow(id: string) {
  const [row] = await rows("SELECT * FROM outbox WHERE id = ?", id);
  return row as {
    status: string;
    attempts: number;
    next_attempt_at: number;
    last_error: string | null;
    provider_id: string | null;
    sent_at: number | null;
  };
}

function resendAnswers(...answers: (() => Response)[]) {
  let i = 0;
  return vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
    const answer = answers[Math.min(i++, answers.length - 1)]!;
    return answer();
  });
}

const callsFor = (spy: ReturnType<typeof resendAnswers>, id: string) =>
  spy.mock.calls.filter(([, init]) => new Headers(init?.headers).get("Idempotency-Key") === id).length;

const requestOf = (spy: ReturnType<typeof resendAnswers>, n = 0) => {
  const [url, init] = spy.mock.calls[n]!;
  return { url: String(url), init: init!, headers: new Headers(init!.headers) };
};

describe("delivery through Resend", () => {
  it("200 { id }: sent, the provider id kept, the outbox id as Idempotency-Key", async () => {
    const { deps } = resendDeps();
    const message = await queued();
    const spy = resendAnswers(() => json(200, { id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" }));
    expect(await deliverOutbox(deps, [message.id])).toBe(1);

    expect(spy).toHaveBeenCalledTimes(1);
    const { url, init, headers } = requestOf(spy);
    expect(url).toBe("https://api.resend.com/emails");
    expect(init.method).toBe("POST");
    expect(headers.get("Idempotency-Key")).toBe(message.id);
    expect(headers.get("Authorization")).toBe("Bearer re_test");
    expect(JSON.parse(String(init.body))).toMatchObject({
      to: [message.to],
      subject: `ทดสอบ / Test ${message.to}`,
      text: "สวัสดี / Hello",
      from: deps.config.mailFrom,
    });

    expect(await outboxRow(message.id)).toMatchObject({
      status: "sent",
      provider_id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794",
      attempts: 1,
      sent_at: T0,
      last_error: null,
    });
    await deliverOutbox(deps, [message.id]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("429 rate_limit_exceeded: stays pending, no attempt spent, tried later; the retry carries the same Idempotency-Key", async () => {
    const { deps, clock } = resendDeps();
    const message = await queued();
    const spy = resendAnswers(
      () =>
        json(429, {
          name: "rate_limit_exceeded",
          message: "Too many requests. You can only make 2 requests per second.",
          statusCode: 429,
        }),
      () => json(200, { id: "retry-ok" }),
    );
    await deliverOutbox(deps, [message.id]);
    const after = await outboxRow(message.id);
    expect(after).toMatchObject({ status: "pending", attempts: 0, provider_id: null });
    expect(after.next_attempt_at).toBeGreaterThan(T0);
    expect(after.last_error).toMatch(/rate_limit_exceeded/);

    await deliverOutbox(deps);
    expect(callsFor(spy, message.id)).toBe(1);
    clock.set(after.next_attempt_at);
    await deliverOutbox(deps);
    expect(callsFor(spy, message.id)).toBe(2);
    expect(await outboxRow(message.id)).toMatchObject({ status: "sent", provider_id: "retry-ok", attempts: 1 });
  });

  it("500: stays pending for a retry", async () => {
    const { deps } = resendDeps();
    const message = await queued();
    resendAnswers(() =>
      json(500, { name: "internal_server_error", message: "An unexpected error occurred.", statusCode: 500 }),
    );
    await deliverOutbox(deps, [message.id]);
    const after = await outboxRow(message.id);
    expect(after).toMatchObject({ status: "pending", attempts: 1 });
    expect(after.next_attempt_at).toBeGreaterThan(T0);
  });

  it("422 validation_error: failed, not retried, the error recorded", async () => {
    const { deps, clock } = resendDeps();
    const message = await queued();
    const spy = resendAnswers(() =>
      json(422, {
        name: "validation_error",
        message: "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
        statusCode: 422,
      }),
    );
    await deliverOutbox(deps, [message.id]);
    const after = await outboxRow(message.id);
    expect(after.status).toBe("failed");
    expect(after.last_error).toMatch(/validation_error/);
    expect(after.last_error).toMatch(/Invalid `to` field/);
    clock.advance(24 * 3600 * SECOND);
    await deliverOutbox(deps);
    expect(callsFor(spy, message.id)).toBe(1);
  });

  it("a network error: stays pending; after the last attempt it is failed", async () => {
    const { deps, clock } = resendDeps();
    const message = await queued();
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("fetch failed"));
    await deliverOutbox(deps, [message.id]);
    expect(await outboxRow(message.id)).toMatchObject({ status: "pending", attempts: 1 });
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      clock.set((await outboxRow(message.id)).next_attempt_at);
      await deliverOutbox(deps, [message.id]);
    }
    expect(await outboxRow(message.id)).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
  });
});

describe("without RESEND_API_KEY", () => {
  it("nothing leaves the machine and /dev/mail lists the message from the moment it is queued", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const waiting = await queued(Date.now());
    const listed = await mailTo(waiting.to);
    expect(listed.map((m) => m.id)).toEqual([waiting.id]);
    expect(listed[0]).toMatchObject({ to: [waiting.to], subject: `ทดสอบ / Test ${waiting.to}` });

    const agency = await createAgency();
    const email = `${unique("u")}@${agency.domain}`;
    expect((await new Client().json("POST", "/api/v1/auth/email/start", { email })).status).toBe(202);
    const [sent] = await mailTo(email);
    expect(sent?.text).toMatch(/\b\d{6}\b/);
    let row = await outboxRow(sent!.id);
    for (let i = 0; i < 100 && row.status === "pending"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      row = await outboxRow(sent!.id);
    }
    expect(row).toMatchObject({ status: "local", provider_id: null });
    expect(spy).not.toHaveBeenCalled();
  });

  it("with RESEND_API_KEY the same request's e-mail goes to Resend after the response", async () => {
    const spy = resendAnswers(() => json(200, { id: "via-worker" }));
    const agency = await createAgency();
    const email = `${unique("u")}@${agency.domain}`;
    const ctx = createExecutionContext();
    const request = new Request(`${ORIGIN}/api/v1/auth/email/start`, {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/json", "cf-connecting-ip": "10.9.9.9" },
      body: JSON.stringify({ email }),
    });
    expect((await worker.fetch(request, { ...env, RESEND_API_KEY: "re_worker" }, ctx)).status).toBe(202);
    await waitOnExecutionContext(ctx);
    const [sent] = await mailTo(email);
    expect(await outboxRow(sent!.id)).toMatchObject({ status: "sent", provider_id: "via-worker" });
    expect(callsFor(spy, sent!.id)).toBe(1);
    expect(requestOf(spy, spy.mock.calls.length - 1).headers.get("Authorization")).toBe("Bearer re_worker");
  });

  it("/dev/* answers 404 in any environment but development", async () => {
    for (const ENVIRONMENT of ["production", "test", "staging"]) {
      for (const [method, path] of [
        ["GET", "/dev/mail"],
        ["POST", "/dev/clock"],
        ["POST", "/dev/cron"],
      ] as const) {
        const ctx = createExecutionContext();
        const request = new Request(`${ORIGIN}${path}`, {
          method,
          headers: { Origin: ORIGIN, "Content-Type": "application/json" },
          body: method === "POST" ? JSON.stringify({ offsetSeconds: 86400 }) : undefined,
        });
        const res = await worker.fetch(request, { ...env, ENVIRONMENT }, ctx);
        await waitOnExecutionContext(ctx);
        expect(res.status, `${ENVIRONMENT} ${method} ${path}`).toBe(404);
        expect(await res.text()).not.toContain("messages");
      }
    }
    const dev = await worker.fetch(new Request(`${ORIGIN}/dev/mail`), env, createExecutionContext());
    expect(dev.status).toBe(200);
  });
});
