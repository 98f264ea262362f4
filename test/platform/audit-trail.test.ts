import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { createAgency } from "../helpers/fixtures";
import { expectProblem, signInAdmin } from "../helpers/auth-db";
import { steward } from "../helpers/flow-approval";
import { rows } from "../helpers/db";
import { describeAuditEvent } from "../../src/text/audit";
import { bangkokDay, bangkokTimestamp } from "../../src/text/dates";

// The audit trail's filters, paging and words (CONTRACT: GET /api/v1/admin/audit).

interface Event {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  description: { th: string; en: string };
}

let admin: Client;
beforeAll(async () => {
  admin = await signInAdmin();
});

async function audit(query: string) {
  const res = await admin.fetch(`/api/v1/admin/audit?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { events: Event[]; nextCursor?: string };
}

const revoke = (id: string, reason: string) => admin.json("POST", `/api/v1/admin/memberships/${id}/revoke`, { reason });

describe("filters", () => {
  it("by agency: the agency's applications, roles and keys, nobody else's", async () => {
    const agency = await createAgency();
    const s = await steward(agency);
    const other = await steward(await createAgency());
    expect((await revoke(s.membershipId, "ย้ายงาน")).status).toBe(200);
    const { events } = await audit(`agencyId=${agency.id}&limit=100`);
    const subjects = new Set(events.map((e) => e.subject));
    expect(subjects).toContain(`application:${s.applicationId}`);
    expect(subjects).toContain(`membership:${s.membershipId}`);
    expect(subjects).not.toContain(`application:${other.applicationId}`);
  });

  it("by action or action family, by subject, by actor", async () => {
    const s = await steward(await createAgency());
    expect((await revoke(s.membershipId, "ทดสอบ")).status).toBe(200);
    const subject = `membership:${s.membershipId}`;
    const exact = await audit(`action=membership.revoked&subject=${encodeURIComponent(subject)}`);
    expect(exact.events.map((e) => e.action)).toEqual(["membership.revoked"]);
    const family = await audit(`action=membership&subject=${encodeURIComponent(subject)}`);
    expect(family.events.every((e) => e.action.startsWith("membership."))).toBe(true);
    expect(family.events.length).toBeGreaterThanOrEqual(2);
    const bare = await audit(`subject=${s.membershipId}`);
    expect(bare.events.map((e) => e.subject)).toContain(subject);
    const byActor = await audit(`actor=${encodeURIComponent(s.email)}&limit=100`);
    expect(byActor.events.length).toBeGreaterThan(0);
    expect(byActor.events.every((e) => e.actor.includes(s.email))).toBe(true);
  });

  it("by Bangkok days: from and to bound the events", async () => {
    const s = await steward(await createAgency());
    const [first] = await rows(
      "SELECT at FROM audit_events WHERE subject = ? ORDER BY at LIMIT 1",
      `application:${s.applicationId}`,
    );
    const at = Number(first!.at);
    const day = bangkokTimestamp(at).slice(0, 10);
    const inside = await audit(`from=${day}&to=${day}&subject=application:${s.applicationId}`);
    expect(inside.events.length).toBeGreaterThan(0);
    const before = bangkokTimestamp(at - 86_400_000).slice(0, 10);
    expect((await audit(`to=${before}&subject=application:${s.applicationId}`)).events).toEqual([]);
    expect(bangkokDay(day)!.start).toBeLessThanOrEqual(at);
    expect(bangkokDay(day)!.end).toBeGreaterThanOrEqual(at);
  });

  it("refuses a malformed date, action or cursor with 400", async () => {
    await expectProblem(await admin.fetch("/api/v1/admin/audit?from=yesterday"), 400, "invalid_request");
    await expectProblem(await admin.fetch("/api/v1/admin/audit?from=2026-02-30"), 400, "invalid_request");
    await expectProblem(await admin.fetch("/api/v1/admin/audit?action=DROP%20TABLE"), 400, "invalid_request");
    await expectProblem(await admin.fetch("/api/v1/admin/audit?cursor=%00"), 400, "invalid_request");
  });
});

describe("paging and words", () => {
  it("pages newest first without repeating or skipping an event", async () => {
    await steward(await createAgency());
    const first = await audit("limit=5");
    const second = await audit(`limit=5&cursor=${first.nextCursor}`);
    const all = await audit("limit=10");
    expect([...first.events, ...second.events].map((e) => e.id)).toEqual(all.events.map((e) => e.id));
  });

  it("describes each event in a Thai sentence (and English)", async () => {
    const s = await steward(await createAgency());
    expect((await revoke(s.membershipId, "ลาออก")).status).toBe(200);
    const [event] = (await audit(`action=membership.revoked&subject=membership:${s.membershipId}`)).events;
    expect(event!.description.th).toContain("ผู้ดูแลระบบ admin@dga.or.th");
    expect(event!.description.th).toContain("เพิกถอนบทบาทผู้ดูแลข้อมูล");
    expect(event!.description.th).toContain("เหตุผล: ลาออก");
    // Named in words, not by its id: the steward and the agency.
    expect(event!.description.th).toContain(s.name);
    expect(event!.description.th).not.toContain(s.membershipId);
    expect(event!.description.en).toContain("Revoked the steward role");
    expect(describeAuditEvent({ actor: "system", action: "made.up", subject: "x", detail: "not json" }).th).toBe(
      "ระบบ: made.up (x)",
    );
  });

  it("the CSV applies the same filters, with Bangkok time and the Thai sentence", async () => {
    const s = await steward(await createAgency());
    expect((await revoke(s.membershipId, "ตรวจสอบ")).status).toBe(200);
    const res = await admin.fetch(`/api/v1/admin/audit?format=csv&subject=membership:${s.membershipId}`);
    const table = parse(new TextDecoder().decode(await res.arrayBuffer()), { bom: true }) as string[][];
    const [header, ...body] = table;
    expect(body.length).toBeGreaterThanOrEqual(2);
    expect(body.every((r) => r[header!.indexOf("เรื่อง")] === `membership:${s.membershipId}`)).toBe(true);
    const revoked = body.find((r) => r[header!.indexOf("รหัสเหตุการณ์")] === "membership.revoked")!;
    const utc = Date.parse(revoked[header!.indexOf("เวลา (UTC)")]!);
    expect(revoked[header!.indexOf("เวลา (กรุงเทพฯ)")]).toBe(bangkokTimestamp(utc));
    expect(revoked[header!.indexOf("เหตุการณ์")]).toContain("เพิกถอนบทบาทผู้ดูแลข้อมูล");
  });
});
