import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agencies } from "../../src/db/schema";
import { expectProblem, signInAdmin } from "../helpers/auth-db";
import { Client, codeIn, lastMailTo, mailTo } from "../helpers/client";
import { applicationBody, createAgency, db, ensureTerms, unique } from "../helpers/fixtures";
import { applicant, approvalLink, decide, getApplication, submit, type Applicant } from "../helpers/flow-approval";
import { snapshot } from "../helpers/db";

// Rule (issue 7.4): nobody decides on their own application. No approval link goes to any
// verified address of the applicant; nominating oneself is 422 approver_is_applicant; when the
// executive or a deputy applies, the request goes to the remaining approvers, or to
// administrators (awaiting_review) when none remains; an administrator acting on their own
// application gets 403 own_application.

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

/** Adds a verified address to a signed-in user (through /api/v1/me/emails and its code). */
async function addAddress(who: Client, email: string): Promise<void> {
  expect((await who.json("POST", "/api/v1/me/emails", { email })).status).toBe(202);
  const res = await who.json("POST", "/api/v1/me/emails/verify", { email, code: codeIn(await lastMailTo(email)) });
  expect(res.status, await res.clone().text()).toBe(200);
}

const withDeputies = async (agencyId: string, deputies: string[]) =>
  db
    .update(agencies)
    .set({ delegateEmails: JSON.stringify(deputies) })
    .where(eq(agencies.id, agencyId));

describe("nominating oneself", () => {
  it("is 422 approver_is_applicant, by the application's address or another verified one, and writes nothing", async () => {
    const agency = await createAgency({ executive: false });
    const who = await applicant(agency);
    const other = `${unique("me")}@mail.go.th`;
    await addAddress(who.client, other);
    for (const email of [who.email, other, who.email.toUpperCase()]) {
      const before = await snapshot();
      const res = await who.client.json("POST", "/api/v1/applications", {
        ...applicationBody(agency.id),
        approver: { name: "ตัวเอง", position: "ผู้อำนวยการ", email },
      });
      const problem = await expectProblem(res, 422, "approver_is_applicant");
      expect(problem.errors).toEqual([{ path: "approver.email", message: expect.any(String) }]);
      expect(await snapshot()).toEqual(before);
    }
  });

  it("a +tag sub-address of the applicant is the applicant (422)", async () => {
    const agency = await createAgency({ executive: false });
    const who = await applicant(agency);
    const [local, domain] = who.email.split("@");
    const res = await who.client.json("POST", "/api/v1/applications", {
      ...applicationBody(agency.id),
      approver: { name: "ตัวเอง", position: "ผู้อำนวยการ", email: `${local}+boss@${domain}` },
    });
    await expectProblem(res, 422, "approver_is_applicant");
  });

  it("an administrator cannot confirm the applicant as approver either (422)", async () => {
    const agency = await createAgency({ executive: false });
    const who = await applicant(agency);
    const app = await submit(who, agency.id);
    const res = await admin.json("POST", `/api/v1/admin/applications/${app.id}/approver`, {
      name: "ผู้ขอ",
      position: "ผู้อำนวยการ",
      email: who.email,
    });
    await expectProblem(res, 422, "approver_is_applicant");
    expect((await getApplication(who.client, app.id)).status).toBe("awaiting_review");
  });
});

describe("the executive or a deputy applying", () => {
  it("the executive applying: the request goes to the deputies only, never to the executive's own address", async () => {
    const agency = await createAgency();
    const deputy = `deputy-${unique()}@${agency.domain}`;
    await withDeputies(agency.id, [deputy]);
    const executive = await applicant(agency, { email: agency.executiveEmail! });
    const app = await submit(executive, agency.id);
    expect(app.status).toBe("awaiting_executive");
    const toExecutive = (await mailTo(agency.executiveEmail!)).filter((m) => m.text.includes("/approvals/"));
    expect(toExecutive).toEqual([]);
    expect((await decide(await approvalLink(deputy), "approve")).status).toBe(200);
    expect((await getApplication(executive.client, app.id)).status).toBe("approved");
  });

  it("the executive applying with no deputy: administrators' review (awaiting_review), no link at all", async () => {
    const agency = await createAgency();
    const executive = await applicant(agency, { email: agency.executiveEmail! });
    const app = await submit(executive, agency.id);
    expect(app.status).toBe("awaiting_review");
    expect((await mailTo(agency.executiveEmail!)).filter((m) => m.text.includes("/approvals/"))).toEqual([]);
    // An administrator confirms someone else, who then decides.
    const boss = `boss-${unique()}@${agency.domain}`;
    expect(
      (
        await admin.json("POST", `/api/v1/admin/applications/${app.id}/approver`, {
          name: "ปลัด",
          position: "ปลัดกระทรวง",
          email: boss,
        })
      ).status,
    ).toBe(200);
    expect((await decide(await approvalLink(boss), "approve")).status).toBe(200);
    expect((await getApplication(executive.client, app.id)).status).toBe("approved");
  });

  it("a deputy applying: the executive and the other deputies are asked, not the deputy", async () => {
    const agency = await createAgency();
    const deputy = `deputy-${unique()}@${agency.domain}`;
    const second = `second-${unique()}@${agency.domain}`;
    await withDeputies(agency.id, [deputy, second]);
    const who = await applicant(agency, { email: deputy });
    await submit(who, agency.id);
    expect((await mailTo(deputy)).filter((m) => m.text.includes("/approvals/"))).toEqual([]);
    expect(await approvalLink(agency.executiveEmail!)).toMatch(/^\/approvals\//);
    expect(await approvalLink(second)).toMatch(/^\/approvals\//);
  });

  it("a link whose address the applicant verified later cannot decide: 403 page, nothing changes", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const app = await submit(who, agency.id);
    const link = await approvalLink(agency.executiveEmail!);
    await addAddress(who.client, agency.executiveEmail!);
    const page = await new Client().fetch(link);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('name="decision"');
    const before = await snapshot();
    const res = await decide(link, "approve");
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    expect((await getApplication(who.client, app.id)).status).toBe("awaiting_executive");
  });
});

describe("an administrator's own application", () => {
  async function adminApplicant(options: {
    reviewRequired?: boolean;
    executive?: boolean;
  }): Promise<{ agency: Awaited<ReturnType<typeof createAgency>>; who: Applicant }> {
    const agency = await createAgency(options);
    const shared = `${unique("adm")}@mail.go.th`;
    await addAddress(admin, shared);
    expect((await admin.json("POST", "/api/v1/terms/accept", { version: await ensureTerms() })).status).toBe(200);
    return { agency, who: { client: admin, email: shared, name: "ผู้ดูแล ระบบ" } };
  }

  it("approve, reject and return answer 403 own_application and change nothing", async () => {
    const { agency, who } = await adminApplicant({ reviewRequired: true });
    const app = await submit(who, agency.id);
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    expect((await getApplication(admin, app.id)).status).toBe("awaiting_review");
    for (const [action, body] of [
      ["approve", {}],
      ["reject", { reason: "ไม่ผ่าน" }],
      ["return", { reason: "แก้ไข" }],
    ] as const) {
      const before = await snapshot();
      await expectProblem(
        await admin.json("POST", `/api/v1/admin/applications/${app.id}/${action}`, body),
        403,
        "own_application",
      );
      expect(await snapshot()).toEqual(before);
    }
  });

  it("confirming the approver of one's own application answers 403 own_application", async () => {
    const { agency, who } = await adminApplicant({ executive: false });
    const app = await submit(who, agency.id, {
      approver: { name: "ผอ.", position: "ผู้อำนวยการ", email: `boss-${unique()}@${agency.domain}` },
    });
    await expectProblem(
      await admin.json("POST", `/api/v1/admin/applications/${app.id}/approver`, {
        name: "ผอ.",
        position: "ผู้อำนวยการ",
        email: `boss-${unique()}@${agency.domain}`,
      }),
      403,
      "own_application",
    );
  });
});
