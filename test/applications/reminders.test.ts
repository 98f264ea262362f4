import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agencies } from "../../src/db/schema";
import { DAY, MINUTE, fixedClock } from "../../src/lib/clock";
import { buildDeps } from "../../src/middleware/deps";
import { runScheduledWork } from "../../src/services/platform/scheduled";
import { Client, mailTo, linkIn } from "../helpers/client";
import { createAgency, db, unique } from "../helpers/fixtures";
import { applicant, decide, submit } from "../helpers/flow-approval";
import { rows } from "../helpers/db";

const at = (ms: number) => ({ ...buildDeps(env), clock: fixedClock(ms) });

async function setup() {
  const agency = await createAgency();
  const deputy = `deputy.${unique("d")}@${agency.domain}`;
  const fallback = `permsec.${unique("f")}@${agency.domain}`;
  await db
    .update(agencies)
    .set({
      delegateEmails: JSON.stringify([deputy]),
      fallbackEmail: fallback,
      fallbackName: "ปลัด",
      fallbackAfterDays: 5,
      reminderDays: "[3,7]",
      approvalTtlDays: 14,
    })
    .where(eq(agencies.id, agency.id));
  const who = await applicant(agency);
  const app = await submit(who, agency.id);
  const [row] = await rows("SELECT sent_at, approval_round FROM applications WHERE id = ?", app.id);
  return { agency, deputy, fallback, who, app, sentAt: row!.sent_at as number };
}

const templatesTo = async (address: string) =>
  (await mailTo(address)).map((m) => (m.subject.startsWith("เตือน") ? "reminder" : "request"));

describe("scheduled reminders, fallback approver and expiry (fixed clock)", () => {
  it("sends the executive and the deputies one link each when the application is sent", async () => {
    const { agency, deputy, fallback } = await setup();
    expect(await templatesTo(agency.executiveEmail!)).toEqual(["request"]);
    expect(await templatesTo(deputy)).toEqual(["request"]);
    expect(await mailTo(fallback)).toHaveLength(0);
  });

  it("reminds on day 3 once, even when the cron runs twice in a minute or concurrently", async () => {
    const { agency, deputy, app, sentAt, who } = await setup();
    await runScheduledWork(at(sentAt + 2 * DAY));
    expect(await templatesTo(agency.executiveEmail!)).toEqual(["request"]);
    const day3 = sentAt + 3 * DAY + MINUTE;
    await runScheduledWork(at(day3));
    await runScheduledWork(at(day3 + 30_000));
    await Promise.all([runScheduledWork(at(day3 + 40_000)), runScheduledWork(at(day3 + 40_000))]);
    expect(await templatesTo(agency.executiveEmail!)).toEqual(["reminder", "request"]);
    expect(await templatesTo(deputy)).toEqual(["reminder", "request"]);
    expect(
      await rows("SELECT day FROM approval_notices WHERE application_id = ? AND kind = 'reminder'", app.id),
    ).toEqual([{ day: 3 }]);
    expect((await mailTo(who.email)).filter((m) => m.subject.includes("ความคืบหน้า"))).toHaveLength(1);
    // The reminder holds a working link that names the applicant.
    const [reminder] = await mailTo(agency.executiveEmail!);
    expect(reminder!.text).toContain(who.name);
    expect((await new Client().fetch(linkIn(reminder!, "/approvals"))).status).toBe(200);
  });

  it("asks the fallback approver on day 5, reminds everyone on day 7, and the fallback may decide", async () => {
    const { agency, fallback, app, sentAt, who } = await setup();
    await runScheduledWork(at(sentAt + 5 * DAY + MINUTE));
    // Day 3 was missed while the cron was down: only the latest due reminder goes out.
    expect(await templatesTo(agency.executiveEmail!)).toEqual(["reminder", "request"]);
    expect(await templatesTo(fallback)).toEqual(["request"]);
    await runScheduledWork(at(sentAt + 7 * DAY + MINUTE));
    expect(await templatesTo(fallback)).toEqual(["reminder", "request"]);
    expect(await templatesTo(agency.executiveEmail!)).toEqual(["reminder", "reminder", "request"]);

    const res = await decide(linkIn((await mailTo(fallback))[0]!, "/approvals"), "approve");
    expect(res.status).toBe(200);
    const [decided] = await rows("SELECT status, decided_by FROM applications WHERE id = ?", app.id);
    expect(decided).toEqual({ status: "approved", decided_by: fallback });
    const outcome = (await mailTo(who.email)).find((m) => m.subject.includes("อนุมัติ"));
    expect(outcome?.text).toContain(fallback);
    // Every other link of the application died with the decision.
    expect((await new Client().fetch(linkIn((await mailTo(agency.executiveEmail!))[0]!, "/approvals"))).status).toBe(
      409,
    );
  });

  it("expires on day 14, tells the applicant, kills the links, and the applicant may resubmit", async () => {
    const { agency, app, sentAt, who } = await setup();
    await runScheduledWork(at(sentAt + 14 * DAY - MINUTE));
    expect((await rows("SELECT status FROM applications WHERE id = ?", app.id))[0]!.status).toBe("awaiting_executive");
    await runScheduledWork(at(sentAt + 14 * DAY + MINUTE));
    await runScheduledWork(at(sentAt + 14 * DAY + 2 * MINUTE));
    expect((await rows("SELECT status FROM applications WHERE id = ?", app.id))[0]!.status).toBe("expired");
    expect(
      await rows(
        "SELECT id FROM audit_events WHERE action = 'application.expired' AND subject = ?",
        `application:${app.id}`,
      ),
    ).toHaveLength(1);
    expect((await mailTo(who.email)).filter((m) => m.subject.includes("หมดอายุ"))).toHaveLength(1);
    expect((await new Client().fetch(linkIn((await mailTo(agency.executiveEmail!))[0]!, "/approvals"))).status).toBe(
      410,
    );

    const again = await who.client.json("POST", `/api/v1/applications/${app.id}/resubmit`, { reason: "ขอยื่นใหม่" });
    expect(again.status, await again.clone().text()).toBe(200);
    expect(((await again.json()) as { application: { status: string } }).application.status).toBe("awaiting_executive");
    // The newest request (reminders written at the test's future clock sort before it).
    const [fresh, first] = (await mailTo(agency.executiveEmail!)).filter((m) => !m.subject.startsWith("เตือน"));
    expect((await new Client().fetch(linkIn(fresh!, "/approvals"))).status).toBe(200);
    // Replaced by the resubmission: 409 (before it, the expired link answered 410).
    expect((await new Client().fetch(linkIn(first!, "/approvals"))).status).toBe(409);
  });
});
