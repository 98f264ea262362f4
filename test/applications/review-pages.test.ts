import { beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../helpers/client";
import { createAgency, unique } from "../helpers/fixtures";
import { applicant, approvalLink, decide, submit } from "../helpers/flow-approval";
import { asPage, open } from "../helpers/pages-forms";
import { signInAdmin } from "../helpers/auth-db";
import { snapshot } from "../helpers/db";

// The console's forms on an application when refused (GOV.UK's error pattern): the summary at
// the top links each problem to its field in the one form that failed, the field says what to
// fix, the title starts with "Error:", and what was typed stays. In the administrator's language.

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

const tagWithId = (html: string, tag: string, id: string) =>
  new RegExp(`<${tag}\\b[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? "";

async function awaitingReview() {
  const agency = await createAgency({ reviewRequired: true });
  const who = await applicant(agency);
  const application = await submit(who, agency.id);
  expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
  return application.id;
}

describe("the review queue's language", () => {
  it("is Thai by default and English when asked, never both", async () => {
    const id = await awaitingReview();
    const th = (await open(admin, "/admin/review")).html;
    const en = (
      await asPage("/admin/review", await admin.fetch("/admin/review", { headers: { "Accept-Language": "en" } }))
    ).html;
    expect(th).toContain(`for="return-reason-${id}">เหตุผล (จำเป็น)`);
    expect(th).toContain("คำขอที่รอ สพร. ตรวจสอบ");
    expect(th).not.toContain("Reason (required)");
    expect(en).toContain(`for="return-reason-${id}">Reason (required)`);
    expect(en).toContain("Awaiting DGA&#39;s review");
    expect(en).not.toContain("เหตุผล (จำเป็น)");
  });
});

describe("DGA's review forms", () => {
  it("a return without a reason: summary linking that form's reason, its message, aria-invalid, the title's prefix", async () => {
    const id = await awaitingReview();
    const page = await open(admin, "/admin/review");
    const before = await snapshot();
    const refused = await asPage(
      "/admin/review",
      await page.submit(admin, `/admin/applications/${id}/return`, { reason: "   " }),
      400,
    );
    expect(await snapshot()).toEqual(before);
    const field = `return-reason-${id}`;
    expect(refused.html).toMatch(/<title>ข้อผิดพลาด: /);
    expect(refused.html).toMatch(new RegExp(`<div class="error-summary"[\\s\\S]*href="#${field}">กรุณาระบุเหตุผลที่ส่งกลับ`));
    expect(refused.html).toContain(`id="${field}-error"`);
    expect(tagWithId(refused.html, "textarea", field)).toContain('aria-invalid="true"');
    expect(tagWithId(refused.html, "textarea", `approve-reason-${id}`)).not.toContain("aria-invalid");
    expect(refused.html).not.toContain("A returned application needs a reason.");
    // The summary comes before the page's heading.
    expect(refused.html.indexOf("error-summary")).toBeLessThan(refused.html.indexOf("<h1"));
  });

  it("a rejection's reason too long: named at its field in English, the text typed kept", async () => {
    const id = await awaitingReview();
    const typed = `${"x".repeat(2001)}-${unique()}`;
    const res = await admin.form(`/admin/applications/${id}/reject`, { reason: typed }, { "Accept-Language": "en" });
    const refused = await asPage("/admin/review", res, 400);
    const field = `reject-reason-${id}`;
    expect(refused.html).toMatch(/<title>Error: /);
    expect(refused.html).toContain(`href="#${field}">Keep the reason to 2,000 characters or fewer`);
    expect(refused.html).toContain(`${tagWithId(refused.html, "textarea", field)}${typed}</textarea>`);
    expect(refused.html).not.toContain("เขียนเหตุผลไม่เกิน");
  });
});

describe("the approver's confirmation form", () => {
  it("an address outside government: summary linking the e-mail field, its message, aria-invalid; every value typed kept", async () => {
    const agency = await createAgency({ executive: false });
    const who = await applicant(agency);
    const nominee = { name: "นาย ผู้อนุมัติ", position: "ผู้อำนวยการ", email: `chief.${unique()}@${agency.domain}` };
    const application = await submit(who, agency.id, { approver: nominee });
    const page = await open(admin, "/admin/review");
    const before = await snapshot();
    const values = { name: "นาย ผู้อนุมัติ", position: "ผู้อำนวยการสำนัก", email: "boss@gmail.com" };
    const refused = await asPage(
      "/admin/review",
      await page.submit(admin, `/admin/applications/${application.id}/approver`, values),
      422,
    );
    expect(await snapshot()).toEqual(before);
    const email = `approver-${application.id}-email`;
    expect(refused.html).toMatch(/<title>ข้อผิดพลาด: /);
    expect(refused.html).toMatch(new RegExp(`<div class="error-summary"[\\s\\S]*href="#${email}">`));
    expect(refused.html).toContain(`id="${email}-error"`);
    expect(tagWithId(refused.html, "input", email)).toContain('aria-invalid="true"');
    const form = refused.form(`/admin/applications/${application.id}/approver`);
    expect(form.defaults).toMatchObject(values);
  });
});
