import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agencies } from "../../src/db/schema";
import { SESSION_COOKIE, expectProblem, signInAdmin } from "../helpers/auth-db";
import { Client, ORIGIN, codeIn, lastMailTo, linkIn, workerFetch } from "../helpers/client";
import { applicationBody, createAgency, db, official } from "../helpers/fixtures";
import { importCsv, importReport, freshDomain } from "../helpers/agencies-api";
import { wrongCode } from "../helpers/identity-auth";
import { snapshot, rows } from "../helpers/db";

// The HTML pages: a malformed form is 400, never 500; the checks run in the contract's order
// (a page that needs a session redirects to the sign-in page before it looks at the origin or
// the body); every form field obeys the same rules as the API (break-it findings of issue 7).

let official_: Client;
let admin: Client;
beforeAll(async () => {
  official_ = (await official(await createAgency())).client;
  admin = await signInAdmin();
});

function post(path: string, init: { cookie?: string; headers?: Record<string, string>; body?: string } = {}) {
  const headers: Record<string, string> = { "cf-connecting-ip": "10.6.6.6", ...init.headers };
  if (init.cookie) headers.Cookie = `${SESSION_COOKIE}=${init.cookie}`;
  return workerFetch(new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: init.body, redirect: "manual" }));
}

const FORM_PAGES = [
  "/signin",
  "/signin/code",
  "/approvals/abc",
  "/apply",
  "/keys",
  "/terms/accept",
  "/admin/agencies/new",
  "/admin/agencies/import",
  "/admin/people/usr_x/suspend",
  "/admin/stewards/mem_x/revoke",
  "/admin/agencies/agc_x/expire-keys",
  "/admin/applications/app_x/approve",
  "/admin/terms",
  "/account/name",
];

describe("a malformed multipart form", () => {
  it.each(FORM_PAGES)("%s answers 400 HTML, never 500", async (path) => {
    const cookie = path.startsWith("/admin")
      ? admin.cookies.get(SESSION_COOKIE)
      : official_.cookies.get(SESSION_COOKIE);
    for (const [contentType, body] of [
      ["multipart/form-data", "zzz"],
      ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nv'],
    ]) {
      const res = await post(path, { cookie, headers: { Origin: ORIGIN, "Content-Type": contentType! }, body });
      expect(res.status, `${path} ${contentType}`).toBe(400);
      expect(res.headers.get("content-type")).toContain("text/html");
    }
  });
});

describe("the order of checks on pages", () => {
  const big = `reason=${"x".repeat(70 * 1024)}`;
  it.each(["/apply", "/keys", "/terms/accept", "/admin/agencies/new", "/admin/people/usr_x/suspend"])(
    "%s without a session: the sign-in page first, before the origin or the body",
    async (path) => {
      const before = await snapshot();
      for (const headers of [{ Origin: "https://evil.example" }, { Origin: ORIGIN }]) {
        const res = await post(path, {
          headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
          body: big,
        });
        expect(res.status).toBe(303);
        expect(res.headers.get("location")).toBe("/signin");
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  it("an administrators' page refuses a signed-in official with 403 before the body", async () => {
    const res = await post("/admin/agencies/new", {
      cookie: official_.cookies.get(SESSION_COOKIE),
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body: `nameTh=${"x".repeat(70 * 1024)}`,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("text/html");
  });
});

describe("form fields follow the API's rules", () => {
  it("the terms form refuses a version with a control character", async () => {
    expect((await official_.form("/terms/accept", { accept: "yes", version: "2026-01\u0001" })).status).toBe(400);
  });

  it("the key rotation form refuses a grace period that is not a number of seconds", async () => {
    const created = await official_.json("POST", "/api/v1/keys", { name: "rotate me", scopes: ["read"] });
    const { key } = (await created.json()) as { key: { id: string } };
    expect((await official_.form(`/keys/${key.id}/rotate`, { graceSeconds: "abc" })).status).toBe(400);
    expect(
      (
        (await official_.fetch("/api/v1/keys").then((r) => r.json())) as { keys: { id: string; status: string }[] }
      ).keys.find((k) => k.id === key.id)?.status,
    ).toBe("active");
  });

  it("the administrators' person actions answer 404 for an id that is no one (control characters too), changing nothing", async () => {
    const before = await snapshot();
    for (const id of ["usr%01x", "usr_nobody", "%E2%80%AE"]) {
      const res = await admin.form(`/admin/people/${id}/suspend`, { reason: "ทดสอบ" });
      expect(res.status, id).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a stronger-approval code that is not six digits is refused without costing a try", async () => {
    const agency = await createAgency();
    await db.update(agencies).set({ strongerApproval: true }).where(eq(agencies.id, agency.id));
    const { client } = await official(agency);
    expect((await client.json("POST", "/api/v1/applications", applicationBody(agency.id))).status).toBe(201);
    const link = linkIn(await lastMailTo(agency.executiveEmail!), "/approvals");
    await new Client().form(link, { decision: "approve" });
    const code = codeIn(await lastMailTo(agency.executiveEmail!));
    for (const bad of ["ab\u0001", "12345", "1234567", ""])
      expect((await new Client().form(link, { decision: "approve", code: bad })).status).toBe(400);
    const [row] = await rows(
      "SELECT attempts FROM one_time_tokens WHERE purpose = 'approval_confirm' AND email = ? ORDER BY created_at DESC LIMIT 1",
      agency.executiveEmail,
    );
    expect(row!.attempts).toBe(0);
    expect((await new Client().form(link, { decision: "approve", code: wrongCode(code) })).status).toBe(400);
    expect((await new Client().form(link, { decision: "approve", code })).status).toBe(200);
  });

  it("a passkey response with a control character in its attachment or an extension name is 400 with the path", async () => {
    const response = {
      id: "abc",
      rawId: "abc",
      type: "public-key",
      response: { clientDataJSON: "", authenticatorData: "", signature: "" },
    };
    let problem = await expectProblem(
      await new Client().json("POST", "/api/v1/auth/passkey/verify", {
        response: { ...response, authenticatorAttachment: "\u0000" },
      }),
      400,
      "invalid_request",
    );
    expect(problem.errors?.map((e) => e.path)).toContain("response.authenticatorAttachment");
    problem = await expectProblem(
      await new Client().json("POST", "/api/v1/auth/passkey/verify", {
        response: { ...response, clientExtensionResults: { "a\u0007b": true } },
      }),
      400,
      "invalid_request",
    );
    expect(problem.errors?.[0]?.path).toMatch(/^response\.clientExtensionResults/);
  });

  it("a CSV cell ending in a tab and a carriage return is refused, as the JSON API refuses it", async () => {
    const header = "nameTh,nameEn,ministry,domains,executiveName,executivePosition,executiveEmail,reviewRequired";
    const report = await importReport(
      await importCsv(admin, `${header}\r\n"กรมแท็บ\t\r",Dept,MOI,${freshDomain()},,,,false\r\n`),
      422,
    );
    expect(report.rows[0]!.errors.map((e) => e.field)).toEqual(["nameTh"]);
  });

  it("the administrators' action pages know only their own actions (no prototype names)", async () => {
    for (const action of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      for (const base of ["/admin/people/usr_x", "/admin/stewards/mem_x"]) {
        expect((await admin.form(`${base}/${action}`, { reason: "ทดสอบ" })).status, `${base} ${action}`).toBe(404);
        expect((await admin.fetch(`${base}/confirm/${action}`)).status, `${base} confirm ${action}`).toBe(404);
      }
    }
  });

  it("numbers in forms are digits only: 0x10, 1e2 and 0b11 are refused", async () => {
    const created = await official_.json("POST", "/api/v1/keys", { name: "numbers", scopes: ["read"] });
    const { key } = (await created.json()) as { key: { id: string } };
    for (const value of ["0x10", "1e2", "0b11"]) {
      expect((await official_.form(`/keys/${key.id}/rotate`, { graceSeconds: value })).status, value).toBe(400);
      expect((await official_.form("/keys", { name: "n", expiresInDays: value })).status, value).toBe(400);
    }
    const agencyForm = { nameTh: "กรมตัวเลข", nameEn: "Numbers", ministry: "MOI", domains: freshDomain() };
    expect((await admin.form("/admin/agencies/new", { ...agencyForm, fallbackAfterDays: "0x5" })).status).toBe(400);
    expect((await admin.form("/admin/agencies/new", { ...agencyForm, reminderDays: "0x3, 1e1" })).status).toBe(400);
  });

  it("control and odd space characters never split a list or vanish in a trim: the agency form and the CSV refuse them", async () => {
    const header = "nameTh,nameEn,ministry,domains,executiveName,executivePosition,executiveEmail,reviewRequired";
    const rowsWith = [
      `กรมหนึ่ง,One,MOI,${freshDomain()}\u000B,,,,false`,
      `กรมสอง,Two,MOI,${freshDomain()},,,,true\u000B`,
      `กรมสาม,Three,MDES\u000B,${freshDomain()},,,,false`,
      `กรมสี่,Four,MOI,${freshDomain()},\u000B,\u000C,\u000B,false`,
      `กรมหก,Six,MOI,${freshDomain()}\u2028${freshDomain()},,,,false`,
    ];
    const report = await importReport(await importCsv(admin, [header, ...rowsWith].join("\r\n") + "\r\n"), 422);
    expect(report.rows.map((r) => [r.status, r.errors.map((e) => e.field).join()])).toEqual([
      ["invalid", "domains"],
      ["invalid", "reviewRequired"],
      ["invalid", "ministry"],
      ["invalid", "executiveName,executivePosition,executiveEmail"],
      ["invalid", "domains"],
    ]);
    const page = await admin.form("/admin/agencies/new", {
      nameTh: "กรมหน้า",
      nameEn: "Page",
      ministry: "MOI",
      domains: `${freshDomain()}\u000B`,
      delegateEmails: `d@${freshDomain()}\u000C`,
    });
    expect(page.status).toBe(400);
  });
});
