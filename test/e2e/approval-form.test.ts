import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastMail, launch, newContext, origin, signInByEmail, uniqueEmail } from "./browser";

// The approval page sends Referrer-Policy: no-referrer, so a real browser posts its form with
// `Origin: null` and `Sec-Fetch-Site: same-origin`: the same-origin rule must let that through.
describe.skipIf(!origin)("the executive's approval form in real Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("approves with a click on the e-mailed page", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const email = uniqueEmail("bangkok.go.th");
    await signInByEmail(page, email);
    const terms = (await (await page.request.get("/api/v1/terms")).json()) as { version: string };
    expect(
      (
        await page.request.post("/api/v1/terms/accept", {
          data: { version: terms.version },
          headers: { Origin: origin! },
        })
      ).status(),
    ).toBe(200);
    const applied = await page.request.post("/api/v1/applications", {
      data: {
        agencyId: "agc_bma",
        role: "steward",
        position: "นักวิชาการคอมพิวเตอร์",
        phone: "02 123 4567",
        reason: "เผยแพร่ข้อมูลของกรุงเทพมหานคร",
      },
      headers: { Origin: origin! },
    });
    expect(applied.status()).toBe(201);
    const { application } = (await applied.json()) as { application: { id: string } };

    const link = /http:\/\/localhost:\d+(\/approvals\/[A-Za-z0-9]+)/.exec(
      (await lastMail("executive@bangkok.go.th")).text,
    )![1]!;
    const executive = await (await newContext(browser)).newPage();
    let posted: Promise<Record<string, string>> | null = null;
    executive.on("request", (request) => {
      if (request.method() === "POST") posted = request.allHeaders();
    });
    const opened = await executive.goto(link);
    expect(opened!.headers()["referrer-policy"]).toBe("no-referrer");
    expect(await executive.locator("text=เผยแพร่ข้อมูลของกรุงเทพมหานคร").first().isVisible()).toBe(true);
    await executive.fill('textarea[name="reason"]', "เห็นชอบ");
    await Promise.all([executive.waitForNavigation(), executive.click('button[name="decision"][value="approve"]')]);
    const headers = await posted!;
    expect({ origin: headers["origin"], fetchSite: headers["sec-fetch-site"] }).toEqual({
      origin: "null",
      fetchSite: "same-origin",
    });
    expect(await executive.content()).not.toContain('name="decision"');

    const after = (await (await page.request.get(`/api/v1/applications/${application.id}`)).json()) as {
      application: { status: string; decidedBy: string };
    };
    expect(after.application).toMatchObject({ status: "approved", decidedBy: "executive@bangkok.go.th" });
    await context.close();
  });
});
