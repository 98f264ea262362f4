import { env } from "cloudflare:test";
import { fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import type { Deps } from "../../src/deps";
import { resendMailer } from "../../src/services/platform/mailer";
import { queueEmail } from "../../src/db/statements/outbox";
import { db, unique } from "./fixtures";
import { rows } from "./db";

// Sending through Resend in simulated time, its HTTP API intercepted at fetch with the answers
// its documentation gives (https://resend.com/docs/api-reference/errors).

/** Deps sending through Resend on a fixed clock that sleeping moves (simulated time). */
export function simulated(start: number, perSecond = 2) {
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

/** `n` pending test messages, each to its own address, queued at `now` (ms); their ids. */
export async function queue(n: number, now: number): Promise<string[]> {
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

/** An HTTP answer with a JSON body, as Resend's API gives them. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/** An outbox row's delivery state. */
export const statusOf = async (id: string) =>
  (await rows("SELECT status, attempts, next_attempt_at, provider_id, last_error FROM outbox WHERE id = ?", id))[0] as {
    status: string;
    attempts: number;
    next_attempt_at: number;
    provider_id: string | null;
    last_error: string | null;
  };
