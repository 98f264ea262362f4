import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fixedClock, MINUTE } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import { startEmailSignIn } from "../../src/services/identity/email-sign-in";
import { deliverOutbox, eraseSecretBodies } from "../../src/services/platform/outbox";
import { queueEmail } from "../../src/db/statements/outbox";
import type { Mailer } from "../../src/deps";
import { db, unique } from "../helpers/fixtures";
import { rows } from "../helpers/db";

// Rule (issue 7.14): outside development a body that carries a sign-in code or a link token is
// erased once delivered or once that secret is dead; recipient, subject, template and status stay.

const T0 = Date.UTC(2026, 10, 1, 3, 0, 0);
const sent: string[] = [];
const acceptingMailer: Mailer = {
  kind: "resend",
  send: async (message) => (sent.push(message.id), { ok: true, providerId: `re_${message.id}` }),
  sendBatch: async (messages) => (
    sent.push(...messages.map((m) => m.id)),
    { ok: true, providerIds: messages.map((m) => `re_${m.id}`) }
  ),
};
const failingMailer: Mailer = {
  kind: "resend",
  send: async () => ({ ok: false, retryable: true, error: "503 from Resend", status: 503, retryAfterSeconds: null }),
  sendBatch: async () => ({
    ok: false,
    retryable: true,
    error: "503 from Resend",
    status: 503,
    retryAfterSeconds: null,
  }),
};

function depsIn(environment: "production" | "development", mail: Mailer) {
  const base = buildDeps(env);
  const clock = fixedClock(T0);
  const deps: Deps = {
    ...base,
    clock,
    mail,
    config: { ...base.config, environment },
    sleep: async (ms) => clock.advance(ms),
  };
  return { deps, clock };
}

const row = async (id: string) =>
  (await rows('SELECT template, "to", subject, text, html, status, body_erased_at FROM outbox WHERE id = ?', id))[0]!;

describe("secret-bearing bodies outside development", () => {
  it("a sign-in code's body is erased when it is delivered; recipient, subject and template stay", async () => {
    const { deps } = depsIn("production", acceptingMailer);
    const email = `${unique("s")}@mail.go.th`;
    const { outboxIds } = await startEmailSignIn(deps, { email }, { ip: "10.7.7.7", userAgent: null });
    expect((await row(outboxIds[0]!)).text).toMatch(/\b\d{6}\b/);
    await deliverOutbox(deps, outboxIds);
    const after = await row(outboxIds[0]!);
    expect(after).toMatchObject({
      template: "sign_in_code",
      to: JSON.stringify([email]),
      status: "sent",
      body_erased_at: T0,
    });
    expect(after.subject).toContain("sign-in code");
    expect(after.text).not.toMatch(/\b\d{6}\b/);
    expect(after.html).not.toContain("/auth/email/");
  });

  it("an undelivered code's body is erased once the code is dead, and the message is given up", async () => {
    const { deps, clock } = depsIn("production", failingMailer);
    const { outboxIds } = await startEmailSignIn(
      deps,
      { email: `${unique("f")}@mail.go.th` },
      { ip: "10.7.7.8", userAgent: null },
    );
    await deliverOutbox(deps, outboxIds);
    expect(await eraseSecretBodies(deps)).toBe(0);
    expect((await row(outboxIds[0]!)).status).toBe("pending");
    clock.advance(11 * MINUTE);
    expect(await eraseSecretBodies(deps)).toBeGreaterThanOrEqual(1);
    const after = await row(outboxIds[0]!);
    expect(after).toMatchObject({ status: "failed", body_erased_at: T0 + 11 * MINUTE });
    expect(after.text).not.toMatch(/\b\d{6}\b/);
  });

  it("a message without a secret keeps its body", async () => {
    const { deps } = depsIn("production", acceptingMailer);
    const message = queueEmail(db, {
      template: "handover_invitation",
      to: [`${unique("k")}@mail.go.th`],
      email: { subject: "เชิญ / Invitation", text: "ข้อความ / text", html: "<p>ข้อความ</p>" },
      now: T0,
    });
    await message.statement;
    await deliverOutbox(deps, [message.id]);
    await eraseSecretBodies(deps);
    expect(await row(message.id)).toMatchObject({ status: "sent", text: "ข้อความ / text", body_erased_at: null });
  });

  it("development keeps every body for /dev/mail", async () => {
    const { deps, clock } = depsIn("development", acceptingMailer);
    const { outboxIds } = await startEmailSignIn(
      deps,
      { email: `${unique("d")}@mail.go.th` },
      { ip: "10.7.7.9", userAgent: null },
    );
    await deliverOutbox(deps, outboxIds);
    clock.advance(60 * MINUTE);
    expect(await eraseSecretBodies(deps)).toBe(0);
    expect((await row(outboxIds[0]!)).text).toMatch(/\b\d{6}\b/);
  });
});
