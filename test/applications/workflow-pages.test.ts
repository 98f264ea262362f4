import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency, ensureTerms, unique } from "../helpers/fixtures";
import { applicant, approvalLink, getApplication, steward, verify, type Applicant } from "../helpers/flow-approval";
import { asPage, open, redirected, textOf } from "../helpers/pages-forms";
import { signInAdmin } from "../helpers/auth-db";
import { outboxTo, rows, snapshot } from "../helpers/db";

/** The application workflow driven through its HTML forms: applicant, executive, DGA, steward. */

let admin: Client;
beforeAll(async () => {
  await ensureTerms();
  admin = await signInAdmin();
  // The administrator reads the console in English; the applicants' pages stay in Thai.
  admin.cookies.set("steward_lang", "en");
});

const fields = { position: "นักวิเคราะห์ข้อมูล", phone: "02 111 2222", reason: "เผยแพร่ชุดข้อมูลของหน่วยงาน" };
const one = async (sql: string, ...params: unknown[]) => (await rows(sql, ...params))[0]!;
const statusOf = async (id: string) => (await one("SELECT status FROM applications WHERE id = ?", id)).status;
const audited = (action: string, subject: string) =>
  rows("SELECT actor, detail FROM audit_events WHERE action = ? AND subject = ?", action, subject);

/** Applies through the /apply form; returns the new application's id. */
async function applyByPage(who: Applicant, agencyId: string, extra: Record<string, string> = {}): Promise<string> {
  const page = await open(who.client, "/apply");
  const location = redirected(
    await page.submit(who.client, "/apply", { agencyId, ...fields, ...extra }),
    /^\/applications\/app_[A-Za-z0-9_]+\?done=submitted$/,
  );
  return location.split("/").pop()!.split("?")[0]!;
}

/** The executive opens the e-mailed link and presses a button. */
async function executiveDecides(approverEmail: string, decision: "approve" | "reject") {
  const link = await approvalLink(approverEmail);
  const executive = new Client();
  const page = await open(executive, link);
  return asPage(link, await page.submit(executive, null, { decision }));
}

describe("the applicant's forms", () => {
  it("withdraw: the application is withdrawn and the executive's link closes", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const id = await applyByPage(who, agency.id);
    const link = await approvalLink(agency.executiveEmail!);
    const page = await open(who.client, `/applications/${id}`);
    redirected(await page.submit(who.client, `/applications/${id}/withdraw`), `/applications/${id}`);
    expect(await statusOf(id)).toBe("withdrawn");
    expect((await getApplication(who.client, id)).status).toBe("withdrawn");
    expect(await audited("application.withdrawn", `application:${id}`)).toHaveLength(1);
    expect((await admin.fetch(link)).status).toBe(409);
    const after = await open(who.client, `/applications/${id}`);
    expect(after.has(`/applications/${id}/withdraw`)).toBe(false);
    expect(textOf(after.html)).toContain("ถอนคำขอแล้ว");
  });

  it("nominated approver: waits for DGA, who confirms it on the admin page; the nominee gets the link", async () => {
    const agency = await createAgency({ executive: false });
    const who = await applicant(agency);
    const nominee = `chief.${unique()}@${agency.domain}`;
    // Some but not all of the approver's fields: the page refuses and nothing is created.
    const apply = await open(who.client, "/apply");
    expect(apply.html).toContain("ไม่มีข้อมูลผู้บริหาร");
    await asPage(
      "/apply",
      await apply.submit(who.client, "/apply", { agencyId: agency.id, ...fields, approverName: "นาย ผู้อนุมัติ" }),
      400,
    );
    expect(await rows("SELECT id FROM applications WHERE agency_id = ?", agency.id)).toEqual([]);

    const id = await applyByPage(who, agency.id, {
      approverName: "นาย ผู้อนุมัติ",
      approverPosition: "ผู้อำนวยการกอง",
      approverEmail: nominee,
    });
    expect(await one("SELECT status, approver_email, approver_nominated FROM applications WHERE id = ?", id)).toEqual({
      status: "awaiting_approver",
      approver_email: nominee,
      approver_nominated: 1,
    });
    expect((await getApplication(who.client, id)).status).toBe("awaiting_review");
    expect(textOf((await open(who.client, `/applications/${id}`)).html)).toContain("เสนอชื่อโดยผู้ยื่นคำขอ รอ สพร. ยืนยัน");
    expect(await outboxTo(nominee)).toEqual([]);

    const adminPage = await open(admin, "/admin/review");
    const form = adminPage.form(`/admin/applications/${id}/approver`);
    expect(form.defaults).toMatchObject({ name: "นาย ผู้อนุมัติ", position: "ผู้อำนวยการกอง", email: nominee });
    redirected(
      await adminPage.submit(admin, `/admin/applications/${id}/approver`, { position: "ผู้อำนวยการสำนัก" }),
      "/admin/review?done=approver",
    );
    expect(await one("SELECT status, approver_position FROM applications WHERE id = ?", id)).toEqual({
      status: "awaiting_executive",
      approver_position: "ผู้อำนวยการสำนัก",
    });
    expect(await audited("application.approver_confirmed", `application:${id}`)).toHaveLength(1);
    expect(await outboxTo(nominee)).toHaveLength(1);
    const approval = await open(admin, await approvalLink(nominee));
    expect(textOf(approval.html)).toContain(who.email);
    expect((await open(admin, "/admin/review?done=approver")).html).toContain("Approver confirmed");
  });
});

describe("DGA's review on the admin page", () => {
  it("return needs a reason; returned, resubmitted, then approved; another one rejected", async () => {
    const agency = await createAgency({ reviewRequired: true });
    const who = await applicant(agency);
    const id = await applyByPage(who, agency.id);
    const oldLink = await approvalLink(agency.executiveEmail!);
    expect((await executiveDecides(agency.executiveEmail!, "approve")).html).toContain("สพร.");
    expect(await statusOf(id)).toBe("awaiting_review");

    let page = await open(admin, "/admin/review");
    const before = await snapshot();
    const refused = await asPage(
      "/admin/review",
      await page.submit(admin, `/admin/applications/${id}/return`, { reason: "  " }),
      400,
    );
    expect(refused.html).toContain("A returned application needs a reason.");
    expect(refused.has(`/admin/applications/${id}/return`)).toBe(true);
    expect(await snapshot()).toEqual(before);

    const reason = "กรุณาระบุตำแหน่งให้ตรงกับคำสั่งแต่งตั้ง";
    redirected(await page.submit(admin, `/admin/applications/${id}/return`, { reason }), "/admin/review?done=reviewed");
    expect(await one("SELECT status, decision_reason FROM applications WHERE id = ?", id)).toEqual({
      status: "returned",
      decision_reason: reason,
    });
    expect(await audited("application.admin_returned", `application:${id}`)).toHaveLength(1);

    const mine = await open(who.client, `/applications/${id}`);
    expect(textOf(mine.html)).toContain(reason);
    expect(mine.form(`/applications/${id}/resubmit`).defaults).toEqual(fields);
    redirected(
      await mine.submit(who.client, `/applications/${id}/resubmit`, { position: "หัวหน้ากลุ่มงานข้อมูล" }),
      `/applications/${id}?done=resubmitted`,
    );
    expect(await one("SELECT status, position FROM applications WHERE id = ?", id)).toEqual({
      status: "awaiting_executive",
      position: "หัวหน้ากลุ่มงานข้อมูล",
    });
    expect(await approvalLink(agency.executiveEmail!)).not.toBe(oldLink);
    expect((await admin.fetch(oldLink)).status).not.toBe(200);

    await executiveDecides(agency.executiveEmail!, "approve");
    page = await open(admin, "/admin/review");
    redirected(await page.submit(admin, `/admin/applications/${id}/approve`), "/admin/review?done=reviewed");
    expect(await statusOf(id)).toBe("approved");
    expect(await rows("SELECT status FROM memberships WHERE application_id = ?", id)).toEqual([{ status: "active" }]);

    const other = await applicant(agency);
    const otherId = await applyByPage(other, agency.id);
    await executiveDecides(agency.executiveEmail!, "approve");
    page = await open(admin, "/admin/review");
    redirected(
      await page.submit(admin, `/admin/applications/${otherId}/reject`, { reason: "ซ้ำกับผู้ดูแลเดิม" }),
      "/admin/review?done=reviewed",
    );
    expect(await one("SELECT status, decision_reason FROM applications WHERE id = ?", otherId)).toEqual({
      status: "rejected",
      decision_reason: "ซ้ำกับผู้ดูแลเดิม",
    });
    expect(await rows("SELECT id FROM memberships WHERE application_id = ?", otherId)).toEqual([]);
    expect((await getApplication(other.client, otherId)).status).toBe("rejected");
  });
});

/** A steward with a publish key (made through the JSON API: the key pages are tested elsewhere). */
async function stewardWithKey() {
  const agency = await createAgency();
  const s = await steward(agency);
  const res = await s.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] });
  expect(res.status).toBe(201);
  const { secret } = (await res.json()) as { secret: string };
  expect((await verify(secret)).body.code).toBe("VALID");
  return { ...s, agency, secret };
}

describe("the steward's roles page", () => {
  it("lists the membership; hand over creates a pending handover; give up (confirmed) revokes it and its keys", async () => {
    const s = await stewardWithKey();
    const mid = s.membershipId;
    let page = await open(s.client, "/roles");
    expect(page.headers.get("cache-control")).toContain("no-store");
    expect(textOf(page.html)).toContain(mid);
    expect(textOf(page.html)).toContain(`หน่วยงานทดสอบ ${s.agency.id}`);

    const successor = `next.${unique()}@${s.agency.domain}`;
    redirected(
      await page.submit(s.client, `/roles/${mid}/handover`, { successorEmail: successor }),
      "/roles?done=handover",
    );
    expect(await rows("SELECT status, successor_email, agency_id FROM handovers WHERE membership_id = ?", mid)).toEqual(
      [{ status: "pending", successor_email: successor, agency_id: s.agency.id }],
    );
    expect(await outboxTo(successor)).toHaveLength(1);
    page = await open(s.client, "/roles?done=handover");
    expect(textOf(page.html)).toContain(`กำลังส่งมอบให้ ${successor}`);
    expect(page.has(`/roles/${mid}/handover`)).toBe(false);

    // Without the confirmation box ticked: refused, nothing changes.
    const cancel = page.form(`/roles/${mid}/cancel`);
    expect(cancel.choices.get("confirm")).toEqual(new Set(["yes"]));
    expect(cancel.defaults.confirm).toBeUndefined();
    await asPage("/roles", await page.submit(s.client, `/roles/${mid}/cancel`, { reason: "ย้ายไปหน่วยงานอื่น" }), 400);
    expect(await one("SELECT status FROM memberships WHERE id = ?", mid)).toEqual({ status: "active" });
    expect((await verify(s.secret)).body.code).toBe("VALID");

    redirected(
      await page.submit(s.client, `/roles/${mid}/cancel`, { reason: "ย้ายไปหน่วยงานอื่น", confirm: "yes" }),
      "/roles?done=cancelled",
    );
    expect(await one("SELECT status FROM memberships WHERE id = ?", mid)).toEqual({ status: "revoked" });
    expect((await verify(s.secret)).body.code).toBe("REVOKED");
    expect(await audited("membership.cancelled", `membership:${mid}`)).toHaveLength(1);
    page = await open(s.client, "/roles");
    expect(textOf(page.html)).toContain("เพิกถอนแล้ว");
    expect(page.has(`/roles/${mid}/cancel`)).toBe(false);
  });
});

describe("another user's ids in the page forms", () => {
  it("are 404 and change nothing: withdraw, resubmit, give up, hand over, rotate and delete a key", async () => {
    const s = await stewardWithKey();
    const other = await applicant(s.agency);
    const otherApp = await applyByPage(other, s.agency.id);
    const [key] = await rows("SELECT id FROM api_keys WHERE user_id = ?", s.userId);
    const before = await snapshot();
    const posts: [Client, string, Record<string, string>][] = [
      [s.client, `/applications/${otherApp}/withdraw`, {}],
      [s.client, `/applications/${otherApp}/resubmit`, fields],
      [other.client, `/roles/${s.membershipId}/cancel`, { reason: "x", confirm: "yes" }],
      [other.client, `/roles/${s.membershipId}/handover`, { successorEmail: `z.${unique()}@${s.agency.domain}` }],
      [other.client, `/keys/${key!.id}/rotate`, { graceSeconds: "0" }],
      [other.client, `/keys/${key!.id}/delete`, {}],
    ];
    for (const [client, path, body] of posts) await asPage(path, await client.form(path, body), 404);
    await open(s.client, `/applications/${otherApp}`, 404);
    expect(await snapshot()).toEqual(before);
    expect(await rows("SELECT id FROM handovers WHERE membership_id = ?", s.membershipId)).toEqual([]);
    expect((await verify(s.secret)).body.code).toBe("VALID");
  });
});
