import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency, signIn, unique } from "../helpers/fixtures";
import { ADMIN_EMAIL, expectProblem, signInAdmin } from "../helpers/auth-db";
import {
  AGENCIES,
  agencyBody,
  agencyCount,
  createAgencyViaApi,
  freshDomain,
  getAgencyJson,
  errorPaths,
} from "../helpers/agencies-api";
import { auditOf, snapshot } from "../helpers/db";

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

const get = (id: string) => getAgencyJson(admin, id);
const paths = errorPaths;

describe("POST /api/v1/admin/agencies", () => {
  it("creates an agency with the defaults, and GET shows every field", async () => {
    const body = agencyBody({ domains: [`  ${freshDomain().toUpperCase()} `] });
    const created = await createAgencyViaApi(admin, body);
    expect(created).toEqual({
      id: expect.stringMatching(/^agc_/),
      nameTh: body.nameTh,
      nameEn: body.nameEn,
      ministryTh: "กระทรวงมหาดไทย",
      ministryEn: "Ministry of Interior",
      domains: [(body.domains as string[])[0]!.trim().toLowerCase()],
      executive: null,
      delegateEmails: [],
      fallback: null,
      fallbackAfterDays: 5,
      reminderDays: [3, 7],
      approvalTtlDays: 14,
      reviewRequired: false,
      strongerApproval: false,
      ckanOrganization: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: created.createdAt,
    });
    expect(await get(created.id)).toEqual(created);
    const listed = (await (await new Client().fetch(`/api/v1/agencies?q=${created.domains[0]}`)).json()) as {
      agencies: { id: string }[];
    };
    expect(listed.agencies.map((a) => a.id)).toEqual([created.id]);
  });

  it("stores every field: approvers on its own, another agency's and a shared government domain", async () => {
    const other = await createAgency();
    const domain = freshDomain();
    const created = await createAgencyViaApi(
      admin,
      agencyBody({
        ministry: "  ministry of PUBLIC health ",
        domains: [domain, `data.${domain}`],
        executive: { name: "นายแพทย์ ทดสอบ", position: "อธิบดี", email: `Chief@${domain.toUpperCase()}` },
        delegateEmails: [`deputy@${other.domain}`, "someone@mail.go.th"],
        fallback: { name: "รองอธิบดี", email: `fallback@data.${domain}` },
        fallbackAfterDays: 30,
        reminderDays: [10, 2],
        approvalTtlDays: 60,
        reviewRequired: true,
        strongerApproval: true,
      }),
    );
    expect(await get(created.id)).toMatchObject({
      ministryTh: "กระทรวงสาธารณสุข",
      ministryEn: "Ministry of Public Health",
      domains: [`data.${domain}`, domain].sort(),
      executive: { name: "นายแพทย์ ทดสอบ", position: "อธิบดี", email: `chief@${domain}` },
      delegateEmails: [`deputy@${other.domain}`, "someone@mail.go.th"],
      fallback: { name: "รองอธิบดี", email: `fallback@data.${domain}` },
      fallbackAfterDays: 30,
      reminderDays: [2, 10],
      approvalTtlDays: 60,
      reviewRequired: true,
      strongerApproval: true,
    });
    // A ministry code is accepted too.
    expect((await createAgencyViaApi(admin, agencyBody({ ministry: "mdes" }))).ministryEn).toBe(
      "Ministry of Digital Economy and Society",
    );
  });

  it("audits the creation with the administrator, the IP and the agency's fields", async () => {
    const created = await createAgencyViaApi(admin);
    const [event, ...more] = await auditOf(`agency:${created.id}`);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actor: `admin:${ADMIN_EMAIL}`, action: "agency.created", ip: admin.ip });
    expect(event!.detail.agency).toMatchObject({
      nameTh: created.nameTh,
      domains: created.domains,
      ministryTh: "กระทรวงมหาดไทย",
      approvalTtlDays: 14,
    });
  });

  it("400 invalid_request for each malformed field, naming it, and writes nothing", async () => {
    const before = await snapshot(["agencies", "agency_domains", "audit_events"]);
    const cases: [Record<string, unknown>, string][] = [
      [{ nameTh: "" }, "nameTh"],
      [{ nameEn: undefined }, "nameEn"],
      [{ ministry: "กระทรวงเวทมนตร์" }, "ministry"],
      [{ ministry: "Ministry of Magic" }, "ministry"],
      [{ domains: [] }, "domains"],
      [{ domains: ["not a domain"] }, "domains.0"],
      [{ domains: [freshDomain(), "-bad.go.th"] }, "domains.1"],
      [{ domains: ["localhost"] }, "domains.0"],
      [{ domains: ["gov.th."] }, "domains.0"],
      [{ executive: { name: "x", position: "y", email: "not-an-email" } }, "executive.email"],
      [{ executive: { name: "", position: "y", email: "a@mail.go.th" } }, "executive.name"],
      [{ delegateEmails: ["nope"] }, "delegateEmails.0"],
      [{ fallbackAfterDays: 0 }, "fallbackAfterDays"],
      [{ fallbackAfterDays: 31 }, "fallbackAfterDays"],
      [{ fallbackAfterDays: 2.5 }, "fallbackAfterDays"],
      [{ reminderDays: [3, 61] }, "reminderDays.1"],
      [{ reminderDays: [0] }, "reminderDays.0"],
      [{ approvalTtlDays: 61 }, "approvalTtlDays"],
      [{ approvalTtlDays: "14" }, "approvalTtlDays"],
      [{ reviewRequired: "yes" }, "reviewRequired"],
      [{ strongerApproval: 1 }, "strongerApproval"],
    ];
    for (const [override, path] of cases) {
      const problem = await expectProblem(
        await admin.json("POST", AGENCIES, agencyBody(override)),
        400,
        "invalid_request",
      );
      expect(paths(problem), JSON.stringify(override)).toContain(path);
    }
    expect(await snapshot(["agencies", "agency_domains", "audit_events"])).toEqual(before);
  });

  it("409 conflict for a domain of another agency or a Thai name in use; 422 for non-government approvers", async () => {
    const existing = await createAgencyViaApi(admin);
    const count = await agencyCount();
    let problem = await expectProblem(
      await admin.json("POST", AGENCIES, agencyBody({ domains: [freshDomain(), existing.domains[0]!.toUpperCase()] })),
      409,
      "conflict",
    );
    expect(paths(problem)).toEqual(["domains.1"]);
    problem = await expectProblem(
      await admin.json("POST", AGENCIES, agencyBody({ nameTh: existing.nameTh })),
      409,
      "conflict",
    );
    expect(paths(problem)).toEqual(["nameTh"]);

    const domain = freshDomain();
    problem = await expectProblem(
      await admin.json(
        "POST",
        AGENCIES,
        agencyBody({
          domains: [domain],
          executive: { name: "a", position: "b", email: "boss@gmail.com" },
          delegateEmails: [`ok@${domain}`, "deputy@yahoo.co.th"],
          fallback: { name: "c", email: `x@${unique("nowhere")}.go.th` },
        }),
      ),
      422,
      "email_domain_not_allowed",
    );
    expect(paths(problem)).toEqual(["executive.email", "delegateEmails.1", "fallback.email"]);
    expect(await agencyCount()).toBe(count);
  });
});

describe("only administrators", () => {
  it("403 forbidden for an official, 401 without a session, and nothing written", async () => {
    const agency = await createAgency();
    const official = await signIn(`${unique("u")}@${agency.domain}`);
    const before = await snapshot(["agencies", "agency_domains", "audit_events"]);
    for (const client of [official, new Client()]) {
      const [status, code] = client === official ? [403, "forbidden"] : [401, "unauthenticated"];
      await expectProblem(await client.fetch(`${AGENCIES}/${agency.id}`), status, code);
      await expectProblem(await client.json("POST", AGENCIES, agencyBody()), status, code);
      await expectProblem(
        await client.json("PATCH", `${AGENCIES}/${agency.id}`, { reviewRequired: true }),
        status,
        code,
      );
      // Refused before the body is even read: an invalid body makes no difference.
      await expectProblem(await client.json("POST", AGENCIES, { nope: true }), status, code);
      await expectProblem(
        await client.fetch(`${AGENCIES}/import`, {
          method: "POST",
          headers: { "Content-Type": "text/csv" },
          body: "nameTh\n",
        }),
        status,
        code,
      );
    }
    expect(await snapshot(["agencies", "agency_domains", "audit_events"])).toEqual(before);
  });

  it("refuses an administrator's cross-site request (403 cross_site_request)", async () => {
    const agency = await createAgencyViaApi(admin);
    const before = await snapshot(["agencies", "agency_domains", "audit_events"]);
    const evil = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };
    await expectProblem(await admin.json("POST", AGENCIES, agencyBody(), evil), 403, "cross_site_request");
    await expectProblem(
      await admin.json("PATCH", `${AGENCIES}/${agency.id}`, { reviewRequired: true }, evil),
      403,
      "cross_site_request",
    );
    await expectProblem(
      await admin.fetch(`${AGENCIES}/import`, {
        method: "POST",
        headers: { "Content-Type": "text/csv", ...evil },
        body: "nameTh,nameEn,ministry,domains\n",
      }),
      403,
      "cross_site_request",
    );
    expect(await snapshot(["agencies", "agency_domains", "audit_events"])).toEqual(before);
  });
});
