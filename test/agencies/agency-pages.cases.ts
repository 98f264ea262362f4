import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency, signIn, unique } from "../helpers/fixtures";
import { signInAdmin } from "../helpers/auth-db";
import {
  AGENCIES,
  agencyBody,
  agencyCount,
  createAgencyViaApi,
  freshDomain,
  type AgencyJson,
} from "../helpers/agencies-api";
import { auditOf } from "../helpers/db";

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

async function page(res: Response, status = 200): Promise<string> {
  const html = await res.text();
  expect(res.status, html.slice(0, 500)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  return html;
}

const apiAgency = async (id: string) =>
  ((await (await admin.fetch(`${AGENCIES}/${id}`)).json()) as { agency: AgencyJson }).agency;

/** Every field of the form, as a browser sends it. */
function formOf(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    nameTh: `กรมจากฟอร์ม ${unique()}`,
    nameEn: `Form Department ${unique()}`,
    ministry: "MOAC",
    domains: freshDomain(),
    executiveName: "",
    executivePosition: "",
    executiveEmail: "",
    delegateEmails: "",
    fallbackName: "",
    fallbackEmail: "",
    fallbackAfterDays: "5",
    reminderDays: "3, 7",
    approvalTtlDays: "14",
    ...overrides,
  };
}

describe("the agency pages", () => {
  it("list every agency with its domains, executive and policies, each linked to its form", async () => {
    const domain = freshDomain();
    const agency = await createAgencyViaApi(
      admin,
      agencyBody({
        domains: [domain],
        executive: { name: "นางสาว ผู้บริหาร", position: "ผู้อำนวยการ", email: `boss@${domain}` },
        reviewRequired: true,
      }),
    );
    const html = await page(await admin.fetch("/admin/agencies"));
    expect(html).toContain("ทะเบียนหน่วยงาน");
    expect(html).toContain(agency.nameTh);
    expect(html).toContain(domain);
    expect(html).toContain(`boss@${domain}`);
    expect(html).toContain(`href="/admin/agencies/${agency.id}"`);
    expect(html).toContain("สพร. ตรวจสอบ: ใช่");
  });

  it("create from the form: errors inline, the input kept; then saved and shown", async () => {
    const taken = (await createAgency()).domain;
    const count = await agencyCount();
    const blank = await page(await admin.fetch("/admin/agencies/new"));
    for (const name of [
      "nameTh",
      "nameEn",
      "ministry",
      "domains",
      "executiveName",
      "executivePosition",
      "executiveEmail",
      "delegateEmails",
      "fallbackName",
      "fallbackEmail",
      "fallbackAfterDays",
      "reminderDays",
      "approvalTtlDays",
      "reviewRequired",
      "strongerApproval",
    ]) {
      expect(blank).toContain(`name="${name}"`);
    }

    const refused = formOf({ nameEn: "Kept Name", domains: "bad_domain", ministry: "NOPE", approvalTtlDays: "99" });
    let html = await page(await admin.form("/admin/agencies/new", refused), 400);
    expect(html).toMatch(/id="domains"[^>]*aria-invalid="true"/);
    expect(html).toContain('id="domains-error"');
    expect(html).toContain('id="ministry-error"');
    expect(html).toContain('id="approvalTtlDays-error"');
    expect(html).toContain('value="Kept Name"');
    expect(html).toContain('href="#domains"');

    html = await page(await admin.form("/admin/agencies/new", formOf({ domains: taken })), 409);
    expect(html).toMatch(/id="domains"[^>]*aria-invalid="true"/);
    expect(html).toContain(`${taken} เป็นโดเมนของหน่วยงานอื่นแล้ว`);
    html = await page(
      await admin.form(
        "/admin/agencies/new",
        formOf({ executiveName: "ก", executivePosition: "ข", executiveEmail: "x@gmail.com" }),
      ),
      422,
    );
    expect(html).toContain('id="executiveEmail-error"');
    expect(await agencyCount()).toBe(count);

    const domain = freshDomain();
    const fields = formOf({
      domains: `${domain}\ndata.${domain}`,
      executiveName: "ผู้บริหาร",
      executivePosition: "อธิบดี",
      executiveEmail: `chief@${domain}`,
      delegateEmails: `d1@${domain}\nd2@mail.go.th`,
      fallbackName: "สำรอง",
      fallbackEmail: `fb@${domain}`,
      reminderDays: "2, 9",
      reviewRequired: "true",
      strongerApproval: "true",
    });
    const res = await admin.form("/admin/agencies/new", fields);
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    const id = /^\/admin\/agencies\/(agc_\w+)\?saved=1$/.exec(location)![1]!;
    expect(await apiAgency(id)).toMatchObject({
      nameTh: fields.nameTh,
      ministryEn: "Ministry of Agriculture and Cooperatives",
      domains: [`data.${domain}`, domain].sort(),
      executive: { name: "ผู้บริหาร", position: "อธิบดี", email: `chief@${domain}` },
      delegateEmails: [`d1@${domain}`, "d2@mail.go.th"],
      fallback: { name: "สำรอง", email: `fb@${domain}` },
      reminderDays: [2, 9],
      reviewRequired: true,
      strongerApproval: true,
    });
    html = await page(await admin.fetch(location));
    expect(html).toContain("บันทึกแล้ว");
    expect(html).toContain(`value="${fields.nameTh}"`);
    expect(html).toMatch(/<option value="MOAC" selected/);
    expect((await auditOf(`agency:${id}`)).map((e) => e.action)).toEqual(["agency.created"]);
  });

  it("edit from the form: saved through the same checks and audited", async () => {
    const agency = await createAgencyViaApi(admin, agencyBody({ reviewRequired: true }));
    const other = await createAgencyViaApi(admin);
    const form = formOf({
      nameTh: agency.nameTh,
      nameEn: "Renamed",
      ministry: "MOI",
      domains: agency.domains.join("\n"),
    });
    const refused = await page(
      await admin.form(`/admin/agencies/${agency.id}`, { ...form, domains: other.domains[0]! }),
      409,
    );
    expect(refused).toContain('id="domains-error"');
    expect(refused).toContain(`value="${agency.nameTh}"`);
    const res = await admin.form(`/admin/agencies/${agency.id}`, form);
    expect(res.status).toBe(303);
    expect(await apiAgency(agency.id)).toMatchObject({
      nameEn: "Renamed",
      reviewRequired: false,
      domains: agency.domains,
    });
    const [, updated] = await auditOf(`agency:${agency.id}`);
    expect(updated!.detail.changes).toEqual({
      nameEn: { from: agency.nameEn, to: "Renamed" },
      reviewRequired: { from: true, to: false },
    });
    await page(await admin.fetch("/admin/agencies/agc_missing"), 404);
  });

  it("import: the per-row report, from a file or pasted text, with the skip option", async () => {
    const [good, bad] = [freshDomain(), freshDomain()];
    const text = `nameTh,nameEn,ministry,domains\nกรมหน้าเว็บ ${unique()},Web Import,MOI,${good}\nกรมผิด ${unique()},Bad,Nowhere,${bad}\n`;
    let html = await page(await admin.form("/admin/agencies/import", { csv: text }), 422);
    expect(html).toContain("มีแถวที่ไม่ถูกต้อง จึงไม่ได้นำเข้าเลย");
    expect(html).toMatch(/<td data-label="บรรทัด">3<\/td><td data-label="สถานะ">ไม่ถูกต้อง<\/td>/);
    expect(html).toContain("ministry: ");
    expect(await (await admin.fetch(`/api/v1/agencies?q=${good}`)).json()).toEqual({ agencies: [] });

    const upload = new FormData();
    upload.set("file", new File([text], "agencies.csv", { type: "text/csv" }));
    upload.set("skipInvalid", "true");
    html = await page(await admin.fetch("/admin/agencies/import", { method: "POST", body: upload }));
    expect(html).toContain("นำเข้า 1 แถว ข้าม 1 แถว");
    const found = (await (await admin.fetch(`/api/v1/agencies?q=${good}`)).json()) as { agencies: unknown[] };
    expect(found.agencies).toHaveLength(1);

    expect(await page(await admin.form("/admin/agencies/import", { csv: "" }), 400)).toContain(
      "เลือกไฟล์ CSV หรือวางข้อความ CSV",
    );
    html = await page(await admin.form("/admin/agencies/import", { csv: "colour\nred\n" }), 400);
    expect(html).toContain("colour");
  });

  it("are for administrators only", async () => {
    const agency = await createAgency();
    const official = await signIn(`${unique("u")}@${agency.domain}`);
    for (const path of [
      "/admin/agencies",
      "/admin/agencies/new",
      "/admin/agencies/import",
      `/admin/agencies/${agency.id}`,
    ]) {
      await page(await official.fetch(path), 403);
      expect((await new Client().fetch(path)).headers.get("location")).toBe("/signin");
    }
    const count = await agencyCount();
    await page(await official.form("/admin/agencies/new", formOf()), 403);
    await page(await official.form(`/admin/agencies/${agency.id}`, formOf()), 403);
    await page(
      await official.form("/admin/agencies/import", {
        csv: `nameTh,nameEn,ministry,domains\nก,A,MOI,${freshDomain()}\n`,
      }),
      403,
    );
    expect(await agencyCount()).toBe(count);
  });
});
