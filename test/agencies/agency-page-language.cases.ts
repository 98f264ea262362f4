import { beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../helpers/client";
import { signInAdmin } from "../helpers/auth-db";
import { agencyBody, agencyCount, createAgencyViaApi, freshDomain } from "../helpers/agencies-api";
import { unique } from "../helpers/fixtures";
import { open, textOf } from "../helpers/pages-forms";

// The agency pages in one language at a time, and their forms' errors (GOV.UK's pattern):
// a summary first that links each field, the field's own message, aria-invalid, the title's
// "ข้อผิดพลาด:", and what was typed kept.

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";

async function posted(res: Response, status: number): Promise<string> {
  const html = await res.text();
  expect(res.status, html.slice(0, 400)).toBe(status);
  return html;
}

function english<T>(run: () => Promise<T>): Promise<T> {
  admin.cookies.set("steward_lang", "en");
  return run().finally(() => admin.cookies.delete("steward_lang"));
}

describe("the agency pages speak one language", () => {
  it("the directory: Thai by default, English when chosen, the agency's name in each", async () => {
    const agency = await createAgencyViaApi(admin, agencyBody({ reviewRequired: true }));
    const path = `/admin/agencies?q=${encodeURIComponent(agency.domains[0]!)}`;
    const th = textOf((await open(admin, path)).html);
    expect(th).toContain("ทะเบียนหน่วยงาน");
    expect(th).toContain("สพร. ตรวจสอบ: ใช่");
    expect(th).toContain(agency.nameTh);
    for (const text of ["Agency directory", "DGA review", "Add an agency", "Open"])
      expect(th, text).not.toContain(text);

    const en = textOf((await english(() => open(admin, path))).html);
    expect(en).toContain("Agency directory");
    expect(en).toContain("DGA review: Yes");
    expect(en).toContain(agency.nameEn);
    for (const text of ["ทะเบียนหน่วยงาน", "สพร. ตรวจสอบ", "เพิ่มหน่วยงาน", "เปิด"]) expect(en, text).not.toContain(text);
  });

  it("an agency's form and its forced-rotation confirmation", async () => {
    const agency = await createAgencyViaApi(admin);
    const th = textOf((await open(admin, `/admin/agencies/${agency.id}`)).html);
    expect(th).toContain("แก้ไขหน่วยงาน");
    expect(th).toContain("ชื่อหน่วยงาน (ไทย)");
    expect(th).not.toContain("Edit agency");
    expect(th).not.toContain("Name (Thai)");
    const en = textOf((await english(() => open(admin, `/admin/agencies/${agency.id}`))).html);
    expect(en).toContain("Edit agency");
    expect(en).toContain("Name (Thai)");
    expect(en).toContain("The agency's stewards");
    expect(en).not.toContain("แก้ไขหน่วยงาน");
    expect(en).not.toContain("ชื่อหน่วยงาน (ไทย)");
    const confirm = `/admin/agencies/${agency.id}/confirm/expire-keys`;
    expect(textOf((await open(admin, confirm)).html)).toContain(agency.nameTh);
    const confirmEn = textOf((await english(() => open(admin, confirm))).html);
    expect(confirmEn).toContain(agency.nameEn);
    expect(confirmEn).not.toContain(agency.nameTh);
  });
});

describe("a refused agency form", () => {
  const refused = () => ({
    nameTh: `กรมที่พิมพ์ไว้ ${unique()}`,
    nameEn: "Typed Department",
    ministry: "MOI",
    domains: "bad_domain",
    approvalTtlDays: "99",
    reminderDays: "3, 7",
    fallbackAfterDays: "5",
  });

  it("in Thai: the summary first, linking each field; the fields' messages; aria-invalid; the title; kept values", async () => {
    const count = await agencyCount();
    const fields = refused();
    const html = await posted(await admin.form("/admin/agencies/new", fields), 400);
    expect(titleOf(html)).toMatch(/^ข้อผิดพลาด: เพิ่มหน่วยงาน/);
    expect(html.indexOf('class="error-summary"')).toBeGreaterThan(-1);
    expect(html.indexOf('class="error-summary"')).toBeLessThan(html.indexOf("<h1"));
    expect(textOf(html)).toContain("มีข้อผิดพลาด");
    expect(html).toContain('<a href="#domains">ชื่อโดเมนไม่ถูกต้อง: bad_domain กรอกบรรทัดละหนึ่งโดเมน เช่น nso.go.th</a>');
    expect(html).toContain('href="#approvalTtlDays"');
    // The summary lists the fields in the form's order.
    expect(html.indexOf('href="#domains"')).toBeLessThan(html.indexOf('href="#approvalTtlDays"'));
    expect(html).toMatch(/<p class="field-error" id="domains-error">/);
    expect(textOf(html)).toContain("กรอกอายุลิงก์อนุมัติเป็นจำนวนวันเต็ม 1–60");
    expect(html).toMatch(
      /<textarea id="domains"[^>]*aria-invalid="true"[^>]*aria-describedby="domains-hint domains-error"/,
    );
    expect(html).toMatch(/<input id="approvalTtlDays"[^>]*aria-invalid="true"/);
    expect(html).not.toMatch(/<input id="nameEn"[^>]*aria-invalid/);
    expect(html).toContain(`value="${fields.nameTh}"`);
    expect(html).toContain('value="Typed Department"');
    expect(html).toContain('value="99"');
    expect(html).toMatch(/<textarea id="domains"[^>]*>bad_domain<\/textarea>/);
    expect(html).toMatch(/<option value="MOI" selected/);
    expect(await agencyCount()).toBe(count);
  });

  it("in English: Error: in the title and the messages in English", async () => {
    const html = await english(async () => posted(await admin.form("/admin/agencies/new", refused()), 400));
    expect(titleOf(html)).toMatch(/^Error: Add an agency/);
    expect(textOf(html)).toContain("There is a problem");
    expect(textOf(html)).toContain("Not a valid domain name: bad_domain. Enter one per line, like nso.go.th");
    expect(textOf(html)).not.toContain("ชื่อโดเมนไม่ถูกต้อง");
  });

  it("a Thai name another agency has is said at the name", async () => {
    const other = await createAgencyViaApi(admin);
    const html = await posted(
      await admin.form("/admin/agencies/new", {
        ...refused(),
        nameTh: other.nameTh,
        domains: freshDomain(),
        approvalTtlDays: "14",
      }),
      409,
    );
    expect(html).toContain('<a href="#nameTh">มีหน่วยงานชื่อนี้แล้ว กรอกชื่ออื่น</a>');
    expect(html).toMatch(/<input id="nameTh"[^>]*aria-invalid="true"/);
  });
});

describe("a refused import", () => {
  it("nothing given: the summary links the file; the title says so", async () => {
    const html = await posted(await admin.form("/admin/agencies/import", { csv: " " }), 400);
    expect(titleOf(html)).toMatch(/^ข้อผิดพลาด:/);
    expect(html).toContain('<a href="#file">เลือกไฟล์ CSV หรือวางข้อความ CSV</a>');
    expect(html).toMatch(/<input id="file"[^>]*aria-invalid="true"/);
  });

  it("pasted text that cannot be read: its own words at the text, which is kept", async () => {
    const text = "colour\nred\n";
    const html = await posted(await admin.form("/admin/agencies/import", { csv: text }), 400);
    expect(titleOf(html)).toMatch(/^ข้อผิดพลาด:/);
    expect(html).toContain('href="#csv"');
    expect(textOf(html)).toContain('ไม่รู้จักคอลัมน์ "colour"');
    expect(html).toMatch(/<textarea id="csv"[^>]*aria-invalid="true"[^>]*>colour\nred\n<\/textarea>/);
    const en = await english(async () => posted(await admin.form("/admin/agencies/import", { csv: text }), 400));
    expect(textOf(en)).toContain('Unknown column "colour"');
    expect(textOf(en)).not.toContain("ไม่รู้จักคอลัมน์");
  });

  it("a file with invalid rows: nothing imported, the problem at the file and the report below", async () => {
    const upload = new FormData();
    upload.set(
      "file",
      new File([`nameTh,nameEn,ministry,domains\nกรมผิด ${unique()},Bad,Nowhere,${freshDomain()}\n`], "a.csv"),
    );
    const html = await posted(await admin.fetch("/admin/agencies/import", { method: "POST", body: upload }), 422);
    expect(titleOf(html)).toMatch(/^ข้อผิดพลาด:/);
    expect(html).toContain('href="#file"');
    expect(textOf(html)).toContain("มีแถวที่ไม่ถูกต้อง จึงไม่ได้นำเข้าเลย");
    expect(html).toMatch(/<td data-label="สถานะ">ไม่ถูกต้อง<\/td>/);
  });
});
