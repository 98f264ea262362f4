import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { agencies } from "../../src/db/schema";
import { setDevClockOffset } from "../../src/lib/dev-clock";
import { signInAdmin } from "../helpers/auth-db";
import { Client, mailTo } from "../helpers/client";
import { applicationBody, createAgency, db, unique, type AgencyFixture } from "../helpers/fixtures";
import { applicant, approvalLink, decide, getApplication, submit } from "../helpers/flow-approval";
import { snapshot, rows, settleOutbox } from "../helpers/db";

// Rule (issue 7.5): when an administrator changes an agency's executive, deputies or fallback,
// the links of approvers no longer on the list die at once (409 page, nothing changes), each
// application awaiting its executive gets fresh links for the new approvers, and reminders go
// to current approvers only. Audited.

const DAY = 24 * 60 * 60 * 1000;
let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});
afterEach(() => setDevClockOffset(0));

const patchAgency = (id: string, body: Record<string, unknown>) =>
  admin.json("PATCH", `/api/v1/admin/agencies/${id}`, body);
const approvalMails = async (to: string) => (await mailTo(to)).filter((m) => m.text.includes("/approvals/"));

async function waiting(agency: AgencyFixture) {
  const who = await applicant(agency);
  const app = await submit(who, agency.id);
  return { who, app, oldLink: await approvalLink(agency.executiveEmail!) };
}

describe("a new executive", () => {
  it("kills the old executive's link (409, nothing changes) and sends the new executive one that decides", async () => {
    const agency = await createAgency();
    const { who, app, oldLink } = await waiting(agency);
    const successor = `new-director-${unique()}@${agency.domain}`;
    const res = await patchAgency(agency.id, {
      executive: { name: "ผู้อำนวยการคนใหม่", position: "ผู้อำนวยการ", email: successor },
    });
    expect(res.status, await res.clone().text()).toBe(200);

    expect((await new Client().fetch(oldLink)).status).toBe(409);
    await settleOutbox();
    const before = await snapshot();
    expect((await decide(oldLink, "approve")).status).toBe(409);
    expect(await snapshot()).toEqual(before);

    const fresh = await approvalLink(successor);
    const page = await (await new Client().fetch(fresh)).text();
    expect(page).toContain(successor);
    expect(page).not.toContain(agency.executiveEmail!);
    expect(
      ((await getApplication(who.client, app.id)) as unknown as { approver: { email: string } }).approver,
    ).toMatchObject({ email: successor });
    expect((await decide(fresh, "approve")).status).toBe(200);
    expect((await getApplication(who.client, app.id)).status).toBe("approved");

    const [audit] = await rows(
      "SELECT actor, detail FROM audit_events WHERE action = 'application.approvers_changed' AND subject = ?",
      `application:${app.id}`,
    );
    expect(audit!.actor).toBe("admin:admin@dga.or.th");
    expect(JSON.parse(audit!.detail as string)).toMatchObject({
      linksRevoked: [agency.executiveEmail],
      linksSent: [successor],
    });
  });

  it("the day-3 reminder goes to the new executive, not the old one", async () => {
    const agency = await createAgency();
    await waiting(agency);
    const successor = `new-director-${unique()}@${agency.domain}`;
    expect(
      (await patchAgency(agency.id, { executive: { name: "ใหม่", position: "ผู้อำนวยการ", email: successor } })).status,
    ).toBe(200);
    const oldBefore = (await approvalMails(agency.executiveEmail!)).length;
    setDevClockOffset(3 * DAY + 60_000);
    expect((await new Client().json("POST", "/dev/cron")).status).toBe(200);
    expect((await approvalMails(agency.executiveEmail!)).length).toBe(oldBefore);
    const toSuccessor = await approvalMails(successor);
    expect(toSuccessor.length).toBe(2); // the request on the change, then the reminder
  });
});

describe("deputies and fallback", () => {
  it("a removed deputy's link dies; an added deputy gets one; the executive's link lives on", async () => {
    const agency = await createAgency();
    const removed = `old-deputy-${unique()}@${agency.domain}`;
    await db
      .update(agencies)
      .set({ delegateEmails: JSON.stringify([removed]) })
      .where(eq(agencies.id, agency.id));
    const { who, app, oldLink } = await waiting(agency);
    const removedLink = await approvalLink(removed);
    const added = `new-deputy-${unique()}@${agency.domain}`;
    expect((await patchAgency(agency.id, { delegateEmails: [added] })).status).toBe(200);
    expect((await new Client().fetch(removedLink)).status).toBe(409);
    expect((await decide(removedLink, "approve")).status).toBe(409);
    expect((await new Client().fetch(oldLink)).status).toBe(200);
    expect((await approvalMails(agency.executiveEmail!)).length).toBe(1); // no second link for a kept approver
    expect((await decide(await approvalLink(added), "reject", "ยังไม่ถึงเวลา")).status).toBe(200);
    expect((await getApplication(who.client, app.id)).status).toBe("rejected");
  });

  it("with nobody left to approve, the application goes to administrators (awaiting_review) and every link dies", async () => {
    const agency = await createAgency();
    const { who, app, oldLink } = await waiting(agency);
    expect((await patchAgency(agency.id, { executive: null })).status).toBe(200);
    expect((await getApplication(who.client, app.id)).status).toBe("awaiting_review");
    expect((await new Client().fetch(oldLink)).status).toBe(409);
    expect((await decide(oldLink, "approve")).status).toBe(409);
  });

  it("changing only the agency's name leaves the links alone", async () => {
    const agency = await createAgency();
    const { oldLink } = await waiting(agency);
    expect((await patchAgency(agency.id, { nameEn: `Renamed ${unique()}` })).status).toBe(200);
    expect((await new Client().fetch(oldLink)).status).toBe(200);
    expect((await approvalMails(agency.executiveEmail!)).length).toBe(1);
  });
});

describe("a change racing new applications", () => {
  it("every application submitted around the change ends with the new executive, and the old one holds no live link", async () => {
    const agency = await createAgency();
    const officials = await Promise.all(Array.from({ length: 12 }, () => applicant(agency)));
    const successor = `racing-director-${unique()}@${agency.domain}`;
    const results = await Promise.all([
      ...officials.map((who) => who.client.json("POST", "/api/v1/applications", applicationBody(agency.id))),
      patchAgency(agency.id, { executive: { name: "ใหม่", position: "ผู้อำนวยการ", email: successor } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([...Array<number>(12).fill(201), 200].sort());
    const apps = await rows("SELECT approver_email, status FROM applications WHERE agency_id = ?", agency.id);
    expect(apps).toHaveLength(12);
    for (const app of apps) expect(app).toEqual({ approver_email: successor, status: "awaiting_executive" });
    const live = await rows(
      "SELECT t.email FROM one_time_tokens t JOIN applications a ON a.id = t.application_id WHERE a.agency_id = ? AND t.purpose = 'approval' AND t.used_at IS NULL AND t.revoked_at IS NULL",
      agency.id,
    );
    expect(new Set(live.map((t) => t.email))).toEqual(new Set([successor]));
    expect(live).toHaveLength(12);
  });
});
