import { afterEach, describe, expect, it } from "vitest";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { Client, codeIn, lastMailTo, linkIn, mailTo } from "../helpers/client";
import { signIn, unique } from "../helpers/fixtures";
import { ADMIN_EMAIL, SESSION_COOKIE, ensureAdminDomain, expectProblem } from "../helpers/auth-db";
import { snapshot } from "../helpers/db";

const MINUTE = 60_000;
const start = (client: Client, email: string, name?: string) =>
  client.json("POST", "/api/v1/auth/email/start", { email, ...(name ? { name } : {}) });
const verify = (client: Client, email: string, code: string) =>
  client.json("POST", "/api/v1/auth/email/verify", { email, code });
const address = () => `${unique("u")}@mail.go.th`;
/** A code that is certainly not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** A client carrying only this cookie value, like a stolen or remembered cookie. */
function withCookie(value: string): Client {
  const client = new Client();
  client.cookies.set(SESSION_COOKIE, value);
  return client;
}

afterEach(() => setDevClockOffset(0));

describe("starting an e-mail sign-in", () => {
  it("answers 202 code_sent, byte for byte the same for known and unknown addresses", async () => {
    const known = address();
    await signIn(known);
    const a = await start(new Client(), known);
    const b = await start(new Client(), address());
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    const [bodyA, bodyB] = [await a.text(), await b.text()];
    expect(JSON.parse(bodyA)).toEqual({ status: "code_sent" });
    expect(bodyB).toBe(bodyA);
    expect(b.headers.get("content-type")).toBe(a.headers.get("content-type"));
    // Both set the same kind of browser-binding cookie (it ties a typed name to this browser).
    const cookieShape = (res: Response) => (res.headers.get("set-cookie") ?? "").replace(/=[^;]+/, "=<value>");
    expect(cookieShape(a)).toBe(cookieShape(b));
    expect(cookieShape(a)).toMatch(/^steward_signin=<value>;.*HttpOnly/i);
  });

  it("e-mails a 6-digit code and a sign-in link", async () => {
    const email = address();
    expect((await start(new Client(), email)).status).toBe(202);
    const message = await lastMailTo(email);
    expect(message.to).toEqual([email]);
    expect(codeIn(message)).toMatch(/^\d{6}$/);
    expect(linkIn(message, "/auth/email")).toMatch(/^\/auth\/email\/[A-Za-z0-9]{20,}$/);
  });

  it("refuses a non-government address with 422 and writes nothing", async () => {
    const before = await snapshot();
    const res = await start(new Client(), `${unique("x")}@gmail.com`);
    await expectProblem(res, 422, "email_domain_not_allowed");
    expect(await snapshot()).toEqual(before);
  });
});

describe("verifying the code", () => {
  it("signs in: 200 with the user, a session cookie, and /api/v1/me works", async () => {
    const client = new Client();
    const email = address();
    await start(client, email.toUpperCase(), "สมชาย ใจดี");
    const res = await verify(client, email, codeIn(await lastMailTo(email)));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ email, name: "สมชาย ใจดี", status: "active" });
    expect(body.user.id).toEqual(expect.any(String));
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await client.fetch("/api/v1/me");
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(body.user.id);
    await expectProblem(await new Client().fetch("/api/v1/me"), 401, "unauthenticated");
  });

  it("answers a wrong code with 400 invalid_code and no session", async () => {
    const client = new Client();
    const email = address();
    await start(client, email);
    const res = await verify(client, email, wrong(codeIn(await lastMailTo(email))));
    await expectProblem(res, 400, "invalid_code");
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("kills the code after 5 wrong tries: the right code then gets 429 too_many_attempts", async () => {
    const client = new Client();
    const email = address();
    await start(client, email);
    const code = codeIn(await lastMailTo(email));
    for (let i = 0; i < 5; i++) await expectProblem(await verify(client, email, wrong(code)), 400, "invalid_code");
    await expectProblem(await verify(client, email, code), 429, "too_many_attempts");
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("refuses an expired code (10 minutes)", async () => {
    const email = address();
    await start(new Client(), email);
    const code = codeIn(await lastMailTo(email));
    setDevClockOffset(11 * MINUTE);
    const client = new Client();
    await expectProblem(await verify(client, email, code), 400, "invalid_code");
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("accepts a code once only", async () => {
    const email = address();
    await start(new Client(), email);
    const code = codeIn(await lastMailTo(email));
    expect((await verify(new Client(), email, code)).status).toBe(200);
    const again = new Client();
    await expectProblem(await verify(again, email, code), 400, "invalid_code");
    expect(again.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("a new start leaves the older code working (a stranger's start must not kill it); using one ends the other", async () => {
    const client = new Client();
    const email = address();
    await start(client, email);
    const first = codeIn(await lastMailTo(email));
    await start(new Client(), email);
    const messages = await mailTo(email);
    expect(messages).toHaveLength(2);
    const second = codeIn(messages[0]!);
    expect((await verify(client, email, first)).status).toBe(200);
    if (first !== second) await expectProblem(await verify(new Client(), email, second), 400, "invalid_code");
  });
});

describe("rate limits", () => {
  // Fixed windows: start at the beginning of a 10-minute window so the test never straddles one.
  const alignToWindow = () => setDevClockOffset(10 * MINUTE - (Date.now() % (10 * MINUTE)) + 1000);

  it("a 4th start for one address within 10 minutes gets 429 rate_limited, with or without an account", async () => {
    alignToWindow();
    const withAccount = address();
    await signIn(withAccount); // the first of its three starts
    const without = address();
    await start(new Client(), without);
    for (let i = 0; i < 2; i++) {
      expect((await start(new Client(), withAccount)).status).toBe(202);
      expect((await start(new Client(), without)).status).toBe(202);
    }
    const bodies: string[] = [];
    for (const email of [withAccount, without]) {
      const res = await start(new Client(), email);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const problem = await expectProblem(res, 429, "rate_limited");
      bodies.push(JSON.stringify(problem));
    }
    expect(bodies[0]).toBe(bodies[1]);
    expect(await mailTo(without)).toHaveLength(3);
  });

  it("allows at least 60 starts from one IP (an agency behind NAT)", async () => {
    alignToWindow();
    const client = new Client();
    for (let i = 0; i < 60; i++) {
      const res = await start(client, address());
      expect(res.status, `start #${i + 1}`).toBe(202);
    }
  });
});

describe("sessions", () => {
  it("logout answers 204 and the cookie stops working", async () => {
    const client = await signIn(address());
    const cookie = client.cookies.get(SESSION_COOKIE)!;
    expect((await client.json("POST", "/api/v1/auth/logout")).status).toBe(204);
    await expectProblem(await client.fetch("/api/v1/me"), 401, "unauthenticated");
    await expectProblem(await withCookie(cookie).fetch("/api/v1/me"), 401, "unauthenticated");
  });

  it("signing in again in the same browser replaces the previous session", async () => {
    const email = address();
    const client = await signIn(email);
    const old = client.cookies.get(SESSION_COOKIE)!;
    expect((await withCookie(old).fetch("/api/v1/me")).status).toBe(200);
    await start(client, email);
    expect((await verify(client, email, codeIn(await lastMailTo(email)))).status).toBe(200);
    const fresh = client.cookies.get(SESSION_COOKIE)!;
    expect(fresh).not.toBe(old);
    expect((await client.fetch("/api/v1/me")).status).toBe(200);
    await expectProblem(await withCookie(old).fetch("/api/v1/me"), 401, "unauthenticated");
  });

  it("the configured administrator gets isAdmin and the admin API; others get 403 forbidden", async () => {
    await ensureAdminDomain();
    const admin = new Client();
    await start(admin, ADMIN_EMAIL);
    const res = await verify(admin, ADMIN_EMAIL, codeIn(await lastMailTo(ADMIN_EMAIL)));
    expect(((await res.json()) as { user: { isAdmin: boolean } }).user.isAdmin).toBe(true);
    const me = (await (await admin.fetch("/api/v1/me")).json()) as { user: { isAdmin: boolean } };
    expect(me.user.isAdmin).toBe(true);
    expect((await admin.fetch("/api/v1/admin/applications")).status).toBe(200);

    const other = await signIn(address());
    const otherMe = (await (await other.fetch("/api/v1/me")).json()) as { user: { isAdmin: boolean } };
    expect(otherMe.user.isAdmin).toBe(false);
    await expectProblem(await other.fetch("/api/v1/admin/applications"), 403, "forbidden");
  });
});
