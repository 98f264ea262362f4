import { afterEach, describe, expect, it } from "vitest";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { SESSION_COOKIE, expectProblem } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo } from "../helpers/client";
import { unique } from "../helpers/fixtures";
import {
  Browser,
  DAY,
  MINUTE,
  address,
  passkeySignIn,
  registerPasskey,
  signInWith,
  startEmail,
  userOf,
  verifyEmail,
  withCookie,
} from "../helpers/identity-auth";
import { throughProvider } from "../helpers/oidc";
import { auditOf } from "../helpers/db";

interface SessionJson {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
}

async function list(client: Client): Promise<SessionJson[]> {
  const res = await client.fetch("/api/v1/sessions");
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { sessions: SessionJson[] }).sessions;
}

/** Signs the same account in from two browsers; `laptop` signs in first. */
async function twoBrowsers() {
  const email = address();
  const laptop = await signInWith(new Browser("Laptop/1.0"), email);
  await new Promise((resolve) => setTimeout(resolve, 5)); // distinct createdAt
  const phone = await signInWith(new Browser("Phone/2.0"), email);
  return { email, laptop, phone, userId: (await userOf(laptop)).id };
}

const live = async (client: Client) => (await client.fetch("/api/v1/me")).status === 200;

afterEach(() => setDevClockOffset(0));

describe("listing sessions", () => {
  it("lists the user's live sessions newest first, marks the current one, never exposes the cookie", async () => {
    const { laptop, phone } = await twoBrowsers();
    await signInWith(new Browser("Someone else"), address());

    const res = await phone.fetch("/api/v1/sessions");
    const text = await res.text();
    const { sessions } = JSON.parse(text) as { sessions: SessionJson[] };
    expect(sessions.map((s) => s.userAgent)).toEqual(["Phone/2.0", "Laptop/1.0"]);
    expect(sessions.map((s) => s.current)).toEqual([true, false]);
    expect(Date.parse(sessions[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(sessions[1]!.createdAt));
    for (const s of sessions) {
      expect(new Date(s.lastSeenAt).toISOString()).toBe(s.lastSeenAt);
      expect(Object.keys(s).sort()).toEqual(["createdAt", "current", "id", "lastSeenAt", "userAgent"]);
    }
    for (const cookie of [phone.cookies.get(SESSION_COOKIE)!, laptop.cookies.get(SESSION_COOKIE)!]) {
      expect(text).not.toContain(cookie);
      expect(text).not.toContain(cookie.split(".")[1]!); // nor the secret part of it
    }
    // The laptop sees the same two sessions, itself marked current.
    expect((await list(laptop)).map((s) => [s.userAgent, s.current])).toEqual([
      ["Phone/2.0", false],
      ["Laptop/1.0", true],
    ]);
  });

  it("needs a session", async () => {
    await expectProblem(await new Client().fetch("/api/v1/sessions"), 401, "unauthenticated");
  });

  it("does not list a logged-out session, nor one replaced by signing in again in the same browser", async () => {
    const { email, laptop, phone } = await twoBrowsers();
    const before = (await list(laptop)).find((s) => s.current)!.id;
    const oldCookie = laptop.cookies.get(SESSION_COOKIE)!;
    await startEmail(laptop, email);
    expect((await verifyEmail(laptop, email, codeIn(await lastMailTo(email)))).status).toBe(200);
    expect(await live(withCookie(oldCookie))).toBe(false);
    const after = await list(laptop);
    expect(after).toHaveLength(2);
    expect(after.map((s) => s.id)).not.toContain(before);

    expect((await phone.json("POST", "/api/v1/auth/logout")).status).toBe(204);
    expect((await list(laptop)).map((s) => s.userAgent)).toEqual(["Laptop/1.0"]);
  });

  it("signing in with a passkey or through OpenID Connect in the same browser also replaces its session", async () => {
    const browser = await signInWith(new Browser("Desk/1.0"), address());
    const { authenticator } = await registerPasskey(browser);
    const emailCookie = browser.cookies.get(SESSION_COOKIE)!;
    expect((await passkeySignIn(browser, authenticator)).status).toBe(200);
    expect(browser.cookies.get(SESSION_COOKIE)).not.toBe(emailCookie);
    expect(await live(withCookie(emailCookie))).toBe(false);
    expect((await list(browser)).map((s) => s.current)).toEqual([true]);

    const oidc = new Browser("Kiosk/1.0");
    const login = unique("sub-");
    const viaProvider = async () =>
      oidc.fetch(
        await throughProvider((await oidc.fetch("/auth/oidc/dga-digital-id")).headers.get("location")!, { login }),
      );
    expect((await viaProvider()).status).toBe(302);
    const firstCookie = oidc.cookies.get(SESSION_COOKIE)!;
    expect((await viaProvider()).status).toBe(302);
    expect(oidc.cookies.get(SESSION_COOKIE)).not.toBe(firstCookie);
    expect(await live(withCookie(firstCookie))).toBe(false);
    expect(await live(oidc)).toBe(true);
    expect((await list(oidc)).map((s) => s.current)).toEqual([true]);
  });
});

describe("ending sessions", () => {
  it("DELETE ends another of my sessions at once (204) and audits session.ended", async () => {
    const { laptop, phone, userId } = await twoBrowsers();
    const phoneSession = (await list(phone)).find((s) => s.current)!;
    const res = await laptop.fetch(`/api/v1/sessions/${phoneSession.id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    await expectProblem(await phone.fetch("/api/v1/me"), 401, "unauthenticated");
    expect(await live(laptop)).toBe(true);
    expect((await list(laptop)).map((s) => s.id)).not.toContain(phoneSession.id);

    const [event] = await auditOf(`user:${userId}`, "session.ended");
    expect(event).toMatchObject({ detail: { sessionId: phoneSession.id }, ip: laptop.ip });
    // Ending it again: it is gone.
    await expectProblem(
      await laptop.fetch(`/api/v1/sessions/${phoneSession.id}`, { method: "DELETE" }),
      404,
      "not_found",
    );
    expect(await auditOf(`user:${userId}`, "session.ended")).toHaveLength(1);
  });

  it("DELETE of my current session signs this browser out", async () => {
    const { laptop, phone } = await twoBrowsers();
    const mine = (await list(laptop)).find((s) => s.current)!;
    expect((await laptop.fetch(`/api/v1/sessions/${mine.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await live(laptop)).toBe(false);
    expect(await live(phone)).toBe(true);
  });

  it("another user's session id, or an unknown one, is 404 not_found and changes nothing", async () => {
    const victim = await signInWith(new Browser(), address());
    const victimSession = (await list(victim))[0]!;
    const attacker = await signInWith(new Browser(), address());
    const attackerId = (await userOf(attacker)).id;
    await expectProblem(
      await attacker.fetch(`/api/v1/sessions/${victimSession.id}`, { method: "DELETE" }),
      404,
      "not_found",
    );
    await expectProblem(
      await attacker.fetch(`/api/v1/sessions/ses_doesnotexist`, { method: "DELETE" }),
      404,
      "not_found",
    );
    expect(await live(victim)).toBe(true);
    expect(await auditOf(`user:${attackerId}`, "session.ended")).toEqual([]);
  });

  it("refuses a cross-site DELETE (the session survives)", async () => {
    const { laptop, phone } = await twoBrowsers();
    const target = (await list(phone)).find((s) => s.current)!;
    const res = await laptop.fetch(`/api/v1/sessions/${target.id}`, {
      method: "DELETE",
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    });
    await expectProblem(res, 403, "cross_site_request");
    expect(await live(phone)).toBe(true);
  });

  it("revoke-others ends every other session of mine (204), keeps this one and other users', audits it", async () => {
    const email = address();
    const a = await signInWith(new Browser("A"), email);
    const b = await signInWith(new Browser("B"), email);
    const c = await signInWith(new Browser("C"), email);
    const stranger = await signInWith(new Browser(), address());
    const userId = (await userOf(a)).id;
    const kept = (await list(b)).find((s) => s.current)!.id;

    expect((await b.json("POST", "/api/v1/sessions/revoke-others")).status).toBe(204);
    expect(await live(a)).toBe(false);
    expect(await live(c)).toBe(false);
    expect(await live(b)).toBe(true);
    expect(await live(stranger)).toBe(true);
    expect((await list(b)).map((s) => s.id)).toEqual([kept]);
    const [event] = await auditOf(`user:${userId}`, "session.others_ended");
    expect(event?.detail).toMatchObject({ keptSessionId: kept });
  });

  it("revoke-others needs a session", async () => {
    await expectProblem(await new Client().json("POST", "/api/v1/sessions/revoke-others"), 401, "unauthenticated");
  });
});

describe("session lifetime (worker clock moved with the dev clock)", () => {
  it("a session idle for 7 days is dead; one used in between lives on and no longer lists the dead one", async () => {
    const { laptop, phone } = await twoBrowsers();
    setDevClockOffset(6 * DAY);
    expect(await live(laptop)).toBe(true); // touches the laptop's session only
    setDevClockOffset(7 * DAY + MINUTE);
    expect(await live(phone)).toBe(false);
    expect(await live(laptop)).toBe(true);
    expect((await list(laptop)).map((s) => s.userAgent)).toEqual(["Laptop/1.0"]);
  });

  it("no session outlives 30 days, however active", async () => {
    const client = await signInWith(new Browser(), address());
    for (const day of [6, 12, 18, 24, 29]) {
      setDevClockOffset(day * DAY);
      expect(await live(client), `day ${day}`).toBe(true);
    }
    setDevClockOffset(30 * DAY - MINUTE);
    expect(await live(client)).toBe(true);
    setDevClockOffset(30 * DAY + MINUTE);
    await expectProblem(await client.fetch("/api/v1/me"), 401, "unauthenticated");
    await expectProblem(await client.fetch("/api/v1/sessions"), 401, "unauthenticated");
  });
});
