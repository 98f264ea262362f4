import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { FREE_FAILURES, MAX_WAIT_MS, waitAfterFailures } from "../../src/services/identity/code-failures";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { ADMIN_EMAIL, SESSION_COOKIE, ensureAdminDomain, expectProblem, signInAdmin } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo, linkIn } from "../helpers/client";
import { unique } from "../helpers/fixtures";
import {
  HOUR,
  MINUTE,
  address,
  passkeySignIn,
  registerPasskey,
  signInWith,
  startEmail,
  userOf,
  verifyEmail,
  wrongCode,
} from "../helpers/identity-auth";
import { throughProvider } from "../helpers/oidc";

// Rules (issue 7.2, 7.3, 7.8; NIST SP 800-63B 5.2.2): consecutive failures are counted per
// address, account or not, and a new code never resets them; past FREE_FAILURES each next try
// waits, at most an hour after the last failure. Nobody is locked out for good: passkeys and
// OpenID never wait, the e-mailed link never waits, and the owner's fresh code works within an
// hour after an attack stops. Before the right code, every answer is the same for every account.

let offset = 0;
const advance = (ms: number) => setDevClockOffset((offset += ms));
afterEach(() => setDevClockOffset((offset = 0)));

/** One attacker's burst: a new code (it goes to the owner's mailbox) and five wrong guesses. */
async function burst(email: string): Promise<number[]> {
  const statuses: number[] = [];
  statuses.push((await startEmail(new Client(), email)).status);
  for (let i = 0; i < 5; i++) statuses.push((await verifyEmail(new Client(), email, "000000")).status);
  return statuses;
}

describe("the wait schedule", () => {
  it("is free up to FREE_FAILURES, then doubles from one minute, and never exceeds an hour", () => {
    expect(waitAfterFailures(FREE_FAILURES - 1)).toBe(0);
    expect(waitAfterFailures(FREE_FAILURES)).toBe(MINUTE);
    expect(waitAfterFailures(FREE_FAILURES + 1)).toBe(2 * MINUTE);
    expect(waitAfterFailures(FREE_FAILURES + 5)).toBe(32 * MINUTE);
    expect(waitAfterFailures(FREE_FAILURES + 6)).toBe(HOUR);
    expect(waitAfterFailures(100_000)).toBe(MAX_WAIT_MS);
    expect(MAX_WAIT_MS).toBeLessThanOrEqual(HOUR);
  });
});

describe("failures per address, whether or not it has an account", { timeout: 60_000 }, () => {
  it("new codes do not reset the count: after FREE_FAILURES wrong guesses even a fresh right code waits", async () => {
    const email = address(); // no account
    for (let i = 0; i < FREE_FAILURES / 5; i++) {
      advance(10 * MINUTE); // the start limit is 3 per address per 10 minutes
      await burst(email);
    }
    await startEmail(new Client(), email);
    const code = codeIn(await lastMailTo(email));
    const client = new Client();
    const refused = await verifyEmail(client, email, code);
    await expectProblem(refused.clone(), 429, "too_many_attempts");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    // The wait ends by itself; the code is still good (it was not compared).
    advance(waitAfterFailures(FREE_FAILURES));
    expect((await verifyEmail(client, email, code)).status).toBe(200);
  });

  it("a success ends the run of failures", async () => {
    const email = address();
    for (let i = 0; i < 3; i++) {
      await burst(email);
      advance(10 * MINUTE);
    }
    await signInWith(new Client(), email);
    advance(10 * MINUTE);
    for (let i = 0; i < 3; i++) {
      const statuses = await burst(email);
      expect(statuses.filter((s) => s === 400)).toHaveLength(5); // compared, never waiting
      advance(10 * MINUTE);
    }
  });

  it("stays bounded: an attacker cannot compare more than a few codes an hour once the waits run", async () => {
    const email = address();
    let compared = 0;
    for (let step = 0; step < 40; step++) {
      compared += (await burst(email)).slice(1).filter((s) => s === 400).length;
      advance(10 * MINUTE);
    }
    // 40 bursts over 400 simulated minutes: the free failures, then at most one try per wait.
    expect(compared).toBeLessThanOrEqual(FREE_FAILURES + 12);
  });
});

describe("no targeted lockout", { timeout: 60_000 }, () => {
  it("1,000 wrong codes over a day never stop the owner's passkey, OpenID or e-mailed link, and a fresh code works an hour after", async () => {
    // The owner signs in through OpenID, adds an official address, registers a passkey.
    const owner = new Client();
    const sub = unique("sub");
    await owner.fetch(
      await throughProvider((await owner.fetch("/auth/oidc/dga-digital-id")).headers.get("location")!, { login: sub }),
    );
    const email = address();
    expect((await owner.json("POST", "/api/v1/me/emails", { email })).status).toBe(202);
    expect(
      (await owner.json("POST", "/api/v1/me/emails/verify", { email, code: codeIn(await lastMailTo(email)) })).status,
    ).toBe(200);
    const { authenticator } = await registerPasskey(owner);
    const ownerId = (await userOf(owner)).id;

    let sent = 0;
    for (let hour = 0; hour < 24; hour++) {
      // 42 wrong codes an hour (1,008 in the day), with new codes as often as the start limit allows.
      for (let i = 0; i < 42; i++, sent++) {
        if (i % 21 === 0) await startEmail(new Client(), email);
        await verifyEmail(new Client(), email, "000000");
      }
      if (hour % 6 === 5) {
        // At any time: passkey, OpenID, and the link of a fresh e-mail all work.
        expect((await passkeySignIn(new Client(), authenticator)).status).toBe(200);
        const oidc = new Client();
        await oidc.fetch(
          await throughProvider((await oidc.fetch("/auth/oidc/dga-digital-id")).headers.get("location")!, {
            login: sub,
          }),
        );
        expect((await userOf(oidc)).id).toBe(ownerId);
        const mailbox = new Client();
        expect((await startEmail(mailbox, email)).status).toBe(202);
        const signedIn = await mailbox.fetch(linkIn(await lastMailTo(email), "/auth/email"), { method: "POST" });
        expect(signedIn.status).toBe(303);
        expect((await userOf(mailbox)).id).toBe(ownerId);
      }
      advance(HOUR);
    }
    expect(sent).toBeGreaterThanOrEqual(1000);
    // The attack stops; within an hour the owner's fresh code works.
    advance(HOUR);
    const client = new Client();
    await startEmail(client, email);
    const res = await verifyEmail(client, email, codeIn(await lastMailTo(email)));
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await userOf(client)).id).toBe(ownerId);
  }, 180_000);

  it("31 junk verifies do not keep the owner's fresh code out", async () => {
    const email = address();
    await signInWith(new Client(), email);
    advance(10 * MINUTE);
    await startEmail(new Client(), email);
    for (let i = 0; i < 31; i++) await verifyEmail(new Client(), email, String(100000 + i));
    const client = new Client();
    await startEmail(client, email);
    expect((await verifyEmail(client, email, codeIn(await lastMailTo(email)))).status).toBe(200);
  });
});

describe("no enumeration through status", { timeout: 60_000 }, () => {
  async function suspended(): Promise<string> {
    const email = address();
    const user = await userOf(await signInWith(new Client(), email));
    await env.DB.prepare("UPDATE users SET status = 'suspended' WHERE id = ?").bind(user.id).run();
    advance(10 * MINUTE);
    return email;
  }

  const shape = async (res: Response) => {
    const body = (await res.json()) as Record<string, unknown>;
    return {
      status: res.status,
      retryAfter: res.headers.has("retry-after"),
      body: { ...body, detail: typeof body.detail, retryAfter: typeof body.retryAfter },
    };
  };

  it("a wrong code answers the same for an active, a suspended and an unknown address", async () => {
    const active = address();
    await signInWith(new Client(), active);
    advance(10 * MINUTE);
    const addresses = [active, await suspended(), address()];
    const answers = [];
    for (const email of addresses) {
      await startEmail(new Client(), email);
      answers.push(await shape(await verifyEmail(new Client(), email, wrongCode(codeIn(await lastMailTo(email))))));
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 400, body: { code: "invalid_code" } });
  });

  it("an address that waits answers the same whatever its account; only the right code tells a suspended account", async () => {
    const addresses = [await suspended(), address()];
    const answers = [];
    for (const email of addresses) {
      for (let i = 0; i < FREE_FAILURES / 5; i++) {
        advance(10 * MINUTE);
        await burst(email);
      }
      await startEmail(new Client(), email);
      answers.push(await shape(await verifyEmail(new Client(), email, "000000")));
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 429, retryAfter: true, body: { code: "too_many_attempts" } });

    advance(HOUR);
    const email = addresses[0]!;
    await startEmail(new Client(), email);
    await expectProblem(
      await verifyEmail(new Client(), email, codeIn(await lastMailTo(email))),
      403,
      "account_disabled",
    );
  });
});

describe("the configured administrator", { timeout: 60_000 }, () => {
  it("the configured administrator is never locked out for good: no administrator is needed to get back in", async () => {
    await ensureAdminDomain();
    await signInAdmin();
    for (let i = 0; i < 30; i++) {
      await burst(ADMIN_EMAIL);
      advance(10 * MINUTE);
    }
    advance(HOUR);
    const admin = new Client();
    await startEmail(admin, ADMIN_EMAIL);
    expect((await verifyEmail(admin, ADMIN_EMAIL, codeIn(await lastMailTo(ADMIN_EMAIL)))).status).toBe(200);
    expect((await admin.fetch("/api/v1/admin/applications")).status).toBe(200);
  });
});
