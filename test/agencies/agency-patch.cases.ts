import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { ADMIN_EMAIL, expectProblem, signInAdmin } from "../helpers/auth-db";
import {
  AGENCIES,
  agencyBody,
  createAgencyViaApi,
  freshDomain,
  agencyOf,
  getAgencyJson,
  errorPaths,
} from "../helpers/agencies-api";
import { auditOf } from "../helpers/db";

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

const get = (id: string) => getAgencyJson(admin, id);
const paths = errorPaths;

describe("PATCH /api/v1/admin/agencies/:id", () => {
  it("changes only the given fields, replaces the domains, and audits what changed", async () => {
    const created = await createAgencyViaApi(admin);
    const [oldDomain] = created.domains;
    const next = [freshDomain(), freshDomain()];
    const res = await admin.json("PATCH", `${AGENCIES}/${created.id}`, {
      domains: next,
      reviewRequired: true,
      ministry: "MOF",
      reminderDays: [5],
    });
    expect(res.status).toBe(200);
    const updated = await agencyOf(res);
    expect(updated).toEqual({
      ...created,
      domains: [...next].sort(),
      reviewRequired: true,
      ministryTh: "กระทรวงการคลัง",
      ministryEn: "Ministry of Finance",
      reminderDays: [5],
      updatedAt: expect.any(String),
    });
    expect(await get(created.id)).toEqual(updated);
    // The domain it gave up is free for another agency.
    await createAgencyViaApi(admin, agencyBody({ domains: [oldDomain] }));

    const events = await auditOf(`agency:${created.id}`);
    expect(events.map((e) => e.action)).toEqual(["agency.created", "agency.updated"]);
    expect(events[1]).toMatchObject({ actor: `admin:${ADMIN_EMAIL}`, ip: admin.ip });
    expect(events[1]!.detail.changes).toEqual({
      domains: { from: [oldDomain], to: [...next].sort() },
      reviewRequired: { from: false, to: true },
      ministryTh: { from: "กระทรวงมหาดไทย", to: "กระทรวงการคลัง" },
      ministryEn: { from: "Ministry of Interior", to: "Ministry of Finance" },
      reminderDays: { from: [3, 7], to: [5] },
    });

    // Nothing to change: nothing written.
    expect((await admin.json("PATCH", `${AGENCIES}/${created.id}`, { reviewRequired: true })).status).toBe(200);
    expect(await auditOf(`agency:${created.id}`)).toHaveLength(2);
  });

  it("sets and clears approvers", async () => {
    const created = await createAgencyViaApi(admin);
    const email = `chief@${created.domains[0]}`;
    let updated = await agencyOf(
      await admin.json("PATCH", `${AGENCIES}/${created.id}`, {
        executive: { name: "ผู้บริหาร", position: "อธิบดี", email },
        fallback: { name: "สำรอง", email: "backup@mail.go.th" },
        fallbackAfterDays: 2,
      }),
    );
    expect(updated).toMatchObject({
      executive: { name: "ผู้บริหาร", position: "อธิบดี", email },
      fallback: { name: "สำรอง", email: "backup@mail.go.th" },
      fallbackAfterDays: 2,
    });
    updated = await agencyOf(
      await admin.json("PATCH", `${AGENCIES}/${created.id}`, { executive: null, fallback: null }),
    );
    expect(updated).toMatchObject({ executive: null, fallback: null });
  });

  it("refuses what creation refuses, and an executive left on a domain the agency gives up", async () => {
    const a = await createAgencyViaApi(admin, agencyBody({ domains: [freshDomain(), freshDomain()] }));
    const b = await createAgencyViaApi(admin);
    const before = await get(a.id);
    expect(
      paths(
        await expectProblem(
          await admin.json("PATCH", `${AGENCIES}/${a.id}`, { domains: ["bad domain"] }),
          400,
          "invalid_request",
        ),
      ),
    ).toEqual(["domains.0"]);
    expect(
      paths(
        await expectProblem(
          await admin.json("PATCH", `${AGENCIES}/${a.id}`, { ministry: "x" }),
          400,
          "invalid_request",
        ),
      ),
    ).toEqual(["ministry"]);
    expect(
      paths(
        await expectProblem(
          await admin.json("PATCH", `${AGENCIES}/${a.id}`, { approvalTtlDays: 0 }),
          400,
          "invalid_request",
        ),
      ),
    ).toEqual(["approvalTtlDays"]);
    expect(
      paths(
        await expectProblem(
          await admin.json("PATCH", `${AGENCIES}/${a.id}`, { domains: [...a.domains, b.domains[0]] }),
          409,
          "conflict",
        ),
      ),
    ).toEqual(["domains.2"]);
    expect(
      paths(
        await expectProblem(await admin.json("PATCH", `${AGENCIES}/${a.id}`, { nameTh: b.nameTh }), 409, "conflict"),
      ),
    ).toEqual(["nameTh"]);
    expect(
      paths(
        await expectProblem(
          await admin.json("PATCH", `${AGENCIES}/${a.id}`, { delegateEmails: ["x@gmail.com"] }),
          422,
          "email_domain_not_allowed",
        ),
      ),
    ).toEqual(["delegateEmails.0"]);

    await admin.json("PATCH", `${AGENCIES}/${a.id}`, {
      executive: { name: "n", position: "p", email: `boss@${a.domains[1]}` },
    });
    const withExecutive = await get(a.id);
    const problem = await expectProblem(
      await admin.json("PATCH", `${AGENCIES}/${a.id}`, { domains: [a.domains[0]] }),
      422,
      "email_domain_not_allowed",
    );
    expect(paths(problem)).toEqual(["executive.email"]);
    expect(await get(a.id)).toEqual(withExecutive);
    expect({ ...withExecutive, executive: null, updatedAt: before.updatedAt }).toEqual(before);

    await expectProblem(
      await admin.json("PATCH", `${AGENCIES}/agc_missing`, { reviewRequired: true }),
      404,
      "not_found",
    );
    await expectProblem(await admin.fetch(`${AGENCIES}/agc_missing`), 404, "not_found");
  });
});
