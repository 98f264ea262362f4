import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeIn, lastMail, launch, origin, signInByEmail, uniqueEmail } from "./browser";

// Issue 10, item 8: the interface as officials, executives and administrators meet it, in real
// Chromium: the official's journey in Thai and in English, the executive's decision within the
// first screen of a 390×844 phone, a failed form's error summary taking focus, axe-core on every
// page in both languages, and a screenshot of every page in both languages on a phone, written
// to `screenshots/<lang>/` (the README names the folder).

const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = join(process.cwd(), "screenshots");
const axeSource: string = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

type Lang = "th" | "en";

type SignedIn = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * A browser context in one language (the language switch's cookie), phone-sized unless told
 * otherwise, signed in as someone already signed in (`state`): sign-in codes are limited per
 * address, so each person signs in once for the whole file.
 */
async function contextIn(browser: Browser, lang: Lang, viewport = PHONE, state?: SignedIn): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: origin!,
    viewport,
    locale: lang === "th" ? "th-TH" : "en-GB",
    storageState: state,
  });
  await context.addCookies([{ name: "steward_lang", value: lang, url: origin! }]);
  return context;
}

/** axe-core's serious and critical violations on the page, as "rule: targets" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n: { target: string[] }) => n.target.join(" ")).join(", ")}`);
  });
  return violations;
}

/** Opens a page, checks axe-core finds nothing serious, and saves its full-page screenshot. */
async function visit(page: Page, lang: Lang, name: string, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res, path).not.toBeNull();
  expect(await page.locator("html").getAttribute("lang"), path).toBe(lang);
  expect(await axeViolations(page), `${lang} ${path}`).toEqual([]);
  mkdirSync(join(SCREENSHOTS, lang), { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, lang, `${name}.png`), fullPage: true });
}

const headers = () => ({ Origin: origin! });

/** A steward of Bangkok (agc_bma) with a key, an open application of another official, and the ids the pages need. */
async function seedJourneys(browser: Browser) {
  const stewardCtx = await contextIn(browser, "th");
  const steward = await stewardCtx.newPage();
  const email = uniqueEmail("bangkok.go.th");
  await signInByEmail(steward, email);
  steward.setDefaultTimeout(15_000);
  await steward.request.patch("/api/v1/me", { data: { name: "สมหญิง ทดสอบหน้าจอ" }, headers: headers() });
  const terms = (await (await steward.request.get("/api/v1/terms")).json()) as { version: string };
  await steward.request.post("/api/v1/terms/accept", { data: { version: terms.version }, headers: headers() });
  const applied = await steward.request.post("/api/v1/applications", {
    data: {
      agencyId: "agc_bma",
      role: "steward",
      position: "นักวิชาการคอมพิวเตอร์",
      phone: "02 123 4567",
      reason: "เผยแพร่ชุดข้อมูลของกรุงเทพมหานคร",
    },
    headers: headers(),
  });
  expect(applied.status()).toBe(201);
  const { application } = (await applied.json()) as { application: { id: string } };
  const approvalPath = /http:\/\/localhost:\d+(\/approvals\/[A-Za-z0-9]+)/.exec(
    (await lastMail("executive@bangkok.go.th")).text,
  )![1]!;
  const executive = await (await browser.newContext({ baseURL: origin! })).newPage();
  await executive.goto(approvalPath);
  await Promise.all([executive.waitForNavigation(), executive.click('button[name="decision"][value="approve"]')]);
  const created = await steward.request.post("/api/v1/keys", {
    data: { name: "publish", scopes: ["read", "publish"] },
    headers: headers(),
  });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: { id: string } };
  const me = (await (await steward.request.get("/api/v1/me")).json()) as { user: { id: string } };
  const after = (await (await steward.request.get(`/api/v1/applications/${application.id}`)).json()) as {
    application: { membership: { id: string } | null };
  };

  // An application still waiting for the executive: its link stays open for the pages.
  const waitingCtx = await contextIn(browser, "th");
  const waiting = await waitingCtx.newPage();
  const waitingEmail = uniqueEmail("bangkok.go.th");
  await signInByEmail(waiting, waitingEmail);
  await waiting.request.post("/api/v1/terms/accept", { data: { version: terms.version }, headers: headers() });
  const open = await waiting.request.post("/api/v1/applications", {
    data: {
      agencyId: "agc_bma",
      role: "steward",
      position: "นักวิเคราะห์นโยบายและแผน",
      phone: "02 765 4321",
      reason: "ดูแลชุดข้อมูลด้านการจราจรและขนส่งของกรุงเทพมหานครให้เป็นปัจจุบัน",
    },
    headers: headers(),
  });
  expect(open.status()).toBe(201);
  const waitingApproval = /http:\/\/localhost:\d+(\/approvals\/[A-Za-z0-9]+)/.exec(
    (await lastMail("executive@bangkok.go.th")).text,
  )![1]!;
  const stewardState = await stewardCtx.storageState();
  const adminCtx = await contextIn(browser, "th");
  await signInByEmail(await adminCtx.newPage(), "admin@dga.or.th");
  const admin = await adminCtx.storageState();
  await Promise.all([stewardCtx.close(), waitingCtx.close(), adminCtx.close()]);
  return {
    signedIn: { steward: stewardState, admin },
    applicationId: application.id,
    keyId: key.id,
    userId: me.user.id,
    membershipId: after.application.membership!.id,
    waitingApproval,
  };
}

describe.skipIf(!origin)("the interface in real Chromium (issue 10)", () => {
  let browser: Browser;
  let seeded: Awaited<ReturnType<typeof seedJourneys>>;
  beforeAll(async () => {
    browser = await launch();
    seeded = await seedJourneys(browser);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ["th", "en"] as const) {
    it(`every page in ${lang === "th" ? "Thai" : "English"}: axe-core finds no serious or critical violation; screenshots saved`, async () => {
      const anonymous = await (await contextIn(browser, lang)).newPage();
      await visit(anonymous, lang, "signin", "/signin");
      await anonymous.fill("#email", uniqueEmail("bangkok.go.th"));
      await Promise.all([
        anonymous.waitForURL(/\/signin\/code/),
        anonymous.click('form[action="/signin"] button[type="submit"]'),
      ]);
      await visit(anonymous, lang, "signin-code", anonymous.url().replace(origin!, ""));
      await visit(anonymous, lang, "approval", seeded.waitingApproval);
      await visit(anonymous, lang, "not-found", "/no-such-page");

      const official = await (await contextIn(browser, lang, PHONE, seeded.signedIn.steward)).newPage();
      for (const [name, path] of [
        ["account", "/account"],
        ["terms", "/terms"],
        ["apply", "/apply"],
        ["applications", "/applications"],
        ["application", `/applications/${seeded.applicationId}`],
        ["roles", "/roles"],
        ["keys", "/keys"],
        ["key-delete", `/keys/${seeded.keyId}/delete`],
      ] as const)
        await visit(official, lang, name, path);

      const admin = await (await contextIn(browser, lang, PHONE, seeded.signedIn.admin)).newPage();
      for (const [name, path] of [
        ["admin-home", "/admin"],
        ["admin-review", "/admin/review"],
        ["admin-applications", "/admin/applications"],
        ["admin-stewards", "/admin/stewards"],
        ["admin-steward", `/admin/stewards/${seeded.membershipId}`],
        ["admin-steward-suspend", `/admin/stewards/${seeded.membershipId}/confirm/suspend`],
        ["admin-agencies", "/admin/agencies"],
        ["admin-agency", "/admin/agencies/agc_bma"],
        ["admin-agency-new", "/admin/agencies/new"],
        ["admin-agency-import", "/admin/agencies/import"],
        ["admin-people", "/admin/people"],
        ["admin-person", `/admin/people/${seeded.userId}`],
        ["admin-terms", "/admin/terms"],
        ["admin-mail", "/admin/mail"],
        ["admin-portal", "/admin/portal"],
        ["admin-webhooks", "/admin/webhooks"],
        ["admin-audit", "/admin/audit"],
      ] as const)
        await visit(admin, lang, name, path);
    }, 180_000);
  }

  it("the official's journey in Thai, then in English after the switch: sign in, terms, apply, the application page", async () => {
    const context = await contextIn(browser, "th", { width: 1280, height: 900 });
    await context.clearCookies();
    const page = await context.newPage();
    const email = uniqueEmail("bangkok.go.th");
    await page.goto("/signin");
    expect(await page.locator("h1").innerText()).toBe("เข้าสู่ระบบ");
    await page.fill("#email", email);
    await Promise.all([page.waitForURL(/\/signin\/code/), page.click('form[action="/signin"] button[type="submit"]')]);
    await page.fill('input[name="code"]', codeIn((await lastMail(email)).text));
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith("/signin")),
      page.click('form[action="/signin/code"] button[type="submit"]'),
    ]);

    // Not yet accepted: the application page says so first and links to the terms.
    await page.goto("/apply");
    await Promise.all([page.waitForURL(/\/terms$/), page.click('main a[href="/terms"]')]);
    await page.check('input[name="accept"]');
    await Promise.all([page.waitForURL(/\/apply$/), page.click('form[action="/terms/accept"] button[type="submit"]')]);
    expect(await page.locator("#agencyId").inputValue(), "the agency of the e-mail's domain is chosen").toBe("agc_bma");
    expect(await page.locator("#approver").isVisible(), "no nomination for an agency with an executive").toBe(false);
    await page.fill("#position", "นักวิชาการสถิติ");
    await page.fill("#phone", "02 111 2222");
    await page.fill("#reason", "เผยแพร่ข้อมูลสถิติของหน่วยงาน");
    await Promise.all([
      page.waitForURL(/\/applications\/app_/),
      page.click('form[action="/apply"] button[type="submit"]'),
    ]);
    const banner = await page.locator('.notice.success[role="status"]').innerText();
    expect(banner).toMatch(/เลขที่คำขอ \d{6}/);
    expect(await page.locator(".timeline").innerText()).toContain("executive@bangkok.go.th");

    // The switch keeps the page and turns it English; nothing is printed in both.
    await Promise.all([page.waitForLoadState(), page.click('nav.languages a[hreflang="en"]')]);
    expect(page.url()).toMatch(/\/applications\/app_/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const text = await page.locator("main").innerText();
    expect(text).toContain("Awaiting executive approval");
    expect(text).not.toContain("รอผู้บริหารอนุมัติ");
    await page.goto("/applications");
    expect(await page.locator("h1").innerText()).toBe("My applications");
    await context.close();
  });

  for (const locale of ["th-TH", "en-GB"]) {
    it(`the executive decides on a 390×844 phone (${locale}): who asks, for what, by when and both buttons on the first screen`, async () => {
      const context = await browser.newContext({
        baseURL: origin!,
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale,
      });
      const page = await context.newPage();
      await page.goto(seeded.waitingApproval);
      for (const selector of ['button[name="decision"][value="approve"]', 'button[name="decision"][value="reject"]']) {
        const box = (await page.locator(selector).boundingBox())!;
        expect(box, selector).not.toBeNull();
        expect(box.y + box.height, `${selector} ends within the first screen`).toBeLessThanOrEqual(PHONE.height);
      }
      const first = await page.evaluate(() => document.body.innerText);
      expect(first).toContain("ดูแลชุดข้อมูลด้านการจราจร");
      expect(first).toContain(locale === "th-TH" ? "กรุงเทพมหานคร" : "Bangkok");
      await context.close();
    });
  }

  it("a failed form puts the error summary in focus and marks the field", async () => {
    const context = await contextIn(browser, "th", { width: 1280, height: 900 }, seeded.signedIn.steward);
    const page = await context.newPage();
    await page.goto("/apply");
    await page.fill("#position", "");
    await page.fill("#phone", "12");
    await Promise.all([page.waitForLoadState(), page.click('form[action="/apply"] button[type="submit"]')]);
    expect(await page.title()).toMatch(/^ข้อผิดพลาด:/);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    expect(await page.locator("#phone").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#phone").inputValue(), "the typed value is kept").toBe("12");
    await page.click('.error-summary a[href="#phone"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("phone");
    await context.close();
  });
});
