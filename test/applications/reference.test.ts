import { describe, expect, it } from "vitest";
import { createAgency } from "../helpers/fixtures";
import { signInAdmin } from "../helpers/auth-db";
import { applicant, submit } from "../helpers/flow-approval";
import { outboxTo, rows } from "../helpers/db";

// เลขที่คำขอ: a short number people quote on the phone, unique, findable by administrators.

describe("an application's reference", () => {
  it("is six digits, unique across applications submitted at once, and finds its application", async () => {
    const agency = await createAgency();
    const people = await Promise.all(Array.from({ length: 6 }, () => applicant(agency)));
    const apps = await Promise.all(people.map((p) => submit(p, agency.id)));
    const references = apps.map((a) => (a as unknown as { reference: string }).reference);
    for (const r of references) expect(r).toMatch(/^\d{6}$/);
    expect(new Set(references).size).toBe(6);

    // Each applicant's receipt quotes their own reference, written in the submission's batch.
    for (const [i, p] of people.entries()) {
      const [receipt] = (await outboxTo(p.email)).filter((m) => m.template === "application_received");
      expect(String(receipt!.subject)).toContain(references[i]);
      expect(String(receipt!.text)).toContain(references[i]);
      expect(String(receipt!.html)).toContain(references[i]);
      expect(String(receipt!.text)).not.toContain("REFERENCE-TO-FILL");
    }

    const admin = await signInAdmin();
    const res = await admin.fetch(`/api/v1/admin/applications?q=${references[2]}`);
    const { applications } = (await res.json()) as { applications: { id: string }[] };
    expect(applications.map((a) => a.id)).toEqual([apps[2]!.id]);
  });
});

describe("numbering that survives renumbered rows", () => {
  it("takes the next number after the highest given, whatever the rows' order", async () => {
    const agency = await createAgency();
    const first = await submit(await applicant(agency), agency.id);
    // As after an export and import that renumbered the rows: the highest reference is far ahead.
    await rows("UPDATE applications SET reference = '000900' WHERE id = ?", first.id);
    const next = await submit(await applicant(agency), agency.id);
    expect((next as unknown as { reference: string }).reference).toBe("000901");
  });
});
