import { describe, expect, it } from "vitest";
import { Client, codeIn, lastMailTo, linkIn } from "../helpers/client";
import { unique } from "../helpers/fixtures";
import { SESSION_COOKIE, expectProblem } from "../helpers/auth-db";
import { countRows, snapshot } from "../helpers/db";

const LINK_TABLES = ["one_time_tokens", "sessions", "users", "email_identities", "audit_events"];

/** Starts a sign-in for a fresh address and returns the e-mailed link's path. */
async function emailedLink(
  name = "ลิงก์ ทดสอบ",
): Promise<{ email: string; link: string; code: string; starter: Client }> {
  const email = `${unique("l")}@mail.go.th`;
  const starter = new Client();
  const res = await starter.json("POST", "/api/v1/auth/email/start", { email, name });
  expect(res.status).toBe(202);
  const message = await lastMailTo(email);
  return { email, link: linkIn(message, "/auth/email"), code: codeIn(message), starter };
}

function expectSecretPageHeaders(res: Response): void {
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  expect(res.headers.get("cache-control")).toMatch(/no-store/);
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
}

const userCount = async (email: string) =>
  (await snapshot(["users"])).users!.filter((u) => (u as { email: string }).email === email).length;

describe("opening the e-mailed sign-in link (GET, HEAD)", () => {
  it("changes nothing: mail scanners may fetch it many times", async () => {
    const { link } = await emailedLink();
    const before = await snapshot(LINK_TABLES);
    for (const method of ["GET", "HEAD", "GET", "HEAD"]) {
      const res = await new Client().fetch(link, { method });
      expect(res.status, method).toBe(200);
      expectSecretPageHeaders(res);
      expect(res.headers.has("set-cookie")).toBe(false);
      await res.arrayBuffer();
    }
    expect(await snapshot(LINK_TABLES)).toEqual(before);
  });

  it("shows a page with a POST form, not an auto-submitting one", async () => {
    const { email, link } = await emailedLink();
    const html = await (await new Client().fetch(link)).text();
    expect(html).toMatch(/<form[^>]*method="post"/i);
    expect(html).toContain(email);
    expect(html).not.toMatch(/\.submit\(\)|http-equiv="refresh"/i);
  });

  it("speaks Thai by default and English when the browser prefers it, never both", async () => {
    const { email, link } = await emailedLink();
    const thai = await (await new Client().fetch(link)).text();
    expect(thai).toContain("<h1>เข้าสู่ระบบด้วยอีเมลนี้?</h1>");
    expect(thai).toContain(`เข้าสู่ระบบในชื่อ <strong>${email}</strong>`);
    expect(thai).not.toContain("Sign in with this e-mail?");
    const english = await (await new Client().fetch(link, { headers: { "Accept-Language": "en" } })).text();
    expect(english).toContain("<h1>Sign in with this e-mail?</h1>");
    expect(english).toContain(`Sign in as <strong>${email}</strong>?`);
    expect(english).not.toContain("เข้าสู่ระบบด้วยอีเมลนี้?");
  });

  it("after GET and HEAD the link still signs in by POST", async () => {
    const { email, link } = await emailedLink();
    await new Client().fetch(link);
    await new Client().fetch(link, { method: "HEAD" });
    const client = new Client();
    expect((await client.form(link, {})).status).toBe(303);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(true);
    expect(await userCount(email)).toBe(1);
  });
});

describe("posting the sign-in link's form", () => {
  it("signs in: 303 with a session cookie, creates the user (named as typed, in the browser that started)", async () => {
    const { email, link, starter } = await emailedLink("ลิงก์ ผู้ใช้ใหม่");
    expect(await userCount(email)).toBe(0);
    const sessionsBefore = await countRows("sessions");
    const client = starter;
    const res = await client.form(link, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBeTruthy();
    expect(res.headers.get("set-cookie") ?? "").toMatch(new RegExp(`^${SESSION_COOKIE}=.+HttpOnly`, "i"));
    expect(await userCount(email)).toBe(1);
    expect(await countRows("sessions")).toBe(sessionsBefore + 1);

    const me = await client.fetch("/api/v1/me");
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string; name: string } }).user).toMatchObject({
      email,
      name: "ลิงก์ ผู้ใช้ใหม่",
    });
  });

  it("a second POST answers 409 HTML and opens no session", async () => {
    const { link } = await emailedLink();
    expect((await new Client().form(link, {})).status).toBe(303);
    const before = await snapshot(LINK_TABLES);
    const second = new Client();
    const res = await second.form(link, {});
    expect(res.status).toBe(409);
    expectSecretPageHeaders(res);
    expect(res.headers.has("set-cookie")).toBe(false);
    expect(second.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await snapshot(LINK_TABLES)).toEqual(before);
    // A used link's page offers no form to try again.
    const page = await new Client().fetch(link);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(await page.text()).not.toMatch(/<form[^>]*method="post"/i);
  });

  it("using the link consumes the e-mailed code too", async () => {
    const { email, link, code } = await emailedLink();
    expect((await new Client().form(link, {})).status).toBe(303);
    const res = await new Client().json("POST", "/api/v1/auth/email/verify", { email, code });
    await expectProblem(res, 400, "invalid_code");
  });

  it("a newer start (anyone may ask) does not kill the link; using it ends the newer one", async () => {
    const { email, link } = await emailedLink();
    expect((await new Client().json("POST", "/api/v1/auth/email/start", { email })).status).toBe(202);
    const newer = linkIn(await lastMailTo(email), "/auth/email");
    const client = new Client();
    expect((await client.form(link, {})).status).toBe(303);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(true);
    expect(await userCount(email)).toBe(1);
    const late = await new Client().form(newer, {});
    expect(late.status).toBe(409);
  });
});

describe("an unknown link", () => {
  it("answers 404 HTML to GET, HEAD and POST and changes nothing", async () => {
    const path = `/auth/email/${"x".repeat(20)}${unique("Z")}`;
    const before = await snapshot(LINK_TABLES);
    for (const res of [
      await new Client().fetch(path),
      await new Client().fetch(path, { method: "HEAD" }),
      await new Client().form(path, {}),
    ]) {
      expect(res.status).toBe(404);
      expectSecretPageHeaders(res);
      expect(res.headers.has("set-cookie")).toBe(false);
      await res.arrayBuffer();
    }
    expect(await snapshot(LINK_TABLES)).toEqual(before);
  });
});
