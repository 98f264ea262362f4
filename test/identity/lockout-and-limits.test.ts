import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { rateLimits, users } from "../../src/db/schema";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { SESSION_COOKIE, expectProblem, signInAdmin } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo } from "../helpers/client";
import { db } from "../helpers/fixtures";
import { HOUR, address, alignClock, passkeySignIn, registerPasskey, signInWith, startEmail, userOf, verifyEmail, wrongCode } from "../helpers/identity-auth";
import { throughProvider } from "../helpers/oidc";

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

afterEach(() => setDevClockOffset(0));

const failedSignIns = async (id: string) => (await db.select({ n: users.failedSignIns }).from(users).where(eq(users.id, id)))[0]!.n;
const setFailedSignIns = (id: string, n: number) => db.update(users).set({ failedSignIns: n }).where(eq(users.id, id));

async function retryAfter(res: Response): Promise<number> {
  await expectProblem(res.clone(), 429, "rate_limited");
  const seconds = Number(res.headers.get("retry-after"));
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(3600);
  return seconds;
}

describe("account lockout after 100 consecutive failed sign-ins", () => {
  it("the 100th failure locks the account: even the right code gets 429 too_many_attempts, until an admin reactivates it", async () => {
    const email = address();
    const id = (await userOf(await signInWith(new Client(), email))).id;
    await setFailedSignIns(id, 99);
    const client = new Client();
    await startEmail(client, email);
    const code = codeIn(await lastMailTo(email));
    await expectProblem(await verifyEmail(client, email, wrongCode(code)), 400, "invalid_code");
    expect(await failedSignIns(id)).toBe(100);

    await expectProblem(await verifyEmail(client, email, code), 429, "too_many_attempts");
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    await expectProblem(await verifyEmail(new Client(), email, code), 429, "too_many_attempts");

    expect((await admin.json("POST", `/api/v1/admin/users/${id}/reactivate`, { reason: "ผู้ใช้ยืนยันตัวตนทางโทรศัพท์ / verified by phone" })).status).toBe(200);
    expect(await failedSignIns(id)).toBe(0);
    expect((await verifyEmail(client, email, code)).status).toBe(200);
    expect((await userOf(client)).id).toBe(id);
  });

  it("a locked account cannot sign in with a passkey or through OpenID Connect either", async () => {
    const owner = await signInWith(new Client(), address());
    const id = (await userOf(owner)).id;
    const { authenticator } = await registerPasskey(owner);
    await setFailedSignIns(id, 100);
    const browser = new Client();
    await expectProblem(await passkeySignIn(browser, authenticator), 429, "too_many_attempts");
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);

    const oidc = new Client();
    const started = await oidc.fetch("/auth/oidc/dga-digital-id");
    await oidc.fetch(await throughProvider(started.headers.get("location")!));
    const oidcId = (await userOf(oidc)).id;
    await setFailedSignIns(oidcId, 100);
    const again = new Client();
    const res = await again.fetch(await throughProvider((await again.fetch("/auth/oidc/dga-digital-id")).headers.get("location")!));
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(again.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("wrong codes count against the account; a successful sign-in resets the count to 0", async () => {
    const email = address();
    const id = (await userOf(await signInWith(new Client(), email))).id;
    await setFailedSignIns(id, 50);
    const client = new Client();
    await startEmail(client, email);
    const code = codeIn(await lastMailTo(email));
    for (let i = 0; i < 2; i++) await expectProblem(await verifyEmail(client, email, wrongCode(code)), 400, "invalid_code");
    expect(await failedSignIns(id)).toBe(52);
    expect((await verifyEmail(client, email, code)).status).toBe(200);
    expect(await failedSignIns(id)).toBe(0);
  });
});

describe("rate limits", () => {
  it("more than 30 code checks per address per hour: 429 rate_limited with Retry-After, from any IP, even with the right code", async () => {
    alignClock(HOUR);
    const email = address();
    await startEmail(new Client(), email);
    const first = codeIn(await lastMailTo(email));
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) codes.push(((await (await verifyEmail(new Client(), email, wrongCode(first))).json()) as { code: string }).code);
    // The code dies after 5 wrong tries; none of the 30 is rate limited yet.
    expect(codes).toEqual([...Array<string>(5).fill("invalid_code"), ...Array<string>(25).fill("too_many_attempts")]);
    await startEmail(new Client(), email);
    const fresh = codeIn(await lastMailTo(email));
    const client = new Client();
    await retryAfter(await verifyEmail(client, email, fresh));
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    // Another address from the same IP is not affected.
    const other = address();
    await startEmail(client, other);
    expect((await verifyEmail(client, other, codeIn(await lastMailTo(other)))).status).toBe(200);
  });

  it("the check limit lifts in the next hour", async () => {
    const now = alignClock(HOUR);
    const email = address();
    await db.insert(rateLimits).values({ key: `email_verify:address:${email}`, windowStart: now - (now % HOUR), count: 30 });
    const client = new Client();
    await startEmail(client, email);
    const code = codeIn(await lastMailTo(email));
    await retryAfter(await verifyEmail(client, email, code));
    setDevClockOffset(now - Date.now() + HOUR);
    await startEmail(client, email);
    expect((await verifyEmail(client, email, codeIn(await lastMailTo(email)))).status).toBe(200);
  });

  it("passkey sign-in: the 301st request from one IP in an hour gets 429 rate_limited; other IPs are not affected", async () => {
    const now = alignClock(HOUR);
    const client = new Client();
    await db.insert(rateLimits).values({ key: `passkey:ip:${client.ip}`, windowStart: now - (now % HOUR), count: 299 });
    expect((await client.json("POST", "/api/v1/auth/passkey/options")).status).toBe(200);
    await retryAfter(await client.json("POST", "/api/v1/auth/passkey/options"));
    await retryAfter(await client.json("POST", "/api/v1/auth/passkey/verify", { response: { id: "abc", rawId: "abc", type: "public-key", response: { clientDataJSON: "", authenticatorData: "", signature: "" } } }));
    expect((await new Client().json("POST", "/api/v1/auth/passkey/options")).status).toBe(200);
  });

  it("allows at least 60 e-mail sign-in starts per hour from one IP (an agency behind NAT)", async () => {
    alignClock(HOUR);
    const client = new Client();
    for (let i = 0; i < 60; i++) expect((await startEmail(client, address())).status, `start #${i + 1}`).toBe(202);
  });
});
