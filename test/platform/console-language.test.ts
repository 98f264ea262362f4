import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency } from "../helpers/fixtures";
import { signInAdmin } from "../helpers/auth-db";
import { steward } from "../helpers/flow-approval";
import { asPage, decodeHtml, open, textOf, type Page } from "../helpers/pages-forms";
import { snapshot } from "../helpers/db";

// Issue 10, items 1 and 3, for the console's own pages: one language at a time (the home, the
// audit trail, the error page), and the GOV.UK error pattern on the confirmation form and the
// audit trail's filters.

const THAI = /[\u0E00-\u0E7F]/;
/** A Thai word followed by " / " and an English one: the old way of printing everything twice. */
const TWICE = /[\u0E00-\u0E7F][^<]{0,3} \/ [A-Za-z]/;

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

/** A page as a browser that prefers English gets it (pages are Thai by default). */
async function openEnglish(client: Client, path: string, status = 200): Promise<Page> {
  return asPage(path, await client.fetch(path, { headers: { "Accept-Language": "en" } }), status);
}

/** The text of the page's <main> (without the header's user menu, whose name may be Thai). */
function mainText(html: string): string {
  const main = /<main id="main">([\s\S]*?)<\/main>/.exec(html);
  expect(main, "a <main>").not.toBeNull();
  return textOf(main![1]!);
}

function titleOf(html: string): string {
  return decodeHtml(/<title>([^<]*)<\/title>/.exec(html)![1]!);
}

describe("the console home", () => {
  it("in Thai: Thai heading, counts and tabs, no English sentence", async () => {
    const page = await open(admin, "/admin");
    expect(page.html).toContain('<html lang="th">');
    expect(titleOf(page.html)).toMatch(/^ผู้ดูแลระบบ · /);
    const text = mainText(page.html);
    for (const thai of ["ภาพรวม", "รอ สพร. ตรวจสอบ", "ผู้ดูแลข้อมูลที่ใช้งานอยู่", "บันทึกการตรวจสอบ", "นำเข้าหน่วยงานจาก CSV"])
      expect(text).toContain(thai);
    for (const english of ["Administration", "Overview", "Awaiting review", "Audit trail", "Import agencies"])
      expect(text).not.toContain(english);
    expect(page.html).not.toMatch(TWICE);
    expect(page.html).toMatch(/<a href="\/admin" aria-current="page">ภาพรวม<\/a>/);
  });

  it("in English: English heading, counts and tabs, no Thai in the main text", async () => {
    const page = await openEnglish(admin, "/admin");
    expect(page.html).toContain('<html lang="en">');
    expect(titleOf(page.html)).toMatch(/^Administration · /);
    const text = mainText(page.html);
    for (const english of ["Administration", "Overview", "Awaiting review", "Active stewards", "Import agencies (CSV)"])
      expect(text).toContain(english);
    expect(text).not.toMatch(THAI);
    expect(page.html).toMatch(/<a href="\/admin" aria-current="page">Overview<\/a>/);
    expect(page.html).toContain('aria-label="Administration"');
  });
});

describe("the audit trail", () => {
  it("describes events in the page's language only, with its filters and dates", async () => {
    const s = await steward(await createAgency());
    const res = await admin.json("POST", `/api/v1/admin/memberships/${s.membershipId}/revoke`, {
      reason: "moved-away",
    });
    expect(res.status).toBeLessThan(300);
    const path = `/admin/audit?subject=${encodeURIComponent(`membership:${s.membershipId}`)}`;

    const thai = await open(admin, path);
    const th = mainText(thai.html);
    expect(th).toContain("เพิกถอนบทบาทผู้ดูแลข้อมูล");
    expect(th).toContain("เหตุผล: moved-away");
    expect(th).toContain("ตัวกรอง");
    expect(th).toMatch(/25\d\d/); // the Buddhist era
    expect(th).not.toContain("Revoked the steward role");
    expect(th).not.toContain("Filters");
    expect(thai.html).not.toMatch(TWICE);

    const english = await openEnglish(admin, path);
    const en = mainText(english.html);
    expect(en).toContain("Revoked the steward role");
    expect(en).toContain("reason: moved-away");
    expect(en).toContain("Filters");
    expect(en).toContain("Download CSV (these filters)");
    expect(en).not.toContain("เพิกถอนบทบาทผู้ดูแลข้อมูล");
    expect(en).not.toContain("ตัวกรอง");
    expect(english.html).toContain(`href="/admin/stewards/${s.membershipId}"`);
  });

  it("filters that cannot be read: the error summary links to the field, which says what to enter; values kept", async () => {
    const page = await open(admin, "/admin/audit?actor=someone&from=not-a-date", 400);
    expect(titleOf(page.html)).toMatch(/^ข้อผิดพลาด: บันทึกการตรวจสอบ/);
    const summary = page.html.indexOf('class="error-summary"');
    expect(summary).toBeGreaterThan(-1);
    expect(summary).toBeLessThan(page.html.indexOf("<h1"));
    expect(page.html).toContain('href="#from"');
    expect(page.html).toMatch(/<input id="from" name="from" type="date" value="not-a-date" aria-invalid="true"/);
    expect(textOf(page.html)).toContain("กรอกวันที่เริ่มต้นเป็นวันที่");
    expect(page.html).toContain('value="someone"');
    expect(page.html).not.toMatch(/<input id="actor"[^>]*aria-invalid/);

    const english = await openEnglish(admin, "/admin/audit?from=not-a-date", 400);
    expect(titleOf(english.html)).toMatch(/^Error: Audit trail/);
    expect(textOf(english.html)).toContain("Enter the first day as a date");
  });
});

describe("the error page", () => {
  it("in Thai: title, hint and code line in Thai, DGA's contact in the main text, the status kept", async () => {
    const res = await admin.fetch("/admin/nowhere");
    expect(res.status).toBe(404);
    const page = await asPage("/admin/nowhere", res, 404);
    const text = mainText(page.html);
    expect(text).toContain("ไม่พบหน้านี้");
    expect(text).toContain("รหัสข้อผิดพลาด: not_found (404)");
    expect(text).toContain("สอบถามหรือขอความช่วยเหลือ: สพร.");
    expect(text).toContain("contact@dga.or.th");
    expect(text).not.toMatch(/Not found|Error code|Home/);
    expect(page.html).not.toMatch(TWICE);
  });

  it("in English: the error's own text, title, code line and DGA's contact in English", async () => {
    const bad = "/admin/audit.csv?from=not-a-date";
    const thai = await asPage(bad, await admin.fetch(bad), 400);
    expect(mainText(thai.html)).toContain("กรุณาตรวจสอบข้อมูลที่กรอก");
    expect(mainText(thai.html)).not.toContain("Please check the form.");

    const page = await openEnglish(admin, bad, 400);
    const text = mainText(page.html);
    expect(titleOf(page.html)).toMatch(/^Bad request · /);
    expect(text).toContain("Please check the form.");
    expect(text).toContain("Error code: invalid_request (400)");
    expect(text).toContain("Questions or help: DGA");
    expect(text).not.toMatch(THAI);
  });

  it("403 for a signed-in non-administrator who chose English: the refusal and DGA's contact in English", async () => {
    const s = await steward(await createAgency());
    s.client.cookies.set("steward_lang", "en");
    const page = await open(s.client, "/admin", 403);
    expect(page.html).toContain('<html lang="en">');
    const text = mainText(page.html);
    expect(text).toContain("Not allowed");
    expect(text).toContain("Error code: forbidden (403)");
    expect(text).toContain("Questions or help: DGA");
    expect(text).not.toMatch(THAI);
  });
});

describe("a confirmation form that fails", () => {
  it("a blank reason and an impossible grace: the summary lists both, links to each field, nothing happens", async () => {
    const s = await steward(await createAgency());
    const before = await snapshot();
    const res = await admin.form(`/admin/people/${s.userId}/expire-keys`, { reason: "   ", graceSeconds: "604801" });
    const page = await asPage("confirm", res, 400);
    expect(await snapshot()).toEqual(before);
    expect(titleOf(page.html)).toMatch(/^ข้อผิดพลาด: /);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page.html)?.[0] ?? "";
    expect(summary).toContain('autofocus=""');
    expect(summary.indexOf('href="#graceSeconds"')).toBeGreaterThan(-1);
    expect(summary.indexOf('href="#graceSeconds"')).toBeLessThan(summary.indexOf('href="#reason"'));
    expect(textOf(summary)).toContain("ระบุเหตุผลของการดำเนินการนี้");
    expect(page.html.indexOf('class="error-summary"')).toBeLessThan(page.html.indexOf("<h1"));
    expect(page.html).toMatch(
      /<textarea id="reason"[^>]*aria-invalid="true"[^>]*aria-describedby="reason-hint reason-error"/,
    );
    expect(page.html).toMatch(/<select id="graceSeconds"[^>]*aria-invalid="true"/);
    expect(page.html).toContain('id="reason-error"');
    // An impossible grace is not kept: the default is chosen again, never "Stop now".
    expect(page.form(`/admin/people/${s.userId}/expire-keys`).defaults.graceSeconds).toBe("86400");
  });

  it("a reason too long: the message at the field, the typed reason and grace kept, in the chosen language", async () => {
    const s = await steward(await createAgency());
    const reason = `ยาวเกิน ${"ก".repeat(2000)}`;
    const res = await admin.form(`/admin/people/${s.userId}/expire-keys`, { reason, graceSeconds: "3600" });
    const page = await asPage("confirm", res, 400);
    expect(page.html).toContain('href="#reason"');
    expect(page.html).not.toContain('href="#graceSeconds"');
    const form = page.form(`/admin/people/${s.userId}/expire-keys`);
    expect(form.defaults.reason).toBe(reason);
    expect(form.defaults.graceSeconds).toBe("3600");
    const message = /<p class="field-error" id="reason-error">([\s\S]*?)<\/p>/.exec(page.html)?.[1] ?? "";
    expect(textOf(message)).toContain("ข้อผิดพลาด: ระบุเหตุผลของการดำเนินการนี้ ไม่เกิน 2,000 ตัวอักษร");

    const english = await asPage(
      "confirm",
      await admin.fetch(`/admin/people/${s.userId}/expire-keys`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en" },
        body: new URLSearchParams({ reason: "", graceSeconds: "0" }).toString(),
      }),
      400,
    );
    expect(titleOf(english.html)).toMatch(/^Error: /);
    expect(textOf(english.html)).toContain("There is a problem");
    expect(textOf(english.html)).toContain("Give the reason for this action, up to 2,000 characters");
    expect(mainText(english.html)).not.toContain("ระบุเหตุผล");
  });
});
