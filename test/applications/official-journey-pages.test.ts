import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo } from "../helpers/client";
import { createAgency, ensureTerms, unique, type AgencyFixture } from "../helpers/fixtures";
import { approvalLink, getApplication, verify } from "../helpers/flow-approval";
import { asPage, open, redirected, textOf, type Page } from "../helpers/pages-forms";
import { rows } from "../helpers/db";

/**
 * An official's whole journey through the HTML pages, as a browser without JavaScript makes it:
 * sign in by e-mailed code, accept the terms, apply, get approved by the executive's e-mailed
 * link, manage API keys, sign out. Each step is checked in the database or the JSON API too.
 */

let agency: AgencyFixture;
let terms: string;
beforeAll(async () => {
  agency = await createAgency();
  terms = await ensureTerms();
});

// A rights change gives the session a new id; the replaced row only lingers for requests in flight.
const LIVE_SESSIONS =
  "SELECT count(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND replaced_by IS NULL";
const secretOf = (page: Page) => /id="new-secret"[^>]*value="([^"]+)"/.exec(page.html)?.[1];
/** Keys with a rotate form, or a delete link (to its confirmation page), on the keys page. */
const keyIdsOf = (page: Page, what: "rotate" | "delete") =>
  [
    ...page.html.matchAll(
      new RegExp(
        what === "rotate" ? `action="/keys/(key_[A-Za-z0-9_]+)/rotate"` : `href="/keys/(key_[A-Za-z0-9_]+)/delete"`,
        "g",
      ),
    ),
  ].map((m) => m[1]!);

describe("pages without a session", () => {
  it("send the browser to /signin with 303, and change nothing", async () => {
    const stranger = new Client();
    for (const path of [
      "/applications",
      "/applications/app_none",
      "/apply",
      "/terms",
      "/keys",
      "/roles",
      "/account",
      "/admin",
    ]) {
      redirected(await stranger.fetch(path), "/signin");
    }
    const before = await rows("SELECT count(*) AS n FROM terms_acceptances");
    redirected(await stranger.form("/terms/accept", { version: terms, accept: "yes" }), "/signin");
    redirected(await stranger.form("/keys", { name: "x", scope: "read" }), "/signin");
    redirected(
      await stranger.form("/apply", { agencyId: agency.id, position: "p", phone: "02 123 4567", reason: "r" }),
      "/signin",
    );
    expect(await rows("SELECT count(*) AS n FROM terms_acceptances")).toEqual(before);
    expect(await rows("SELECT count(*) AS n FROM api_keys")).toEqual([{ n: 0 }]);
    expect(await rows("SELECT count(*) AS n FROM applications")).toEqual([{ n: 0 }]);
    expect(stranger.cookies.size).toBe(0);
  });
});

describe("an official's journey through the pages", () => {
  const browser = new Client();
  let address = "";
  let userId = "";
  let applicationId = "";
  let publishSecret = "";
  let publishKeyId = "";
  /** The session cookie before the approval changed the user's rights (and so the session id). */
  let cookieBeforeApproval = "";

  it("signs in with the e-mailed code and lands on the terms", async () => {
    address = `${unique("off")}@${agency.domain}`;
    const signin = await open(browser, "/signin");
    expect(signin.html).toMatch(/<html lang="th"/);
    // One language at a time: Thai unless the visitor chose English.
    expect(textOf(signin.html)).toContain("เข้าสู่ระบบ");
    expect(textOf(signin.html)).not.toContain("Sign in");
    const english = await asPage(
      "/signin",
      await new Client().fetch("/signin", { headers: { "Accept-Language": "en" } }),
    );
    expect(english.html).toMatch(/<html lang="en"/);
    expect(textOf(english.html)).toContain("Sign in");
    expect(textOf(english.html)).not.toContain("เข้าสู่ระบบ");

    const codePath = redirected(
      await signin.submit(browser, "/signin", { email: address, name: "สมหญิง ทดสอบ" }),
      `/signin/code?email=${encodeURIComponent(address)}`,
    );
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    const codePage = await open(browser, codePath);
    expect(codePage.form("/signin/code").defaults.email).toBe(address);
    const code = codeIn(await lastMailTo(address));

    redirected(await codePage.submit(browser, "/signin/code", { code }), "/terms");
    expect(browser.cookies.get(SESSION_COOKIE)).toBeTruthy();
    const [user] = await rows("SELECT id, name, status FROM users WHERE email = ?", address);
    expect(user).toMatchObject({ name: "สมหญิง ทดสอบ", status: "active" });
    userId = String(user!.id);
    expect(await rows(LIVE_SESSIONS, userId)).toEqual([{ n: 1 }]);
    expect((await browser.fetch("/api/v1/me")).status).toBe(200);
  });

  it("reads and accepts the current terms, then is sent to /apply", async () => {
    const page = await open(browser, "/terms");
    expect(textOf(page.html)).toContain(terms);
    expect(page.form("/terms/accept").defaults.version).toBe(terms);
    redirected(await page.submit(browser, "/terms/accept", { accept: "yes" }), "/apply");
    expect(await rows("SELECT version FROM terms_acceptances WHERE user_id = ?", userId)).toEqual([{ version: terms }]);
    // Accepted: the page says so and offers no form any more.
    const again = await open(browser, "/terms");
    expect(again.has("/terms/accept")).toBe(false);
    expect(textOf(again.html)).toContain("ท่านยอมรับข้อตกลงฉบับนี้แล้ว");
  });

  it("applies through the form and sees the application's status", async () => {
    const apply = await open(browser, "/apply");
    expect(apply.form("/apply").choices.get("agencyId")).toContain(agency.id);
    expect(apply.html).toContain(`หน่วยงานทดสอบ ${agency.id}`);
    const fields = {
      agencyId: agency.id,
      position: "นักวิชาการคอมพิวเตอร์",
      phone: "02 555 0101",
      reason: "ดูแลชุดข้อมูลของกรม / steward our datasets",
    };
    const location = redirected(
      await apply.submit(browser, "/apply", fields),
      /^\/applications\/app_[A-Za-z0-9_]+\?done=submitted$/,
    );
    applicationId = location.split("/").pop()!.split("?")[0]!;
    // The confirmation: a banner with the reference people quote on the phone.
    const confirmed = await open(browser, location);
    const reference = String(
      (await rows("SELECT reference FROM applications WHERE id = ?", applicationId))[0]!.reference,
    );
    expect(reference).toMatch(/^\d{6}$/);
    expect(textOf(confirmed.html)).toContain(`เลขที่คำขอ ${reference}`);
    expect(((await getApplication(browser, applicationId)) as unknown as { reference: string }).reference).toBe(
      reference,
    );

    const [row] = await rows(
      "SELECT user_id, agency_id, status, position, phone, reason, approver_email FROM applications WHERE id = ?",
      applicationId,
    );
    expect(row).toMatchObject({
      user_id: userId,
      agency_id: agency.id,
      status: "awaiting_executive",
      position: fields.position,
      phone: fields.phone,
      reason: fields.reason,
      approver_email: agency.executiveEmail,
    });
    const page = await open(browser, location);
    const text = textOf(page.html);
    expect(text).toContain("รอผู้บริหารอนุมัติ");
    expect(text).toContain(fields.reason);
    expect(text).toContain(agency.executiveEmail!);
    expect(page.has(`/applications/${applicationId}/withdraw`)).toBe(true);
    // The list of the user's applications links to it.
    expect((await open(browser, "/applications")).html).toContain(`href="/applications/${applicationId}"`);
  });

  it("is approved by the executive through the e-mailed link page", async () => {
    cookieBeforeApproval = browser.cookies.get(SESSION_COOKIE)!;
    const link = await approvalLink(agency.executiveEmail!);
    const executive = new Client();
    const approval = await open(executive, link);
    expect(textOf(approval.html)).toContain("สมหญิง ทดสอบ");
    expect(approval.headers.get("cache-control")).toContain("no-store");
    const done = await asPage(link, await approval.submit(executive, null, { decision: "approve", reason: "เห็นชอบ" }));
    expect(done.html).toContain("อนุมัติ");
    expect((await getApplication(browser, applicationId)).status).toBe("approved");
    expect(await rows("SELECT status FROM memberships WHERE application_id = ?", applicationId)).toEqual([
      { status: "active" },
    ]);
    // The link is spent: opening it again shows it closed.
    expect((await executive.fetch(link)).status).toBe(409);
    const page = await open(browser, `/applications/${applicationId}`);
    expect(textOf(page.html)).toContain("อนุมัติแล้ว");
    expect(page.has(`/applications/${applicationId}/withdraw`)).toBe(false);
  });

  it("creates a publish key: the secret is shown once, not cached, and verifies VALID", async () => {
    const keys = await open(browser, "/keys");
    expect(keys.form("/keys").choices.get("scope")).toContain("publish");
    // Post/Redirect/Get: the secret is shown by the page the POST redirects to, once.
    const location = redirected(
      await keys.submit(browser, "/keys", { name: "เผยแพร่ชุดข้อมูล", scope: "publish" }),
      "/keys?done=created",
    );
    const created = await open(browser, location);
    expect(created.headers.get("cache-control")).toContain("no-store");
    publishSecret = secretOf(created) ?? "";
    expect(publishSecret).toMatch(/^stw_dev_[0-9A-Za-z]{36}$/);

    const { status, body } = await verify(publishSecret);
    expect(status).toBe(200);
    expect(body).toMatchObject({ valid: true, code: "VALID", scopes: ["read", "publish"] });
    const [key] = await rows("SELECT id, scopes, revoked_at FROM api_keys WHERE user_id = ?", userId);
    expect(key).toMatchObject({ scopes: JSON.stringify(["read", "publish"]), revoked_at: null });
    publishKeyId = String(key!.id);
    // The first publish key makes the application active.
    expect((await getApplication(browser, applicationId)).status).toBe("active");

    const later = await open(browser, "/keys");
    expect(later.html).not.toContain(publishSecret);
    expect(later.html).not.toContain('id="new-secret"');
    expect(later.html).toContain("เผยแพร่ชุดข้อมูล");
    expect(keyIdsOf(later, "rotate")).toEqual([publishKeyId]);
  });

  it("rotates the key from its form and deletes keys from theirs", async () => {
    const keys = await open(browser, "/keys");
    const rotated = await open(
      browser,
      redirected(await keys.submit(browser, `/keys/${publishKeyId}/rotate`), "/keys?done=rotated"),
    );
    expect(rotated.headers.get("cache-control")).toContain("no-store");
    const newSecret = secretOf(rotated) ?? "";
    expect(newSecret).toMatch(/^stw_dev_/);
    expect(newSecret).not.toBe(publishSecret);
    expect((await verify(newSecret)).body.code).toBe("VALID");
    // The page's default grace keeps the old key working for a day.
    expect((await verify(publishSecret)).body.code).toBe("VALID");
    const [old] = await rows("SELECT replaced_by, grace_until FROM api_keys WHERE id = ?", publishKeyId);
    expect(Number(old!.grace_until)).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    const newKeyId = String(old!.replaced_by);

    const listed = await open(browser, "/keys");
    expect(listed.html).not.toContain(newSecret);
    expect(keyIdsOf(listed, "delete").sort()).toEqual([publishKeyId, newKeyId].sort());
    // The two keys of one name are told apart: the old one is being replaced, the new one is new.
    expect(textOf(listed.html)).toContain("กำลังถูกแทนที่ หยุดใช้เมื่อ");
    expect(listed.html).toMatch(/class="badge[^"]*">ใหม่</);
    // Delete asks first, on a page of its own; the list's link leads there.
    const confirm = await open(browser, `/keys/${publishKeyId}/delete`);
    expect(textOf(confirm.html)).toContain("กุญแจจะหยุดทำงานทันที");
    redirected(await confirm.submit(browser, `/keys/${publishKeyId}/delete`), "/keys?done=deleted");
    expect(textOf((await open(browser, "/keys?done=deleted")).html)).toContain("ลบกุญแจแล้ว");
    expect((await verify(publishSecret)).body.code).toBe("REVOKED");
    expect((await verify(newSecret)).body.code).toBe("VALID");
    redirected(
      await (await open(browser, `/keys/${newKeyId}/delete`)).submit(browser, `/keys/${newKeyId}/delete`),
      "/keys?done=deleted",
    );
    expect((await verify(newSecret)).body.code).toBe("REVOKED");
    expect(await rows("SELECT count(*) AS n FROM api_keys WHERE user_id = ? AND revoked_at IS NULL", userId)).toEqual([
      { n: 0 },
    ]);
    expect(keyIdsOf(await open(browser, "/keys"), "delete")).toEqual([]);
  });

  it("signs out: 303 to /signin, the session ends and the pages ask to sign in again", async () => {
    const keys = await open(browser, "/keys");
    redirected(await keys.submit(browser, "/signout"), "/signin");
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await browser.fetch("/api/v1/me")).status).toBe(401);
    expect(await rows(LIVE_SESSIONS, userId)).toEqual([{ n: 0 }]);
    redirected(await browser.fetch("/keys"), "/signin");
  });

  // BUG (src/services/sign-out.ts): the approval gave the session a new id (rotateSession);
  // the replaced id keeps working for 30 s "for requests in flight" and sign-out revokes only
  // the current id, so the cookie from before the approval still signs in after sign-out.
  it("after sign-out, the session's id from before its rotation no longer works either", async () => {
    expect(cookieBeforeApproval).not.toBe("");
    expect(cookieBeforeApproval).not.toBe(browser.cookies.get(SESSION_COOKIE) ?? "");
    const stale = new Client();
    stale.cookies.set(SESSION_COOKIE, cookieBeforeApproval);
    expect((await stale.fetch("/api/v1/me")).status).toBe(401);
    redirected(await stale.fetch("/keys"), "/signin");
  });
});
