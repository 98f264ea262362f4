import { beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../helpers/client";
import { createAgency, ensureTerms, signIn, unique, type AgencyFixture } from "../helpers/fixtures";
import { applicant, approvalLink, decide, steward, submit } from "../helpers/flow-approval";
import { signInAdmin } from "../helpers/auth-db";
import { asPage, open, textOf, type Page } from "../helpers/pages-forms";
import { rows } from "../helpers/db";

/**
 * The applicant's pages in one language at a time (Thai unless English was chosen), and their
 * forms' errors in GOV.UK's pattern: a summary linking to each wrong field, the field's own
 * message, aria-invalid, "ข้อผิดพลาด:" before the title, and what was typed kept.
 */

let agency: AgencyFixture;
beforeAll(async () => {
  await ensureTerms();
  agency = await createAgency();
});

/** The same page read in English (the language cookie), then the client back in Thai. */
async function inEnglish(client: Client, path: string, status = 200): Promise<Page> {
  client.cookies.set("steward_lang", "en");
  try {
    return await open(client, path, status);
  } finally {
    client.cookies.delete("steward_lang");
  }
}

const titleOf = (page: Page) => /<title>([^<]*)<\/title>/.exec(page.html)?.[1] ?? "";
/** The opening tag of the element with this id. */
const tagOf = (page: Page, id: string) => new RegExp(`<[a-z]+\\b[^>]*\\bid="${id}"[^>]*>`).exec(page.html)?.[0] ?? "";

/** What every refused form shows: the summary's link, the field's message, the invalid field, the title. */
function expectFieldError(page: Page, field: string, message: string) {
  expect(titleOf(page).startsWith("ข้อผิดพลาด:"), titleOf(page)).toBe(true);
  expect(page.html).toMatch(/class="error-summary"[^>]*role="alert"/);
  expect(page.html).toContain(`<a href="#${field}">${message}</a>`);
  expect(textOf(page.html)).toContain(message);
  expect(page.html).toContain(`id="${field}-error"`);
  expect(tagOf(page, field)).toContain('aria-invalid="true"');
  expect(tagOf(page, field)).toMatch(new RegExp(`aria-describedby="[^"]*${field}-error`));
  // The summary comes first in the main text, before the heading.
  expect(page.html.indexOf("error-summary")).toBeLessThan(page.html.indexOf("<h1"));
}

describe("the applicant's pages, one language at a time", () => {
  it("the list of applications: Thai by default, English when chosen", async () => {
    const who = await applicant(agency);
    const application = await submit(who, agency.id);

    const thai = await open(who.client, "/applications");
    expect(thai.html).toMatch(/<html lang="th"/);
    expect(thai.html).toContain("<h1>คำขอของฉัน</h1>");
    expect(textOf(thai.html)).toContain(`หน่วยงานทดสอบ ${agency.id}`);
    expect(textOf(thai.html)).toContain("รอผู้บริหารอนุมัติ");
    expect(textOf(thai.html)).not.toContain("My applications");
    expect(textOf(thai.html)).not.toContain(`Test agency ${agency.id}`);
    expect(textOf(thai.html)).not.toContain("Awaiting executive approval");
    // An application waiting for someone is amber.
    expect(thai.html).toContain('<span class="badge waiting">รอผู้บริหารอนุมัติ</span>');
    expect(thai.html).toContain(`href="/applications/${application.id}"`);

    const english = await inEnglish(who.client, "/applications");
    expect(english.html).toMatch(/<html lang="en"/);
    expect(english.html).toContain("<h1>My applications</h1>");
    expect(textOf(english.html)).toContain(`Test agency ${agency.id}`);
    expect(textOf(english.html)).toContain("Awaiting executive approval");
    expect(textOf(english.html)).not.toContain("คำขอของฉัน");
    expect(textOf(english.html)).not.toContain(`หน่วยงานทดสอบ ${agency.id}`);
    expect(textOf(english.html)).not.toContain("รอผู้บริหารอนุมัติ");
  });

  it("an application: Thai by default, English when chosen, the banner too", async () => {
    const who = await applicant(agency);
    const application = await submit(who, agency.id);
    const reference = String(
      (await rows("SELECT reference FROM applications WHERE id = ?", application.id))[0]!.reference,
    );
    const path = `/applications/${application.id}?done=submitted`;

    const thai = await open(who.client, path);
    const thaiText = textOf(thai.html);
    expect(thai.html).toContain("<h1>คำขอเป็นผู้ดูแลข้อมูล</h1>");
    expect(titleOf(thai)).toContain(`คำขอเลขที่ ${reference}`);
    expect(thaiText).toContain(`ส่งคำขอแล้ว เลขที่คำขอ ${reference}`);
    expect(thaiText).toContain("ผู้อนุมัติ");
    expect(thaiText).toContain("ถอนคำขอ");
    for (const english of ["Application:", "Your application is sent", "Approver", "Withdraw application", "Reference"])
      expect(thaiText).not.toContain(english);

    const english = await inEnglish(who.client, path);
    const englishText = textOf(english.html);
    expect(english.html).toContain("<h1>Application: Data Steward</h1>");
    expect(titleOf(english)).toContain(`Application ${reference}`);
    expect(englishText).toContain(`quote reference ${reference} when you contact DGA`);
    expect(englishText).toContain("Withdraw application");
    expect(englishText).toContain(`Test agency ${agency.id}`);
    for (const thaiWords of ["คำขอเป็น", "ส่งคำขอแล้ว", "ผู้อนุมัติ", "ถอนคำขอ", "เลขที่คำขอ", `หน่วยงานทดสอบ ${agency.id}`])
      expect(englishText).not.toContain(thaiWords);
  });
});

describe("the resubmission form", () => {
  it("refused: the summary links to each wrong field, their messages, the typed values kept, nothing changed", async () => {
    // Endorsed by the executive, then returned by DGA: the applicant may correct and resubmit.
    const reviewed = await createAgency({ reviewRequired: true });
    const who = await applicant(reviewed);
    const application = await submit(who, reviewed.id);
    expect((await decide(await approvalLink(reviewed.executiveEmail!), "approve")).status).toBe(200);
    const admin = await signInAdmin();
    const returned = await admin.json("POST", `/api/v1/admin/applications/${application.id}/return`, {
      reason: "โปรดแก้ตำแหน่ง",
    });
    expect(returned.status, await returned.clone().text()).toBe(200);

    const page = await open(who.client, `/applications/${application.id}`);
    const typed = { position: "  ", phone: "โทรหาผม", reason: "เหตุผลใหม่ที่พิมพ์ไว้" };
    const refused = await asPage(
      "resubmit",
      await page.submit(who.client, `/applications/${application.id}/resubmit`, typed),
      400,
    );
    expectFieldError(refused, "position", "กรอกตำแหน่งของท่าน ไม่เกิน 200 ตัวอักษร");
    expectFieldError(refused, "phone", "กรอกหมายเลขโทรศัพท์ที่ทำงาน เช่น 02 123 4567");
    expect(tagOf(refused, "phone")).toContain('aria-describedby="phone-hint phone-error"');
    expect(tagOf(refused, "reason")).not.toContain("aria-invalid");
    expect(refused.form(`/applications/${application.id}/resubmit`).defaults).toEqual(typed);
    expect(await rows("SELECT status, phone FROM applications WHERE id = ?", application.id)).toEqual([
      { status: "returned", phone: "02 123 4567" },
    ]);

    who.client.cookies.set("steward_lang", "en");
    const english = await asPage(
      "resubmit",
      await who.client.form(`/applications/${application.id}/resubmit`, typed),
      400,
    );
    who.client.cookies.delete("steward_lang");
    expect(titleOf(english).startsWith("Error:")).toBe(true);
    expect(english.html).toContain('<a href="#phone">Enter your work phone number, for example 02 123 4567</a>');
    expect(textOf(english.html)).not.toContain("กรอกหมายเลขโทรศัพท์");
  });
});

describe("the terms' acceptance", () => {
  it("without the box ticked: a message on the box, nothing accepted", async () => {
    const email = `${unique("u")}@${agency.domain}`;
    const client = await signIn(email);
    const page = await open(client, "/terms");
    const refused = await asPage("/terms/accept", await page.submit(client, "/terms/accept"), 400);
    expectFieldError(refused, "accept", "ทำเครื่องหมายว่าท่านได้อ่านและยอมรับข้อตกลง");
    expect(refused.has("/terms/accept")).toBe(true);
    const accepted = "SELECT version FROM terms_acceptances WHERE user_id = (SELECT id FROM users WHERE email = ?)";
    expect(await rows(accepted, email)).toEqual([]);
  });
});

describe("the apply form", () => {
  it("chooses the agency of the applicant's e-mail domain", async () => {
    const who = await applicant(agency);
    const page = await open(who.client, "/apply");
    expect(page.form("/apply").defaults.agencyId).toBe(agency.id);
  });

  it("asks to accept the terms first: a link to them instead of the form", async () => {
    const client = await signIn(`${unique("u")}@${agency.domain}`);
    const page = await open(client, "/apply");
    expect(page.has("/apply")).toBe(false);
    expect(page.html).toMatch(/<a class="button" href="\/terms">อ่านและยอมรับข้อตกลง<\/a>/);
  });

  it("marks the agencies without an executive, whose choice shows the approver's fields (apply.js; always shown without scripts)", async () => {
    const withExecutive = await open((await applicant(agency)).client, "/apply");
    expect(tagOf(withExecutive, "approver")).not.toMatch(/\shidden/);
    expect(withExecutive.html).toMatch(new RegExp(`<option value="${agency.id}" selected=""(?! data-no-executive)`));
    const without = await createAgency({ executive: false });
    const withoutExecutive = await open((await applicant(without)).client, "/apply");
    expect(withoutExecutive.html).toMatch(new RegExp(`<option value="${without.id}" selected="" data-no-executive=""`));
    expect(withoutExecutive.form("/apply").defaults.agencyId).toBe(without.id);
  });

  it("refused: the summary links to the field, its message, the typed values kept, nothing created", async () => {
    const who = await applicant(agency);
    const page = await open(who.client, "/apply");
    const typed = { agencyId: agency.id, position: "นักวิชาการ", phone: "12", reason: "ดูแลชุดข้อมูล" };
    const refused = await asPage("/apply", await page.submit(who.client, "/apply", typed), 400);
    expectFieldError(refused, "phone", "กรอกหมายเลขโทรศัพท์ที่ทำงาน เช่น 02 123 4567");
    expect(tagOf(refused, "position")).not.toContain("aria-invalid");
    expect(refused.form("/apply").defaults).toMatchObject(typed);
    expect(
      await rows("SELECT id FROM applications WHERE user_id = (SELECT id FROM users WHERE email = ?)", who.email),
    ).toEqual([]);
  });
});

describe("the roles page's forms", () => {
  it("a refused handover and a refused give-up: summary, field message, typed values kept, nothing changed", async () => {
    const s = await steward(await createAgency());
    const mid = s.membershipId;
    const page = await open(s.client, "/roles");
    expect(page.html).toContain("<h1>บทบาทผู้ดูแลข้อมูลของฉัน</h1>");
    // In English, no Thai at all outside the language switch and the person's own (Thai) name.
    const english = await inEnglish(s.client, "/roles");
    expect(english.html).toContain("<h1>My steward roles</h1>");
    const chrome = /<nav class="languages"[\s\S]*?<\/nav>|<p class="who">[\s\S]*?<\/p>/g;
    expect(textOf(english.html.replace(chrome, ""))).not.toMatch(/[\u0E00-\u0E7F]/);

    const handover = await asPage(
      "/roles",
      await page.submit(s.client, `/roles/${mid}/handover`, { successorEmail: "not an address" }),
      400,
    );
    expectFieldError(handover, `successor-${mid}`, "กรอกอีเมลราชการของผู้รับช่วง เช่น name@agency.go.th");
    expect(handover.form(`/roles/${mid}/handover`).defaults.successorEmail).toBe("not an address");

    // The box not ticked: a message on the box itself; the reason typed stays.
    const cancel = await asPage(
      "/roles",
      await page.submit(s.client, `/roles/${mid}/cancel`, { reason: "ย้ายไปหน่วยงานอื่น" }),
      400,
    );
    expectFieldError(cancel, `cancel-confirm-${mid}`, "ทำเครื่องหมายเพื่อยืนยันว่าท่านเข้าใจว่ากุญแจเผยแพร่ข้อมูลจะหยุดทำงานทันที");
    expect(tagOf(cancel, `cancel-reason-${mid}`)).not.toContain("aria-invalid");
    expect(cancel.form(`/roles/${mid}/cancel`).defaults.reason).toBe("ย้ายไปหน่วยงานอื่น");

    // Ticked but no reason: the message moves to the reason, and the box stays ticked.
    const noReason = await asPage(
      "/roles",
      await page.submit(s.client, `/roles/${mid}/cancel`, { reason: " ", confirm: "yes" }),
      400,
    );
    expectFieldError(noReason, `cancel-reason-${mid}`, "เขียนเหตุผลที่สละบทบาท ไม่เกิน 2,000 ตัวอักษร");
    expect(noReason.form(`/roles/${mid}/cancel`).defaults.confirm).toBe("yes");
    expect(await rows("SELECT status FROM memberships WHERE id = ?", mid)).toEqual([{ status: "active" }]);
    expect(await rows("SELECT id FROM handovers WHERE membership_id = ?", mid)).toEqual([]);
  });
});

describe("what the review pass found", () => {
  it("naming oneself as the approver says so at the approver's e-mail, in the service's words", async () => {
    const without = await createAgency({ executive: false });
    const who = await applicant(without);
    const page = await open(who.client, "/apply");
    const refused = await asPage(
      "/apply",
      await page.submit(who.client, "/apply", {
        agencyId: without.id,
        position: "นักวิชาการ",
        phone: "02 123 4567",
        reason: "ดูแลชุดข้อมูล",
        approverName: "ตัวเอง",
        approverPosition: "ผู้อำนวยการ",
        approverEmail: who.email,
      }),
      422,
    );
    expect(refused.html).toContain('href="#approverEmail"');
    expect(textOf(refused.html)).not.toContain("กรอกอีเมลราชการของผู้อนุมัติ เช่น");
    expect(refused.html).toMatch(/<input id="approverEmail"[^>]*aria-invalid="true"/);
  });

  it("an administrator's decision shows as DGA's to the applicant, not by the administrator's address", async () => {
    const reviewed = await createAgency({ reviewRequired: true });
    const who = await applicant(reviewed);
    const application = await submit(who, reviewed.id);
    expect((await decide(await approvalLink(reviewed.executiveEmail!), "approve")).status).toBe(200);
    const admin = await signInAdmin();
    const approved = await admin.json("POST", `/api/v1/admin/applications/${application.id}/approve`, {});
    expect(approved.status, await approved.clone().text()).toBe(200);
    const page = await open(who.client, `/applications/${application.id}`);
    expect(page.html).not.toContain("admin@dga.or.th");
    expect(textOf(page.html)).toContain("· สพร.");
  });

  it("a shared government mail domain pre-selects no agency, and no agency may take it as its own", async () => {
    const client = await signIn(`${unique("u")}@mail.go.th`);
    await client.json("POST", "/api/v1/terms/accept", { version: await ensureTerms() });
    const page = await open(client, "/apply");
    expect(page.form("/apply").defaults.agencyId).toBe("");
    const admin = await signInAdmin();
    const res = await admin.json("POST", "/api/v1/admin/agencies", {
      nameTh: `หน่วยงานทดสอบ ${unique("a")}`,
      nameEn: "Shared domain test",
      ministry: "กระทรวงมหาดไทย",
      domains: ["mail.go.th"],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["domains.0"]);
  });
});
