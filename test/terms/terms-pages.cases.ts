import { beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../helpers/client";
import { signInAdmin } from "../helpers/auth-db";
import { createAgency, ensureTerms, signIn, unique } from "../helpers/fixtures";
import { open, textOf } from "../helpers/pages-forms";
import { rows } from "../helpers/db";

// The terms pages in one language at a time, and their forms' errors (GOV.UK's pattern).

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
  await ensureTerms();
});

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";

async function posted(res: Response, status: number): Promise<string> {
  const html = await res.text();
  expect(res.status, html.slice(0, 400)).toBe(status);
  return html;
}

describe("the terms of use", () => {
  it("are shown in the page's language only: Thai by default, English when chosen", async () => {
    const client = await signIn(`${unique("u")}@${(await createAgency()).domain}`);
    const thai = await open(client, "/terms");
    expect(titleOf(thai.html)).toMatch(/^ข้อตกลง ·/);
    expect(textOf(thai.html)).toContain("ข้อตกลงทดสอบ");
    expect(textOf(thai.html)).toContain("ข้าพเจ้าได้อ่านและยอมรับข้อตกลงนี้");
    expect(textOf(thai.html)).not.toContain("Test terms");
    expect(textOf(thai.html)).not.toContain("I have read and accept these terms");
    client.cookies.set("steward_lang", "en");
    const english = await open(client, "/terms");
    expect(titleOf(english.html)).toMatch(/^Terms ·/);
    expect(textOf(english.html)).toContain("Test terms");
    expect(textOf(english.html)).toContain("I have read and accept these terms");
    expect(textOf(english.html)).not.toContain("ข้อตกลงทดสอบ");
    expect(textOf(english.html)).not.toContain("ข้าพเจ้าได้อ่าน");
  });

  it("accepting without ticking the box: the summary links the box, which is marked invalid", async () => {
    const client = await signIn(`${unique("u")}@${(await createAgency()).domain}`);
    const page = await open(client, "/terms");
    const html = await posted(await page.submit(client, "/terms/accept"), 400);
    expect(titleOf(html)).toMatch(/^ข้อผิดพลาด: ข้อตกลง/);
    expect(html.indexOf('class="error-summary"')).toBeLessThan(html.indexOf("<h1"));
    expect(html).toContain('<a href="#accept">ทำเครื่องหมายว่าท่านได้อ่านและยอมรับข้อตกลง</a>');
    expect(html).toMatch(/<input id="accept"[^>]*aria-invalid="true"[^>]*aria-describedby="accept-error"/);
  });
});

describe("publishing terms from the console", () => {
  const form = (overrides: Record<string, string> = {}) => ({
    version: "bad version",
    titleTh: "หัวเรื่องที่พิมพ์ไว้",
    titleEn: "A typed title",
    bodyTh: "เนื้อหาที่พิมพ์ไว้",
    bodyEn: "Typed text",
    effectiveAt: "",
    ...overrides,
  });
  const versions = async () => Number((await rows("SELECT count(*) AS n FROM terms_versions"))[0]!.n);

  it("the page is Thai by default and English when chosen", async () => {
    const th = textOf((await open(admin, "/admin/terms")).html);
    expect(th).toContain("เผยแพร่ข้อตกลงการใช้งานฉบับใหม่");
    expect(th).not.toContain("Publish new terms of use");
    admin.cookies.set("steward_lang", "en");
    const en = textOf((await open(admin, "/admin/terms")).html);
    admin.cookies.delete("steward_lang");
    expect(en).toContain("Publish new terms of use");
    expect(en).not.toContain("เผยแพร่ข้อตกลงการใช้งานฉบับใหม่");
  });

  it("a refused version: summary, message, aria-invalid, the title's prefix, and everything typed kept", async () => {
    const before = await versions();
    const html = await posted(await admin.form("/admin/terms", form()), 400);
    expect(titleOf(html)).toMatch(/^ข้อผิดพลาด: ข้อตกลงการใช้งาน/);
    expect(html.indexOf('class="error-summary"')).toBeLessThan(html.indexOf("<h1"));
    expect(html).toContain('href="#version"');
    expect(html).toContain('id="version-error"');
    expect(textOf(html)).toContain("กรอกรุ่นของข้อตกลง ใช้ตัวอักษรอังกฤษ ตัวเลข . _ - ไม่เกิน 50 ตัว เช่น 2025-06");
    expect(html).toMatch(
      /<input id="version"[^>]*aria-invalid="true"[^>]*aria-describedby="version-hint version-error"/,
    );
    expect(html).toContain('value="bad version"');
    expect(html).toContain('value="หัวเรื่องที่พิมพ์ไว้"');
    expect(html).toMatch(/<textarea id="bodyTh"[^>]*>เนื้อหาที่พิมพ์ไว้<\/textarea>/);
    expect(await versions()).toBe(before);
  });

  it("a version that exists and a date that is not one are said at their fields", async () => {
    let html = await posted(await admin.form("/admin/terms", form({ version: "test-1" })), 409);
    expect(html).toContain('<a href="#version">มีฉบับ test-1 อยู่แล้ว</a>');
    html = await posted(
      await admin.form("/admin/terms", form({ version: unique("v"), effectiveAt: "2026-13-45T99:99" })),
      400,
    );
    expect(html).toContain('href="#effectiveAt"');
    expect(html).toMatch(/<input id="effectiveAt"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="2026-13-45T99:99"');
  });
});
