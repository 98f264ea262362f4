import { beforeAll, describe, expect, it } from "vitest";
import { expectProblem, signInAdmin } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo, mailTo } from "../helpers/client";
import { applicationBody, createAgency, official, unique } from "../helpers/fixtures";
import { AGENCIES, agencyBody, freshDomain, importCsv, importReport } from "../helpers/agencies-api";
import { verify } from "../helpers/flow-approval";
import { snapshot, rows } from "../helpers/db";

// Rules (issue 7.7, 7.11, 7.12): JSON, forms and CSV share one validation per field; lone
// surrogates and control characters are refused with 400 and the field's path; multi-line
// fields allow only tab, CR and LF. Text from a request without a session never goes into an
// e-mail, and a name given at sign-up is stored only once the code is verified.

let admin: Client;
let officialClient: Client;
let agencyId: string;
beforeAll(async () => {
  admin = await signInAdmin();
  const agency = await createAgency();
  agencyId = agency.id;
  officialClient = (await official(agency)).client;
});

// Written as JSON escapes: a lone surrogate cannot be written as a JavaScript string literal's
// JSON.stringify output, so the bodies are built by hand.
const LONE_SURROGATE = "\\ud800";
const NUL = "\\u0000";
const ESC = "\\u001b";
const BIDI = "\\u202e";

/** A JSON body with `value` (a JSON string's inside, escapes allowed) at `field`. */
const bodyWith = (base: Record<string, unknown>, field: string, value: string) =>
  JSON.stringify({ ...base, [field]: "__X__" }).replace('"__X__"', `"${value}"`);

async function refused(client: Client, method: string, path: string, body: string, field: string) {
  const before = await snapshot();
  const res = await client.fetch(path, { method, headers: { "Content-Type": "application/json" }, body });
  const problem = await expectProblem(res, 400, "invalid_request");
  expect(problem.errors?.map((e) => e.path)).toContain(field);
  expect(await snapshot()).toEqual(before);
}

describe("JSON bodies", () => {
  const cases: [string, () => Client, string, string, Record<string, unknown>, string][] = [
    ["sign-up name", () => new Client(), "POST", "/api/v1/auth/email/start", { email: "hygiene@mail.go.th" }, "name"],
    ["application position", () => officialClient, "POST", "/api/v1/applications", {}, "position"],
    ["application reason", () => officialClient, "POST", "/api/v1/applications", {}, "reason"],
    ["key name", () => officialClient, "POST", "/api/v1/keys", { scopes: ["read"] }, "name"],
    [
      "terms title",
      () => admin,
      "POST",
      "/api/v1/admin/terms",
      { version: "hyg-1", titleEn: "t", bodyTh: "b", bodyEn: "b" },
      "titleTh",
    ],
    [
      "terms body",
      () => admin,
      "POST",
      "/api/v1/admin/terms",
      { version: "hyg-2", titleTh: "t", titleEn: "t", bodyEn: "b" },
      "bodyTh",
    ],
    ["agency name", () => admin, "POST", AGENCIES, {}, "nameTh"],
    ["revocation reason", () => admin, "POST", "/api/v1/admin/memberships/mem_x/revoke", {}, "reason"],
  ];
  const base = (path: string, extra: Record<string, unknown>) =>
    path === "/api/v1/applications"
      ? { ...applicationBody(agencyId), ...extra }
      : path === AGENCIES
        ? { ...agencyBody(), ...extra }
        : extra;

  it.each(cases)(
    "%s: a lone surrogate, NUL, ESC and a bidi override are 400 with the field's path, and nothing is written",
    async (_, who, method, path, extra, field) => {
      for (const bad of [`a${LONE_SURROGATE}b`, `a${NUL}b`, `a${ESC}[31mb`, `a${BIDI}b`]) {
        await refused(who(), method, path, bodyWith(base(path, extra), field, bad), field);
      }
    },
  );

  it("a one-line field refuses CR and LF; a multi-line field takes tab, CR and LF", async () => {
    await refused(
      officialClient,
      "POST",
      "/api/v1/applications",
      bodyWith(applicationBody(agencyId), "position", "a\\r\\nb"),
      "position",
    );
    const ok = await officialClient.fetch("/api/v1/applications", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: bodyWith(applicationBody(agencyId), "reason", "บรรทัดแรก\\r\\n\\tบรรทัดสอง"),
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(((await ok.json()) as { application: { reason: string } }).application.reason).toBe(
      "บรรทัดแรก\r\n\tบรรทัดสอง",
    );
  });

  it("an approver address with two @ is refused by the JSON API, the form and the CSV import alike", async () => {
    const twoAts = "someone@evil.example@dga.or.th";
    await refused(
      admin,
      "POST",
      AGENCIES,
      JSON.stringify(agencyBody({ executive: { name: "ผอ.", position: "ผู้อำนวยการ", email: twoAts } })),
      "executive.email",
    );
    const form = await admin.form("/admin/agencies/new", {
      nameTh: `กรม ${unique()}`,
      nameEn: "Dept",
      ministry: "MOI",
      domains: freshDomain(),
      executiveName: "ผอ.",
      executivePosition: "ผู้อำนวยการ",
      executiveEmail: twoAts,
    });
    expect(form.status).toBe(400);
    // The page names the field (error summary, field message): the executive's e-mail.
    const page = await form.text();
    expect(page).toContain('href="#executiveEmail"');
    expect(page).toMatch(/<input id="executiveEmail"[^>]*aria-invalid="true"/);
    const header = "nameTh,nameEn,ministry,domains,executiveName,executivePosition,executiveEmail,reviewRequired";
    const report = await importReport(
      await importCsv(
        admin,
        `${header}\r\nกรม ${unique()},Dept,MOI,${freshDomain()},ผอ.,ผู้อำนวยการ,${twoAts},false\r\n`,
      ),
      422,
    );
    expect(report.rows[0]!.errors).toEqual([{ field: "executiveEmail", message: expect.any(String) }]);
  });

  it("a CSV cell with NUL is a per-row error, and nothing is stored", async () => {
    const header = "nameTh,nameEn,ministry,domains,executiveName,executivePosition,executiveEmail,reviewRequired";
    const name = `กรม\u0000${unique()}`;
    const report = await importReport(
      await importCsv(admin, `${header}\r\n${name},Dept,MOI,${freshDomain()},,,,false\r\n`),
      422,
    );
    expect(report.rows[0]!.errors).toEqual([
      { field: "nameTh", message: expect.stringContaining("control characters") },
    ]);
    expect(await rows("SELECT id FROM agencies WHERE name_th = ?", name)).toEqual([]);
  });
});

describe("HTML forms share the rules", () => {
  it("the sign-in form refuses a name with control characters and sends nothing", async () => {
    const email = `${unique("f")}@mail.go.th`;
    const res = await new Client().form("/signin", { email, name: "สมชาย\r\n\r\nACCOUNT LOCKED" });
    expect(res.status).toBe(400);
    expect(await mailTo(email)).toEqual([]);
  });

  it("the apply form refuses a NUL in the reason", async () => {
    const res = await officialClient.form("/apply", {
      agencyId,
      position: "นักวิเคราะห์",
      phone: "02 123 4567",
      reason: "เหตุผล\u0000",
    });
    expect(res.status).toBe(400);
  });

  it("the executive's form refuses a reason with an escape character, and nothing is decided", async () => {
    const agency = await createAgency();
    const { client } = await official(agency);
    expect((await client.json("POST", "/api/v1/applications", applicationBody(agency.id))).status).toBe(201);
    const link = /\/approvals\/[A-Za-z0-9]+/.exec((await lastMailTo(agency.executiveEmail!)).text)![0];
    const res = await new Client().form(link, { decision: "approve", reason: "ok\u001b[2J" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('name="decision"');
    expect((await new Client().fetch(link)).status).toBe(200);
  });
});

describe("e-mail content from requests without a session", () => {
  it("a sign-up name with CR/LF is refused: 400 at name, no e-mail, no row", async () => {
    const email = `${unique("inj")}@mail.go.th`;
    await refused(
      new Client(),
      "POST",
      "/api/v1/auth/email/start",
      bodyWith({ email }, "name", "x\\r\\n\\r\\nACCOUNT LOCKED. Re-verify at https://evil.example"),
      "name",
    );
    expect(await mailTo(email)).toEqual([]);
  });

  it("a clean name given at sign-in never reaches the e-mail, even for an existing account", async () => {
    const email = `${unique("acct")}@mail.go.th`;
    const victim = new Client();
    await victim.json("POST", "/api/v1/auth/email/start", { email, name: "เจ้าของ บัญชี" });
    expect(
      (await victim.json("POST", "/api/v1/auth/email/verify", { email, code: codeIn(await lastMailTo(email)) })).status,
    ).toBe(200);
    const lure = "ACCOUNT LOCKED Re-verify at evil dot example";
    expect((await new Client().json("POST", "/api/v1/auth/email/start", { email, name: lure })).status).toBe(202);
    const mail = await lastMailTo(email);
    expect(mail.text).not.toContain("ACCOUNT LOCKED");
    expect(mail.html).not.toContain("ACCOUNT LOCKED");
    expect(mail.text).not.toContain("เจ้าของ บัญชี");
  });

  it("the name becomes the account's only once the code is verified", async () => {
    const email = `${unique("new")}@mail.go.th`;
    const client = new Client();
    await client.json("POST", "/api/v1/auth/email/start", { email, name: "สมหญิง ตั้งใจ" });
    expect(await rows("SELECT id FROM email_identities WHERE email = ?", email)).toEqual([]);
    expect(
      (await client.json("POST", "/api/v1/auth/email/verify", { email, code: codeIn(await lastMailTo(email)) })).status,
    ).toBe(200);
    const [user] = await rows(
      "SELECT u.name FROM users u JOIN email_identities e ON e.user_id = u.id WHERE e.email = ?",
      email,
    );
    expect(user!.name).toBe("สมหญิง ตั้งใจ");
  });
});

describe("key verification takes any string", () => {
  it.each([201, 2_000, 60_000])("a %i-character key answers 200 NOT_FOUND", async (length) => {
    const key = `stw_dev_${"A".repeat(length - 8)}`;
    const res = await verify(key);
    expect(res).toEqual({ status: 200, body: { valid: false, code: "NOT_FOUND" } });
  });
});
