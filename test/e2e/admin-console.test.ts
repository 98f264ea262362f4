import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastMail, launch, newContext, origin, signInByEmail, uniqueEmail } from "./browser";

// An administrator finds a steward by Thai name, revokes the role through the confirmation
// page, sees the banner, and the steward's key verifies REVOKED: real Chromium, `wrangler dev`.
describe.skipIf(!origin)("the administrators' console in real Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("finds a steward by Thai name and revokes them with a reason through the confirmation page", async () => {
    // A steward of Bangkok (agc_bma, seeded) with a publish key.
    const official = await (await newContext(browser)).newPage();
    const email = uniqueEmail("bangkok.go.th");
    const thaiName = `ทดสอบเพิกถอน ${Date.now().toString(36)}`;
    await signInByEmail(official, email);
    const headers = { Origin: origin! };
    expect((await official.request.patch("/api/v1/me", { data: { name: thaiName }, headers })).status()).toBe(200);
    const terms = (await (await official.request.get("/api/v1/terms")).json()) as { version: string };
    await official.request.post("/api/v1/terms/accept", { data: { version: terms.version }, headers });
    const applied = await official.request.post("/api/v1/applications", {
      data: { agencyId: "agc_bma", role: "steward", position: "นักวิชาการ", phone: "02 123 4567", reason: "เผยแพร่ข้อมูล" },
      headers,
    });
    expect(applied.status()).toBe(201);
    const link = /http:\/\/localhost:\d+(\/approvals\/[A-Za-z0-9]+)/.exec(
      (await lastMail("executive@bangkok.go.th")).text,
    )![1]!;
    const executive = await (await newContext(browser)).newPage();
    await executive.goto(link);
    await Promise.all([executive.waitForNavigation(), executive.click('button[name="decision"][value="approve"]')]);
    const created = await official.request.post("/api/v1/keys", {
      data: { name: "publish", scopes: ["read", "publish"] },
      headers,
    });
    expect(created.status()).toBe(201);
    const { secret } = (await created.json()) as { secret: string };

    // The administrator: console, stewards tab, search by the Thai name, the steward's page.
    const adminPage = await (await newContext(browser)).newPage();
    await signInByEmail(adminPage, "admin@dga.or.th");
    await adminPage.goto("/admin");
    await Promise.all([
      adminPage.waitForURL(/\/admin\/stewards/),
      adminPage.click('nav.tabs a[href="/admin/stewards"]'),
    ]);
    await adminPage.fill("#q", thaiName);
    await Promise.all([adminPage.waitForURL(/q=/), adminPage.click('form[role="search"] button[type="submit"]')]);
    await Promise.all([adminPage.waitForURL(/\/admin\/stewards\/mem_/), adminPage.click(`a:has-text("${thaiName}")`)]);
    await Promise.all([adminPage.waitForURL(/confirm\/revoke$/), adminPage.click('a[href$="/confirm/revoke"]')]);
    expect(await adminPage.locator(".consequences").innerText()).toContain("กุญแจเผยแพร่ข้อมูล 1 ดอกจะหยุดทำงานทันที");

    // No reason: the page says so at the field, nothing happens.
    await adminPage.click('form[action$="/revoke"] button[type="submit"]');
    await adminPage.waitForLoadState();
    expect(await adminPage.locator("textarea#reason").getAttribute("aria-invalid")).toBe("true");

    await adminPage.fill("textarea#reason", "ย้ายไปปฏิบัติงานที่หน่วยงานอื่น");
    await Promise.all([
      adminPage.waitForURL(/done=revoked/),
      adminPage.click('form[action$="/revoke"] button[type="submit"]'),
    ]);
    const banner = adminPage.locator('.notice.success[role="status"]');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toContain("เพิกถอนบทบาทแล้ว");
    const bannerBox = (await banner.boundingBox())!;
    expect(bannerBox.y, "the banner is on the first screen").toBeLessThan(900);

    const verified = await fetch(`${origin}/api/v1/keys/verify`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer dev-gateway-secret" },
      body: JSON.stringify({ key: secret }),
    });
    expect(((await verified.json()) as { code: string }).code).toBe("REVOKED");
  });
});
