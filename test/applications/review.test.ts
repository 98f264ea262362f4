import { beforeAll, describe, expect, it } from "vitest";
import { Client, lastMailTo } from "../helpers/client";
import { applicationBody, createAgency, signIn, unique } from "../helpers/fixtures";
import {
  applicant,
  approvalLink,
  decide,
  getApplication,
  me,
  submit,
  type ApplicationJson,
} from "../helpers/flow-approval";
import { signInAdmin } from "../helpers/auth-db";

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

async function problem(res: Response, status: number, code: string) {
  const body = (await res.json()) as { code: string };
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(body.code).toBe(code);
}

/** An application of a DGA-review agency that its executive endorsed: awaiting_review. */
async function endorsed() {
  const agency = await createAgency({ reviewRequired: true });
  const who = await applicant(agency);
  const application = await submit(who, agency.id);
  const link = await approvalLink(agency.executiveEmail!);
  expect((await decide(link, "approve")).status).toBe(200);
  expect((await getApplication(who.client, application.id)).status).toBe("awaiting_review");
  return { agency, who, application, link };
}

const review = (id: string, action: string, body: unknown = {}) =>
  admin.json("POST", `/api/v1/admin/applications/${id}/${action}`, body);
const applicationOf = async (res: Response) =>
  ((await res.json()) as { application: ApplicationJson & { decisionReason: string | null } }).application;

describe("administrator review after the executive's endorsement", () => {
  it("lists all applications newest first, filters by status, and refuses an unknown status", async () => {
    const { application } = await endorsed();
    const agency = await createAgency();
    const newer = await submit(await applicant(agency), agency.id);

    const all = (await (await admin.fetch("/api/v1/admin/applications")).json()) as { applications: ApplicationJson[] };
    const ids = all.applications.map((a) => a.id);
    expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(application.id));

    const res = await admin.fetch("/api/v1/admin/applications?status=awaiting_review");
    expect(res.status).toBe(200);
    const waiting = ((await res.json()) as { applications: ApplicationJson[] }).applications;
    expect(waiting.map((a) => a.id)).toContain(application.id);
    expect(waiting.map((a) => a.id)).not.toContain(newer.id);
    expect(new Set(waiting.map((a) => a.status))).toEqual(new Set(["awaiting_review"]));

    await problem(await admin.fetch("/api/v1/admin/applications?status=pending_forever"), 400, "invalid_request");
  });

  it("approve: approved, with an active steward membership", async () => {
    const { agency, who, application } = await endorsed();
    const res = await review(application.id, "approve");
    expect(res.status).toBe(200);
    const approved = await applicationOf(res);
    expect(approved.status).toBe("approved");
    expect(approved.decidedBy).toBe("admin@dga.or.th");
    expect((await me(who.client)).roles).toEqual([
      expect.objectContaining({ agencyId: agency.id, role: "steward", status: "active" }),
    ]);
    await problem(await review(application.id, "approve"), 409, "invalid_transition");
  });

  it("reject: rejected, no membership, the applicant told", async () => {
    const { who, application } = await endorsed();
    const reason = `ไม่ผ่านการตรวจสอบ review-${unique()}`;
    const rejected = await applicationOf(await review(application.id, "reject", { reason }));
    expect(rejected.status).toBe("rejected");
    expect((await me(who.client)).roles).toEqual([]);
    expect((await lastMailTo(who.email)).text).toContain(reason);
  });

  it("return needs a reason, e-mails it, and the resubmission gets a new link while the old one stays dead", async () => {
    const { agency, who, application, link } = await endorsed();
    await problem(await review(application.id, "return", {}), 400, "invalid_request");
    await problem(await review(application.id, "return", { reason: "   " }), 400, "invalid_request");
    const reason = `แนบหนังสือมอบหมาย attach-letter-${unique()}`;
    expect((await applicationOf(await review(application.id, "return", { reason }))).status).toBe("returned");
    expect((await lastMailTo(who.email)).text).toContain(reason);

    const res = await who.client.json("POST", `/api/v1/applications/${application.id}/resubmit`, {
      reason: "แนบหนังสือแล้ว / letter attached",
    });
    expect(res.status).toBe(200);
    expect((await applicationOf(res)).status).toBe("awaiting_executive");
    const fresh = await approvalLink(agency.executiveEmail!);
    expect(fresh).not.toBe(link);
    expect((await new Client().fetch(link)).status).toBe(409);
    expect((await decide(link, "approve")).status).toBe(409);
    const page = await new Client().fetch(fresh);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("letter attached");
    expect((await decide(fresh, "approve")).status).toBe(200);
    expect((await getApplication(who.client, application.id)).status).toBe("awaiting_review");
  });

  it("409 invalid_transition from any other status, and before the executive endorsed", async () => {
    const agency = await createAgency({ reviewRequired: true });
    const who = await applicant(agency);
    const waiting = await submit(who, agency.id);
    for (const action of ["approve", "reject", "return"])
      await problem(await review(waiting.id, action, { reason: "x" }), 409, "invalid_transition");

    const noExecutive = await createAgency({ executive: false, reviewRequired: true });
    const unconfirmed = await submit(await applicant(noExecutive), noExecutive.id);
    expect(unconfirmed.status).toBe("awaiting_review");
    for (const action of ["approve", "reject", "return"])
      await problem(await review(unconfirmed.id, action, { reason: "x" }), 409, "invalid_transition");

    const { application } = await endorsed();
    expect((await review(application.id, "reject")).status).toBe(200);
    for (const action of ["approve", "reject", "return"])
      await problem(await review(application.id, action, { reason: "x" }), 409, "invalid_transition");
  });

  it("non-administrators get 403 forbidden, without a session 401", async () => {
    const { who, application } = await endorsed();
    await problem(await who.client.fetch("/api/v1/admin/applications"), 403, "forbidden");
    for (const action of ["approve", "reject", "return"])
      await problem(
        await who.client.json("POST", `/api/v1/admin/applications/${application.id}/${action}`, { reason: "x" }),
        403,
        "forbidden",
      );
    await problem(
      await who.client.json("POST", `/api/v1/admin/applications/${application.id}/approver`, {
        name: "a",
        position: "b",
        email: `boss@${unique()}.go.th`,
      }),
      403,
      "forbidden",
    );
    await problem(await new Client().fetch("/api/v1/admin/applications"), 401, "unauthenticated");
    expect((await getApplication(who.client, application.id)).status).toBe("awaiting_review");
  });
});

describe("an agency without an executive on file", () => {
  it("waits as awaiting_review until an administrator confirms the approver, who then gets the link", async () => {
    const agency = await createAgency({ executive: false });
    const who = await applicant(agency);
    const application = await submit(who, agency.id);
    expect(application.status).toBe("awaiting_review");

    await problem(
      await admin.json("POST", `/api/v1/admin/applications/${application.id}/approver`, {
        name: "Boss",
        position: "Director",
        email: "boss@gmail.com",
      }),
      422,
      "email_domain_not_allowed",
    );
    const approverEmail = `chief-${unique()}@${agency.domain}`;
    const res = await admin.json("POST", `/api/v1/admin/applications/${application.id}/approver`, {
      name: "นายผู้บริหาร",
      position: "อธิบดี",
      email: approverEmail,
    });
    expect(res.status).toBe(200);
    expect((await applicationOf(res)).status).toBe("awaiting_executive");
    const link = await approvalLink(approverEmail);
    expect((await decide(link, "approve")).status).toBe(200);
    expect((await getApplication(who.client, application.id)).status).toBe("approved");
    await problem(
      await admin.json("POST", `/api/v1/admin/applications/${application.id}/approver`, {
        name: "x",
        position: "y",
        email: approverEmail,
      }),
      409,
      "invalid_transition",
    );
  });
});

describe("submitting and withdrawing", () => {
  it("refuses a second open application, unaccepted terms and an address outside the agency", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    await submit(who, agency.id);
    await problem(
      await who.client.json("POST", "/api/v1/applications", applicationBody(agency.id)),
      409,
      "application_exists",
    );

    const noTerms = await signIn(`${unique("u")}@${agency.domain}`);
    await problem(
      await noTerms.json("POST", "/api/v1/applications", applicationBody(agency.id)),
      409,
      "terms_not_accepted",
    );

    const other = await createAgency();
    const outsider = await applicant(other);
    await problem(
      await outsider.client.json("POST", "/api/v1/applications", applicationBody(agency.id)),
      422,
      "email_domain_mismatch",
    );

    const shared = await applicant(null, { email: `${unique("u")}@mail.go.th` });
    const app = await submit(shared, agency.id);
    expect(app.status).toBe("awaiting_executive");
    expect(app.applicant.email).toBe(shared.email);
  });

  it("withdraw: withdrawn, the link dies, and withdrawing twice is 409", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const application = await submit(who, agency.id);
    const link = await approvalLink(agency.executiveEmail!);
    const res = await who.client.json("POST", `/api/v1/applications/${application.id}/withdraw`);
    expect(res.status).toBe(200);
    expect((await applicationOf(res)).status).toBe("withdrawn");
    expect((await decide(link, "approve")).status).toBe(409);
    await problem(
      await who.client.json("POST", `/api/v1/applications/${application.id}/withdraw`),
      409,
      "invalid_transition",
    );
    expect((await submit(who, agency.id)).status).toBe("awaiting_executive");
  });

  it("an application is visible to its applicant and administrators only", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const application = await submit(who, agency.id);
    const stranger = await applicant(agency);
    await problem(await stranger.client.fetch(`/api/v1/applications/${application.id}`), 404, "not_found");
    await problem(
      await stranger.client.json("POST", `/api/v1/applications/${application.id}/withdraw`),
      404,
      "not_found",
    );
    expect((await admin.fetch(`/api/v1/applications/${application.id}`)).status).toBe(200);
    expect((await getApplication(who.client, application.id)).status).toBe("awaiting_executive");
  });
});
