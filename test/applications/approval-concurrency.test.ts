import { describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency } from "../helpers/fixtures";
import { applicant, approvalLink, decide, getApplication, submit } from "../helpers/flow-approval";
import { outboxTo, rows, settleOutbox } from "../helpers/db";

async function pendingApplication() {
  const agency = await createAgency();
  const who = await applicant(agency);
  const application = await submit(who, agency.id);
  const link = await approvalLink(agency.executiveEmail!);
  return { agency, who, application, link };
}

/** What the decision left behind in the database for one application. */
async function traces(applicationId: string, applicantEmail: string) {
  await settleOutbox();
  const [app] = await rows(
    "SELECT status, version, decided_at, decided_by FROM applications WHERE id = ?",
    applicationId,
  );
  const memberships = await rows("SELECT id, status FROM memberships WHERE application_id = ?", applicationId);
  const audit = await rows(
    "SELECT action FROM audit_events WHERE subject = ? ORDER BY rowid",
    `application:${applicationId}`,
  );
  const tokens = await rows(
    "SELECT used_at, used_by, data FROM one_time_tokens WHERE application_id = ? AND used_at IS NOT NULL",
    applicationId,
  );
  const outcomes = (await outboxTo(applicantEmail)).filter(
    (m) => String(m.template).startsWith("application_") && m.template !== "application_received",
  );
  return { app: app!, memberships, actions: audit.map((a) => a.action), tokens, outcomes };
}

describe("concurrent decisions on one approval link", () => {
  it("20 concurrent approvals: one 200, nineteen 409, and exactly one decision", async () => {
    const { who, application, link } = await pendingApplication();
    const responses = await Promise.all(Array.from({ length: 20 }, () => decide(link, "approve")));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(19).fill(409)]);
    for (const res of responses) {
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const body = await res.text();
      if (res.status === 409) expect(body).not.toMatch(/<form\b/i);
    }

    const t = await traces(application.id, who.email);
    expect(t.app.status).toBe("approved");
    expect(t.app.version).toBe(1);
    expect(t.memberships).toEqual([expect.objectContaining({ status: "active" })]);
    expect(t.actions.filter((a) => a === "application.executive_approved")).toHaveLength(1);
    expect(t.actions).toEqual(["application.submitted", "application.executive_approved"]);
    expect(t.tokens).toHaveLength(1);
    expect(t.outcomes.map((m) => m.template)).toEqual(["application_approved"]);
    const grants = await rows(
      "SELECT id FROM audit_events WHERE action = 'membership.granted' AND subject = ?",
      `membership:${t.memberships[0]!.id}`,
    );
    expect(grants).toHaveLength(1);
  });

  it("approve racing reject: one wins, the other gets 409, and the application matches the winner", async () => {
    const { who, application, link } = await pendingApplication();
    const decisions = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? "approve" : "reject"));
    const responses = await Promise.all(decisions.map((d) => decide(link, d, `${d} by race`)));
    const winners = decisions.filter((_, i) => responses[i]!.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(9);

    const t = await traces(application.id, who.email);
    const won = winners[0]!;
    expect(t.app.status).toBe(won === "approve" ? "approved" : "rejected");
    expect(t.memberships).toHaveLength(won === "approve" ? 1 : 0);
    expect(t.actions).toEqual([
      "application.submitted",
      won === "approve" ? "application.executive_approved" : "application.executive_rejected",
    ]);
    expect(t.tokens).toHaveLength(1);
    expect(JSON.parse(String(t.tokens[0]!.data))).toEqual({ decision: won });
    expect(t.outcomes.map((m) => m.template)).toEqual([
      won === "approve" ? "application_approved" : "application_rejected",
    ]);
    expect((await getApplication(who.client, application.id)).status).toBe(t.app.status);

    const again = await new Client().fetch(link, { headers: { "Accept-Language": "en" } });
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(won === "approve" ? /Approved/ : /Rejected/);
  });

  it("a withdrawal racing the executive's approval: exactly one of them takes effect", async () => {
    const { who, application, link } = await pendingApplication();
    const [approve, withdraw] = await Promise.all([
      decide(link, "approve"),
      who.client.json("POST", `/api/v1/applications/${application.id}/withdraw`),
    ]);
    expect([approve.status, withdraw.status].filter((s) => s === 200)).toHaveLength(1);
    expect(approve.status === 200 ? withdraw.status : approve.status).toBe(409);
    const t = await traces(application.id, who.email);
    expect(t.app.status).toBe(approve.status === 200 ? "approved" : "withdrawn");
    expect(t.memberships).toHaveLength(approve.status === 200 ? 1 : 0);
    expect(t.actions).toHaveLength(2);
  });
});
