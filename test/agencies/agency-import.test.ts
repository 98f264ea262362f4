import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency, signIn, unique } from "../helpers/fixtures";
import { ADMIN_EMAIL, expectProblem, signInAdmin } from "../helpers/auth-db";
import {
  AGENCIES,
  agencyCount,
  createAgencyViaApi,
  agencyBody,
  freshDomain,
  importCsv,
  importReport,
  type AgencyJson,
} from "../helpers/agencies-api";
import { auditOf, snapshot } from "../helpers/db";

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

const HEADER = "nameTh,nameEn,ministry,domains,executiveName,executivePosition,executiveEmail,reviewRequired";
const csv = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";
/** A valid row on fresh names and domains. */
const good = (domain = freshDomain()) =>
  `กรมนำเข้า ${unique("n")},Imported Department ${unique("e")},MOI,${domain},,,,false`;

/** The agency with this domain, through the public search and the admin API. */
async function agencyWithDomain(domain: string): Promise<AgencyJson | null> {
  const found = (await (await new Client().fetch(`/api/v1/agencies?q=${encodeURIComponent(domain)}`)).json()) as {
    agencies: { id: string; domains: string[] }[];
  };
  const match = found.agencies.find((a) => a.domains.includes(domain));
  if (!match) return null;
  return ((await (await admin.fetch(`${AGENCIES}/${match.id}`)).json()) as { agency: AgencyJson }).agency;
}

describe("POST /api/v1/admin/agencies/import: a clean file", () => {
  it("imports every row: BOM, CRLF, quoted commas and doubled quotes, several domains, ministries by name or code", async () => {
    const [d1, d2, d3, d4] = [freshDomain(), freshDomain(), freshDomain(), freshDomain()];
    const name1 = `กรมคำพูด ${unique("q")}`;
    const body =
      "\uFEFF" +
      csv(
        `"${name1}","Department of ""Quotes"", Commas and Co",กระทรวงการคลัง,"${d1}; ${d2}","นาย ก, ข",อธิบดี,Boss@${d1},TRUE`,
        `กรมสอง ${unique("s")},Second Department,ministry of interior,${d3} ${d4},,,,no`,
        `กรมสาม ${unique("t")},Third Department,สธ.,${freshDomain()},ผู้บริหาร,ผู้อำนวยการ,chief@mail.go.th,`,
      );
    const report = await importReport(await importCsv(admin, body), 200);
    expect(report).toEqual({
      imported: 3,
      skipped: 0,
      rows: [
        { line: 2, status: "imported", nameTh: name1, errors: [] },
        { line: 3, status: "imported", nameTh: expect.stringMatching(/^กรมสอง/), errors: [] },
        { line: 4, status: "imported", nameTh: expect.stringMatching(/^กรมสาม/), errors: [] },
      ],
    });
    const first = await agencyWithDomain(d1);
    expect(first).toMatchObject({
      nameTh: name1,
      nameEn: 'Department of "Quotes", Commas and Co',
      ministryEn: "Ministry of Finance",
      domains: [d1, d2].sort(),
      executive: { name: "นาย ก, ข", position: "อธิบดี", email: `boss@${d1}` },
      reviewRequired: true,
      approvalTtlDays: 14,
    });
    expect(await agencyWithDomain(d4)).toMatchObject({
      nameEn: "Second Department",
      ministryEn: "Ministry of Interior",
      domains: [d3, d4].sort(),
      executive: null,
      reviewRequired: false,
    });

    const [created] = await auditOf(`agency:${first!.id}`);
    expect(created).toMatchObject({
      actor: `admin:${ADMIN_EMAIL}`,
      action: "agency.created",
      ip: admin.ip,
      detail: { source: "csv", line: 2 },
    });
    const summary = (await auditOf("agencies")).at(-1)!;
    expect(summary).toMatchObject({
      actor: `admin:${ADMIN_EMAIL}`,
      action: "agency.imported",
      ip: admin.ip,
      detail: { imported: 3, skipped: 0 },
    });
    expect(summary.detail.agencies).toContain(first!.id);
  });

  it("counts lines of quoted cells that span lines, ignores blank lines, and refuses a line break in a one-line field as the JSON API does", async () => {
    const domain = freshDomain();
    const body = `${HEADER}\n\n"กรมหลายบรรทัด ${unique()}","Multi\nLine Department",MOI,${domain},,,,\n${good()}\n`;
    const report = await importReport(await importCsv(admin, body), 422);
    expect(report.rows.map((r) => [r.line, r.status])).toEqual([
      [3, "invalid"],
      [5, "skipped"],
    ]);
    expect(report.rows[0]!.errors).toEqual([
      { field: "nameEn", message: expect.stringContaining("control characters") },
    ]);
    expect(await agencyWithDomain(domain)).toBeNull();
  });

  it("imports 150 rows in one request (several statements of each kind)", async () => {
    const before = await agencyCount();
    const rows = Array.from({ length: 150 }, () => good());
    const report = await importReport(await importCsv(admin, csv(...rows)), 200);
    expect(report.imported).toBe(150);
    expect(await agencyCount()).toBe(before + 150);
  });
});

describe("a file with invalid rows", () => {
  it("imports nothing and reports the bad row's line and field; valid rows are reported as skipped", async () => {
    const before = await snapshot(["agencies", "agency_domains", "audit_events"]);
    const body = csv(good(), `กรมผิด ${unique()},Wrong Ministry,กระทรวงเวทมนตร์,${freshDomain()},,,,false`, good());
    for (const query of ["", "?skipInvalid=false"]) {
      const report = await importReport(await importCsv(admin, body, query), 422);
      expect(report.imported).toBe(0);
      expect(report.skipped).toBe(3);
      expect(report.rows.map((r) => [r.line, r.status])).toEqual([
        [2, "skipped"],
        [3, "invalid"],
        [4, "skipped"],
      ]);
      expect(report.rows[1]!.errors).toEqual([{ field: "ministry", message: expect.any(String) }]);
    }
    expect(await snapshot(["agencies", "agency_domains", "audit_events"])).toEqual(before);
  });

  it("reports every kind of invalid row; with skipInvalid=true imports the valid ones in one batch", async () => {
    const existing = await createAgencyViaApi(admin, agencyBody());
    const shared = freshDomain();
    const okDomains = [freshDomain(), freshDomain()];
    const dupName = `กรมชื่อซ้ำ ${unique()}`;
    const rows = [
      /* 2 */ good(okDomains[0]),
      /* 3 */ `,No Thai Name,MOI,${freshDomain()},,,,`,
      /* 4 */ `กรมโดเมนผิด ${unique()},Bad Domain,MOI,not_a_domain,,,,`,
      /* 5 */ `กรมโดเมนมีแล้ว ${unique()},Taken Domain,MOI,${existing.domains[0]},,,,`,
      /* 6 */ `กรมแรก ${unique()},First With Shared,MOI,${shared},,,,`,
      /* 7 */ `กรมซ้ำในไฟล์ ${unique()},Second With Shared,MOI,${freshDomain()};${shared},,,,`,
      /* 8 */ `กรมกระทรวงผิด ${unique()},Unknown Ministry,Ministry of Magic,${freshDomain()},,,,`,
      /* 9 */ `กรมอีเมลผิด ${unique()},Gmail Executive,MOI,${freshDomain()},นาย ก,อธิบดี,boss@gmail.com,`,
      /* 10 */ `${existing.nameTh},Name In Database,MOI,${freshDomain()},,,,`,
      /* 11 */ `${dupName},Name First,MOI,${freshDomain()},,,,`,
      /* 12 */ `${dupName},Name Again,MOI,${freshDomain()},,,,`,
      /* 13 */ `กรมคอลัมน์เกิน ${unique()},Unquoted, Comma,MOI,${freshDomain()},,,,`,
      /* 14 */ `กรมค่าผิด ${unique()},Bad Flag,MOI,${freshDomain()},,,,maybe`,
      /* 15 */ good(okDomains[1]),
    ];
    const before = await agencyCount();
    const refused = await importReport(await importCsv(admin, csv(...rows)), 422);
    expect(await agencyCount()).toBe(before);

    const report = await importReport(await importCsv(admin, csv(...rows), "?skipInvalid=true"), 200);
    const fields = Object.fromEntries(report.rows.map((r) => [r.line, r.errors.map((e) => e.field)]));
    expect(fields).toEqual({
      2: [],
      3: ["nameTh"],
      4: ["domains"],
      5: ["domains"],
      6: [],
      7: ["domains"],
      8: ["ministry"],
      9: ["executiveEmail"],
      10: ["nameTh"],
      11: [],
      12: ["nameTh"],
      13: ["row"],
      14: ["reviewRequired"],
      15: [],
    });
    expect(report.rows.find((r) => r.line === 7)!.errors[0]!.message).toMatch(/line 6/);
    expect(report.rows.find((r) => r.line === 5)!.errors[0]!.message).toMatch(/duplicate/);
    expect(report.rows.find((r) => r.line === 12)!.errors[0]!.message).toMatch(/line 11/);
    expect(report.rows.filter((r) => r.status === "imported").map((r) => r.line)).toEqual([2, 6, 11, 15]);
    expect(report.rows.filter((r) => r.status === "invalid")).toHaveLength(10);
    expect(report).toMatchObject({ imported: 4, skipped: 10 });
    expect(refused.rows.map((r) => r.errors)).toEqual(report.rows.map((r) => r.errors));
    expect(await agencyCount()).toBe(before + 4);
    for (const domain of [...okDomains, shared]) expect(await agencyWithDomain(domain)).not.toBeNull();

    // The same file again: every row is now a duplicate of the database.
    const again = await importReport(
      await importCsv(admin, csv(good(okDomains[0]), `${dupName},Again,MOI,${freshDomain()},,,,`), "?skipInvalid=true"),
      200,
    );
    expect(again.rows.map((r) => [r.status, r.errors.map((e) => e.field)])).toEqual([
      ["invalid", ["domains"]],
      ["invalid", ["nameTh"]],
    ]);
    expect(again.imported).toBe(0);
    expect(await agencyCount()).toBe(before + 4);
  });
});

describe("what is not a CSV import at all", () => {
  it("400 for a missing or unknown header, an unclosed or stray quote or a bad query; 415 for another media type; 413 beyond 1000 rows or 64 KiB", async () => {
    const before = await snapshot(["agencies", "agency_domains", "audit_events"]);
    const header = async (body: string, path = "header") =>
      expect((await expectProblem(await importCsv(admin, body), 400, "invalid_request")).errors?.[0]?.path).toBe(path);
    await header("");
    await header("nameTh,nameEn,domains\nก,A,a.go.th\n");
    await header(`${HEADER},colour\n`);
    await header(`${HEADER}\n"กรม,A,MOI,${freshDomain()},,,,\n`, "line 2");
    await header(`${HEADER}\n${good()}\nกรม,"A"x,MOI,${freshDomain()},,,,\n`, "line 3");
    await header(`${HEADER}\r\n${good()}\r\nกรม,A"x",MOI,${freshDomain()},,,,\r\n`, "line 3");
    await expectProblem(await importCsv(admin, csv(good()), "?skipInvalid=maybe"), 400, "invalid_request");
    await expectProblem(
      await admin.json("POST", `${AGENCIES}/import`, { csv: csv(good()) }),
      415,
      "unsupported_media_type",
    );
    await expectProblem(
      await importCsv(admin, csv(...Array.from({ length: 1001 }, (_, i) => `ก${i},A${i},MOI,x${i}.go.th,,,,`))),
      413,
      "payload_too_large",
    );
    const row = `${"ก".repeat(100)},A,MOI,big.go.th,,,,\n`;
    await expectProblem(
      await importCsv(admin, HEADER + "\n" + row.repeat(Math.ceil((65 * 1024) / row.length))),
      413,
      "payload_too_large",
    );
    expect(await snapshot(["agencies", "agency_domains", "audit_events"])).toEqual(before);
  });

  it("403 for an official", async () => {
    const agency = await createAgency();
    const official = await signIn(`${unique("u")}@${agency.domain}`);
    await expectProblem(await importCsv(official, csv(good()), "?skipInvalid=true"), 403, "forbidden");
  });
});
