import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agencies } from "../../src/db/schema";
import { Client, codeIn, lastMailTo, mailTo } from "../helpers/client";
import { createAgency, db, unique } from "../helpers/fixtures";
import { applicant, approvalLink, decide, getApplication, submit } from "../helpers/flow-approval";
import { signInAdmin } from "../helpers/auth-db";
import { rows } from "../helpers/db";

describe("agency approval policies", () => {
  it("an applicant nominates the approver of an agency with no executive; an administrator confirms; then the e-mail goes out", async () => {
    const agency = await createAgency({ executive: false });
    const who = await applicant(agency);
    const nominee = { name: "นายทดสอบ ผู้อำนวยการ", position: "ผู้อำนวยการ", email: `dir.${unique("n")}@${agency.domain}` };
    const refused = await who.client.json("POST", "/api/v1/applications", {
      agencyId: agency.id,
      role: "steward",
      position: "นักวิชาการ",
      phone: "021234567",
      reason: "r",
      approver: { ...nominee, email: "boss@gmail.com" },
    });
    expect(refused.status).toBe(422);
    const app = await submit(who, agency.id, { approver: nominee });
    expect(app.status).toBe("awaiting_review");
    expect(await mailTo(nominee.email)).toHaveLength(0);

    const admin = await signInAdmin();
    const confirmed = await admin.json("POST", `/api/v1/admin/applications/${app.id}/approver`, nominee);
    expect(confirmed.status).toBe(200);
    expect(
      ((await confirmed.json()) as { application: { status: string; approver: { email: string; nominated: boolean } } })
        .application,
    ).toMatchObject({ status: "awaiting_executive", approver: { email: nominee.email } });
    expect((await decide(await approvalLink(nominee.email), "approve")).status).toBe(200);
    expect((await getApplication(who.client, app.id)).status).toBe("approved");
  });

  it("refuses a nomination when the agency's executive is on file", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const res = await who.client.json("POST", "/api/v1/applications", {
      agencyId: agency.id,
      role: "steward",
      position: "p",
      phone: "021234567",
      reason: "r",
      approver: { name: "x", position: "y", email: `z@${agency.domain}` },
    });
    expect(res.status).toBe(400);
  });

  it("the approval page names everyone who may decide, and the decision records the deputy who decided", async () => {
    const agency = await createAgency();
    const deputy = `deputy.${unique("d")}@${agency.domain}`;
    await db
      .update(agencies)
      .set({ delegateEmails: JSON.stringify([deputy]) })
      .where(eq(agencies.id, agency.id));
    const who = await applicant(agency);
    const app = await submit(who, agency.id);
    const page = await (await new Client().fetch(await approvalLink(agency.executiveEmail!))).text();
    expect(page).toContain(agency.executiveEmail!);
    expect(page).toContain(deputy);
    expect((await decide(await approvalLink(deputy), "reject", "ไม่ใช่เจ้าหน้าที่ของกอง")).status).toBe(200);
    const decided = await getApplication(who.client, app.id);
    expect(decided).toMatchObject({ status: "rejected", decidedBy: deputy });
    expect((await lastMailTo(who.email)).text).toContain(deputy);
  });

  describe("stronger approval", () => {
    async function strongAgency() {
      const agency = await createAgency();
      await db.update(agencies).set({ strongerApproval: true }).where(eq(agencies.id, agency.id));
      const who = await applicant(agency);
      const app = await submit(who, agency.id);
      return { agency, who, app, link: await approvalLink(agency.executiveEmail!) };
    }

    it("holds the decision until the code e-mailed to the approver is typed", async () => {
      const { agency, who, app, link } = await strongAgency();
      const executive = new Client();
      const asked = await executive.form(link, { decision: "approve", reason: "เห็นชอบ" });
      expect(asked.status).toBe(200);
      const page = await asked.text();
      expect(page).toContain('name="code"');
      expect(page).toContain('name="decision" value="approve"');
      expect((await getApplication(who.client, app.id)).status).toBe("awaiting_executive");
      const code = codeIn(await lastMailTo(agency.executiveEmail!));

      const wrong = await executive.form(link, {
        decision: "approve",
        reason: "เห็นชอบ",
        code: code === "000000" ? "111111" : "000000",
      });
      expect(wrong.status).toBe(400);
      expect((await getApplication(who.client, app.id)).status).toBe("awaiting_executive");
      // A code confirms only the decision it was mailed for: posted with another, it is refused.
      expect((await executive.form(link, { decision: "reject", code })).status).toBe(400);
      expect((await getApplication(who.client, app.id)).status).toBe("awaiting_executive");
      const done = await executive.form(link, { decision: "approve", code });
      expect(done.status).toBe(200);
      expect((await getApplication(who.client, app.id)).status).toBe("approved");
      const [decision] = await rows("SELECT decided_by FROM applications WHERE id = ?", app.id);
      expect(decision!.decided_by).toBe(agency.executiveEmail);
      expect((await executive.form(link, { decision: "approve", code })).status).toBe(409);
    });

    it("the code form's errors: summary linking the code, its message, aria-invalid, the title's prefix; the decision kept", async () => {
      const { agency, who, app, link } = await strongAgency();
      const executive = new Client();
      await executive.form(link, { decision: "reject", reason: "ไม่ใช่เจ้าหน้าที่" });
      const code = codeIn(await lastMailTo(agency.executiveEmail!));
      const short = await executive.form(link, { decision: "reject", reason: "ไม่ใช่เจ้าหน้าที่", code: "12" });
      expect(short.status).toBe(400);
      const page = await short.text();
      expect(page).toMatch(/<title>ข้อผิดพลาด: /);
      expect(page).toMatch(/<div class="error-summary"[^>]*>[\s\S]*href="#code"/);
      expect(page).toContain('id="code-error"');
      expect(page).toContain("กรอกรหัส 6 หลักจากอีเมล");
      expect(/<input\b[^>]*name="code"[^>]*>/.exec(page)![0]).toMatch(
        /aria-invalid="true"[^>]*aria-describedby="code-error code-hint"/,
      );
      expect(page).toContain('name="decision" value="reject"');
      expect(page).toContain('name="reason" value="ไม่ใช่เจ้าหน้าที่"');

      const wrong = await executive.form(
        link,
        { decision: "reject", reason: "ไม่ใช่เจ้าหน้าที่", code: code === "000000" ? "111111" : "000000" },
        { "Accept-Language": "en" },
      );
      expect(wrong.status).toBe(400);
      const english = await wrong.text();
      expect(english).toMatch(/<title>Error: /);
      expect(english).toMatch(/href="#code">Wrong code: 4 more tries/);
      expect(english).not.toContain("รหัสไม่ถูกต้อง");
      expect((await getApplication(who.client, app.id)).status).toBe("awaiting_executive");
    });

    it("kills the code after five wrong tries", async () => {
      const { agency, who, app, link } = await strongAgency();
      const executive = new Client();
      await executive.form(link, { decision: "reject" });
      const code = codeIn(await lastMailTo(agency.executiveEmail!));
      const wrong = code === "000000" ? "111111" : "000000";
      for (let i = 0; i < 5; i++)
        expect((await executive.form(link, { decision: "reject", code: wrong })).status).toBe(400);
      expect((await executive.form(link, { decision: "reject", code })).status).toBe(429);
      expect((await getApplication(who.client, app.id)).status).toBe("awaiting_executive");
    });
  });
});
